import { create } from 'zustand';
import type { LogEntry } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

const KEEP = 1000;

interface LogState {
  entries: LogEntry[];
}

export const useLogStore = create<LogState>(() => ({ entries: [] }));

function merge(existing: LogEntry[], incoming: LogEntry[]): LogEntry[] {
  const bySeq = new Map(existing.map((e) => [e.seq, e]));
  for (const entry of incoming) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-KEEP);
}

export function connectLogStore(transport: Transport): () => void {
  const offs = [
    onEvent(transport, 'log.entry', (entry) => useLogStore.setState((s) => ({ entries: merge(s.entries, [entry]) }))),
    transport.onConnection((connected) => {
      if (!connected) return;
      void api.logs.recent({ limit: 500 }).then(
        (recent) => useLogStore.setState((s) => ({ entries: merge(s.entries, recent) })),
        () => undefined,
      );
    }),
  ];
  return () => offs.forEach((off) => off());
}
