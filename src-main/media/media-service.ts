// The media service of the contract: a thin mapping onto the engine.
import type { media } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { MediaEngine } from './media-engine.ts';

export function createMediaService(engine: MediaEngine): ServiceImpl<typeof media> {
  return {
    probe: ({ refresh }) => engine.probe(refresh),
    getConfig: () => engine.getConfig(),
    setConfig: (patch) => engine.setConfig(patch),
    capacity: () => engine.capacity(),
    startBenchmark: (input) => engine.startBenchmark(input),
    benchmarkStatus: () => engine.benchmarkStatus(),
    cancelBenchmark: () => engine.cancelBenchmark(),
  };
}
