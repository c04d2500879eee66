import { create } from 'zustand';
import type { DemoTrafficStatus, OrchestratorStats, WinningTicketEntry } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

interface OrchestratorState {
  stats: OrchestratorStats | null;
  demo: DemoTrafficStatus | null;
  /** Winning tickets, newest first (null until loaded). */
  tickets: WinningTicketEntry[] | null;
}

const TICKETS_SHOWN = 20;

export const useOrchestratorStore = create<OrchestratorState>(() => ({ stats: null, demo: null, tickets: null }));

export function connectOrchestratorStore(transport: Transport): () => void {
  const offs = [
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
      void api.orchestrator.stats().then(
        (stats) => useOrchestratorStore.setState({ stats }),
        () => undefined,
      );
      void api.orchestrator.demoStatus().then(
        (demo) => useOrchestratorStore.setState({ demo }),
        () => undefined,
      );
      void api.orchestrator.tickets({ limit: TICKETS_SHOWN }).then(
        (tickets) => useOrchestratorStore.setState({ tickets }),
        () => useOrchestratorStore.setState({ tickets: [] }),
      );
    }),
  ];
  return () => offs.forEach((off) => off());
}

export async function setDemoTraffic(enabled: boolean): Promise<void> {
  const demo = await api.orchestrator.setDemo({ enabled });
  useOrchestratorStore.setState({ demo });
}
