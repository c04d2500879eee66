import { create } from 'zustand';
import type { DemoTrafficStatus, OrchestratorStats, WinningTicketEntry } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';
import { useSettingsStore } from './settings-store.ts';

interface OrchestratorState {
  stats: OrchestratorStats | null;
  demo: DemoTrafficStatus | null;
  /** Winning tickets, newest first (null until loaded). */
  tickets: WinningTicketEntry[] | null;
}

const TICKETS_SHOWN = 20;

export const useOrchestratorStore = create<OrchestratorState>(() => ({ stats: null, demo: null, tickets: null }));

/** Tickets and totals are the selected network's: reloaded when the network changes. */
function loadNetworkData(): void {
  void api.orchestrator.stats().then(
    (stats) => useOrchestratorStore.setState({ stats }),
    () => undefined,
  );
  void api.orchestrator.tickets({ limit: TICKETS_SHOWN }).then(
    (tickets) => useOrchestratorStore.setState({ tickets }),
    () => useOrchestratorStore.setState({ tickets: [] }),
  );
}

export function connectOrchestratorStore(transport: Transport): () => void {
  let network: string | null = null;
  const offs = [
    useSettingsStore.subscribe((state) => {
      // Not while saving: the store shows a change at once, before the host has made it.
      const next = state.saving ? null : (state.settings?.network.kind ?? null);
      if (next === null) return;
      if (network !== null && next !== network) {
        // Nothing of the previous network stays on screen while the new one loads.
        useOrchestratorStore.setState({ tickets: null });
        loadNetworkData();
      }
      network = next;
    }),
    onEvent(transport, 'orchestrator.stats', (stats) => useOrchestratorStore.setState({ stats })),
    onEvent(transport, 'orchestrator.demo', (demo) => useOrchestratorStore.setState({ demo })),
    onEvent(transport, 'orchestrator.ticket', (ticket) =>
      useOrchestratorStore.setState(({ tickets }) => ({
        tickets: [ticket, ...(tickets ?? []).filter((t) => t.hash !== ticket.hash)]
          .sort((a, b) => b.receivedAt - a.receivedAt)
          .slice(0, TICKETS_SHOWN),
      })),
    ),
    transport.onConnection((connected) => {
      if (!connected) return;
      loadNetworkData();
      void api.orchestrator.demoStatus().then(
        (demo) => useOrchestratorStore.setState({ demo }),
        () => undefined,
      );
    }),
  ];
  return () => offs.forEach((off) => off());
}

export async function setDemoTraffic(enabled: boolean): Promise<void> {
  const demo = await api.orchestrator.setDemo({ enabled });
  useOrchestratorStore.setState({ demo });
}
