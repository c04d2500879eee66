import { create } from 'zustand';
import type { DemoTrafficStatus, OrchestratorStats } from '../../src-shared/contract/index.ts';
import { api, onEvent, transport } from '../api/index.ts';

interface OrchestratorState {
  stats: OrchestratorStats | null;
  demo: DemoTrafficStatus | null;
}

export const useOrchestratorStore = create<OrchestratorState>(() => ({ stats: null, demo: null }));

onEvent(transport, 'orchestrator.stats', (stats) => useOrchestratorStore.setState({ stats }));
onEvent(transport, 'orchestrator.demo', (demo) => useOrchestratorStore.setState({ demo }));
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
});

export async function setDemoTraffic(enabled: boolean): Promise<void> {
  const demo = await api.orchestrator.setDemo({ enabled });
  useOrchestratorStore.setState({ demo });
}
