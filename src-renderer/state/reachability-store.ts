// Reachability as the UI knows it: the router's port forward (pushed as reachability.mapping),
// the last check report, and a pending service URI preview.
import { create } from 'zustand';
import type { ChainTxPreview, ReachabilityMapping, ReachabilityReport } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';
import { describeError } from '../api/describe-error.ts';

interface ReachabilityState {
  mapping: ReachabilityMapping | null;
  report: ReachabilityReport | null;
  busy: 'map' | 'unmap' | 'check' | 'uri' | null;
  error: string | null;
  preview: ChainTxPreview | null;
  loadMapping(): Promise<void>;
  mapPort(port: number): Promise<void>;
  unmapPort(): Promise<void>;
  check(port: number, orchestrator: string | null, publicHost: string): Promise<void>;
  /**
   * Checks once when there is no recent report for this orchestrator (dashboard, onboarding), or
   * when the node's port opened or closed since the report (`listening`): no stale "nothing is
   * listening" beside a serving node.
   */
  autoCheck(port: number, orchestrator: string | null, listening?: boolean): Promise<void>;
  prepareUri(from: string, uri: string): Promise<void>;
  closePreview(): void;
}

const RECHECK_MS = 10 * 60_000;

export const useReachabilityStore = create<ReachabilityState>((set, get) => {
  const run = async (busy: ReachabilityState['busy'], work: () => Promise<Partial<ReachabilityState>>) => {
    set({ busy, error: null });
    try {
      set({ ...(await work()), busy: null });
    } catch (err) {
      set({ busy: null, error: describeError(err) });
    }
  };
  let reportListening: boolean | undefined;
  return {
    mapping: null,
    report: null,
    busy: null,
    error: null,
    preview: null,
    loadMapping: () => run(null, async () => ({ mapping: await api.reachability.mapping({}) })),
    mapPort: (port) => run('map', async () => ({ mapping: await api.reachability.mapPort({ port }) })),
    unmapPort: () => run('unmap', async () => ({ mapping: await api.reachability.unmapPort({}) })),
    check: (port, orchestrator, publicHost) =>
      run('check', async () => ({
        report: await api.reachability.check({
          port,
          ...(orchestrator ? { orchestrator } : {}),
          ...(publicHost.trim() ? { publicHost: publicHost.trim() } : {}),
        }),
      })),
    autoCheck: async (port, orchestrator, listening) => {
      const { report, busy } = get();
      const fresh =
        report &&
        report.orchestrator?.toLowerCase() === orchestrator?.toLowerCase() &&
        Date.now() - report.checkedAt < RECHECK_MS &&
        (listening === undefined || listening === reportListening);
      if (busy || fresh) return;
      reportListening = listening;
      await get().check(port, orchestrator, '');
    },
    prepareUri: (from, uri) =>
      run('uri', async () => ({ preview: await api.reachability.prepareServiceUri({ from, uri }) })),
    closePreview: () => set({ preview: null }),
  };
});

export function connectReachabilityStore(transport: Transport): () => void {
  return onEvent(transport, 'reachability.mapping', (mapping) => useReachabilityStore.setState({ mapping }));
}
