import { create } from 'zustand';
import type { AppInfo, Health } from '../../src-shared/contract/index.ts';
import { api, type Transport } from '../api/index.ts';

interface ConnectionState {
  connected: boolean;
  info: AppInfo | null;
  health: Health | null;
  refresh(): Promise<void>;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  connected: false,
  info: null,
  health: null,
  async refresh() {
    const [info, health] = await Promise.all([api.app.info(), api.app.health()]);
    set({ info, health });
  },
}));

export function connectConnectionStore(transport: Transport): () => void {
  return transport.onConnection((connected) => {
    useConnectionStore.setState({ connected });
    if (connected)
      void useConnectionStore
        .getState()
        .refresh()
        .catch(() => undefined);
  });
}
