// The gpu service of the contract: the sampler's latest sample and its stored history.
import type { gpu } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { Telemetry } from './telemetry.ts';

export function createGpuService(telemetry: Telemetry): ServiceImpl<typeof gpu> {
  return {
    latest: () => telemetry.latest(),
    history: ({ minutes, stepSeconds }) => telemetry.history(minutes, stepSeconds),
  };
}
