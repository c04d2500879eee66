// Transcoders page state: transcoder mode (connection, jobs, GPU load) and the orchestrator's
// remote transcoders, kept current by transcoders.status events.
import { create } from 'zustand';
import type { TranscodersStatus } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

export interface ConnectionTest {
  ok: boolean;
  message: string;
  ms: number;
}

interface TranscodersState {
  status: TranscodersStatus | null;
  busy: boolean;
  error: string | null;
  test: ConnectionTest | null;
  load(): Promise<void>;
  configure(input: { orchAddr: string; secret?: string; maxSessions: number }): Promise<boolean>;
  testConnection(input: { orchAddr: string; secret?: string; maxSessions: number }): Promise<void>;
  setOrchestratorSecret(secret: string | null): Promise<boolean>;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const useTranscodersStore = create<TranscodersState>((set) => ({
  status: null,
  busy: false,
  error: null,
  test: null,
  async load() {
    try {
      set({ status: await api.transcoders.status({}), error: null });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async configure(input) {
    set({ busy: true, error: null });
    try {
      set({ status: await api.transcoders.configure(input), busy: false });
      return true;
    } catch (err) {
      set({ busy: false, error: message(err) });
      return false;
    }
  },
  async testConnection(input) {
    set({ busy: true, error: null, test: null });
    try {
      set({ test: await api.transcoders.testConnection(input), busy: false });
    } catch (err) {
      set({ busy: false, error: message(err) });
    }
  },
  async setOrchestratorSecret(secret) {
    set({ busy: true, error: null });
    try {
      set({ status: await api.transcoders.setOrchestratorSecret({ secret }), busy: false });
      return true;
    } catch (err) {
      set({ busy: false, error: message(err) });
      return false;
    }
  },
}));

export function connectTranscodersStore(transport: Transport): () => void {
  const offs = [
    onEvent(transport, 'transcoders.status', (status) => useTranscodersStore.setState({ status })),
    transport.onConnection((connected) => {
      if (connected) void useTranscodersStore.getState().load();
    }),
  ];
  return () => offs.forEach((off) => off());
}
