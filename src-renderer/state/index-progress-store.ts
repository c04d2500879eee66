// How much of each orchestrator's event history the main process has indexed (chain.index
// events), so that pages built on it can say their figures are partial while a backfill runs.
// When a backfill completes, the chain store reloads the now whole delegators and earnings.
import { create } from 'zustand';
import type { ChainIndexProgress } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';
import { useChainStore } from './chain-store.ts';

interface IndexProgressState {
  /** By lower-cased orchestrator address. */
  byOrchestrator: Record<string, ChainIndexProgress>;
  /** Reads an orchestrator's progress now (and starts its indexing in main). */
  load(orchestrator: string): Promise<void>;
}

function put(progress: ChainIndexProgress): void {
  const key = progress.orchestrator.toLowerCase();
  const before = useIndexProgressStore.getState().byOrchestrator[key];
  useIndexProgressStore.setState((s) => ({ byOrchestrator: { ...s.byOrchestrator, [key]: progress } }));
  if (before && !before.complete && progress.complete) void useChainStore.getState().refresh();
}

export const useIndexProgressStore = create<IndexProgressState>(() => ({
  byOrchestrator: {},
  async load(orchestrator) {
    put(await api.chain.indexProgress({ orchestrator }));
  },
}));

export function connectIndexProgressStore(transport: Transport): () => void {
  return onEvent(transport, 'chain.index', put);
}
