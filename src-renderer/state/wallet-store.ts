// The wallet as the UI knows it: the status main publishes (never a key), which action is running,
// and the last outcome. Passwords and imported secrets are NOT kept here: the forms hold them only
// until they are sent, then clear them.
import { create } from 'zustand';
import type { WalletStatus } from '../../src-shared/contract/index.ts';
import { describeError } from '../api/describe-error.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

export type WalletAction =
  'create' | 'import' | 'unlock' | 'lock' | 'select' | 'export' | 'check' | 'autolock' | 'remember' | 'scan';

export interface Outcome {
  readonly action: WalletAction;
  readonly ok: boolean;
  readonly message: string;
}

interface WalletState {
  status: WalletStatus | null;
  busy: WalletAction | null;
  outcome: Outcome | null;
  load(): Promise<void>;
  /** Runs one wallet call, tracks it as busy, records success or the typed error; resolves to the result or null. */
  run<T>(action: WalletAction, call: () => Promise<T>, success?: (result: T) => string): Promise<T | null>;
  dismiss(): void;
}

export const useWalletStore = create<WalletState>((set) => ({
  status: null,
  busy: null,
  outcome: null,
  async load() {
    set({ status: await api.wallet.status() });
  },
  async run(action, call, success) {
    set({ busy: action, outcome: null });
    try {
      const result = await call();
      const status = isStatus(result) ? result : await api.wallet.status();
      set({ status, busy: null, outcome: success ? { action, ok: true, message: success(result) } : null });
      return result;
    } catch (err) {
      set({ busy: null, outcome: { action, ok: false, message: describeError(err) } });
      return null;
    }
  },
  dismiss() {
    set({ outcome: null });
  },
}));

function isStatus(value: unknown): value is WalletStatus {
  return typeof value === 'object' && value !== null && 'accounts' in value && 'keystoreDir' in value;
}

export function connectWalletStore(transport: Transport): () => void {
  const offs = [
    onEvent(transport, 'wallet.status', (status) => useWalletStore.setState({ status })),
    transport.onConnection((connected) => {
      if (connected)
        void useWalletStore
          .getState()
          .load()
          .catch(() => undefined);
    }),
  ];
  return () => offs.forEach((off) => off());
}
