import { create } from 'zustand';
import { AppError, type Settings, type SettingsPatch } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

interface SettingsState {
  settings: Settings | null;
  saving: boolean;
  error: AppError | null;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<boolean>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  saving: false,
  error: null,
  async load() {
    set({ settings: await api.settings.get() });
  },
  async save(patch) {
    // Shown at once, so quick successive switches build on each other instead of on a stale copy.
    const before = get().settings;
    set({ saving: true, error: null, settings: before ? { ...before, ...patch } : before });
    try {
      set({ settings: await api.settings.update(patch), saving: false });
      return true;
    } catch (err) {
      set({ saving: false, error: err instanceof AppError ? err : new AppError('INTERNAL', String(err)) });
      // Back to what the host really has.
      void get()
        .load()
        .catch(() => undefined);
      return false;
    }
  },
}));

// Another window (or the CLI host's other tab) may change settings: follow the event stream.
export function connectSettingsStore(transport: Transport): () => void {
  const offs = [
    onEvent(transport, 'settings.changed', (settings) => useSettingsStore.setState({ settings })),
    transport.onConnection((connected) => {
      if (connected)
        void useSettingsStore
          .getState()
          .load()
          .catch(() => undefined);
    }),
  ];
  return () => offs.forEach((off) => off());
}
