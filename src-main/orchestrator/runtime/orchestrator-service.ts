// The `orchestrator` contract service over the node runtime and the demo traffic.
import { AppError, ErrorCode, type DemoTrafficStatus, type orchestrator } from '../../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../../core/service.ts';
import type { OrchestratorRuntime } from './orchestrator-runtime.ts';

export interface DemoControl {
  status(): DemoTrafficStatus;
  setEnabled(enabled: boolean): Promise<DemoTrafficStatus>;
}

export function createOrchestratorService(
  runtime: OrchestratorRuntime,
  demo: DemoControl,
): ServiceImpl<typeof orchestrator> {
  return {
    stats: () => runtime.stats(),
    sessions: () => runtime.sessions(),
    tickets: ({ limit }) => runtime.tickets(limit),
    config: () => runtime.config(),
    updateConfig: (patch) => {
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      return runtime.updateConfig(clean);
    },
    demoStatus: () => demo.status(),
    setDemo: async ({ enabled }) => {
      if (enabled && !demo.status().available)
        throw new AppError(ErrorCode.Conflict, 'Demo traffic runs only on the devnet');
      return demo.setEnabled(enabled);
    },
  };
}
