// One line where figures come from the event index (Delegators, Earnings): while the history is
// still being read, how far it is and that the figures are partial; nothing once it is whole.
import { useEffect } from 'react';
import type { ChainIndexProgress } from '../../src-shared/contract/index.ts';
import { useIndexProgressStore } from '../state/index-progress-store.ts';

export function indexProgressText(p: ChainIndexProgress): string | null {
  if (p.complete) return null;
  if (p.headBlock === null) return 'Indexing history: starting… Figures below are partial until it finishes.';
  const block = (n: number): string => n.toLocaleString('en-US');
  const paused = p.state === 'paused' ? ' (paused: the chain RPC is not answering; it resumes by itself)' : '';
  return `Indexing history: ${Math.floor(p.percent)} % (block ${block(p.indexedBlock ?? p.startBlock)} of ${block(p.headBlock)})${paused}. Figures below are partial until it finishes.`;
}

export function IndexProgressNote({ orchestrator }: { orchestrator: string }) {
  const progress = useIndexProgressStore((s) => s.byOrchestrator[orchestrator.toLowerCase()]);
  const load = useIndexProgressStore((s) => s.load);
  useEffect(() => {
    void load(orchestrator).catch(() => undefined); // the chain gate already shows an unreachable chain
  }, [load, orchestrator]);
  const text = progress ? indexProgressText(progress) : null;
  if (!text) return null;
  return (
    <p className="hint" role="status" data-testid="index-progress">
      {text}
    </p>
  );
}
