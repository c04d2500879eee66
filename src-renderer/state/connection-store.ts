import { create } from 'zustand';
import type { AppInfo, Health } from '../../src-shared/contract/index.ts';
import { api, type Transport } from '../api/index.ts';

interface ConnectionState {
  connected: boolean;
  /** Was connected once: a loss now means the host stopped or restarts ("Reconnecting…"). */
  wasConnected: boolean;
  /** The host refused this page's access token (or it had none): the page says how to get the URL. */
  refused: boolean;
  info: AppInfo | null;
  health: Health | null;
  refresh(): Promise<void>;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  connected: false,
  wasConnected: false,
  refused: false,
  info: null,
  health: null,
  async refresh() {
    const [info, health] = await Promise.all([api.app.info(), api.app.health()]);
    set({ info, health });
  },
}));

export function connectConnectionStore(transport: Transport): () => void {
  const stopRefused = transport.onRefused?.(() => useConnectionStore.setState({ refused: true })) ?? (() => undefined);
  const stopConnection = transport.onConnection((connected) => {
    useConnectionStore.setState(connected ? { connected, wasConnected: true, refused: false } : { connected });
    if (connected)
      void useConnectionStore
        .getState()
        .refresh()
        .catch(() => undefined);
  });
  return () => {
    stopRefused();
    stopConnection();
  };
}
