// Live figures for the dashboard: segments and their latency (a window of the last 200), the open
// sessions, and the tickets the metrics see. Fed by a SegmentTranscoder wrapper and a NodeMetrics
// tee, so the wire code stays untouched.
import type { OrchestratorSession } from '../../../src-shared/contract/index.ts';
import type { NodeMetrics } from '../metrics.ts';
import type { SegmentTranscoder } from '../server/segment-transcoder.ts';

const WINDOW = 200;

export interface NodeStats {
  wrapTranscoder(t: SegmentTranscoder): SegmentTranscoder;
  wrapMetrics(m: NodeMetrics): NodeMetrics;
  sessions(): OrchestratorSession[];
  snapshot(): {
    segmentsPerMinute: number;
    segmentsTotal: number;
    segmentsFailed: number;
    latencyP50Ms: number | null;
    latencyP95Ms: number | null;
    ticketsReceived: number;
    ticketsWon: number;
    ticketValueReceived: bigint;
  };
  /** Starts the counts over (a switch to another network: its figures are its own). */
  reset(): void;
  /** Called (at most) once per change; the runtime throttles events. */
  onChange(listener: () => void): () => void;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export function createNodeStats(now: () => number = Date.now): NodeStats {
  const latencies: number[] = [];
  const doneAt: number[] = [];
  let total = 0;
  let failed = 0;
  let received = 0;
  let won = 0;
  let value = 0n;
  const open = new Map<
    string,
    { startedAt: number; lastSegmentAt: number | null; segments: number; profiles: string[] }
  >();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  return {
    wrapTranscoder(t) {
      return {
        async transcode(seg, signal) {
          const s = open.get(seg.sessionId) ?? { startedAt: now(), lastSegmentAt: null, segments: 0, profiles: [] };
          open.set(seg.sessionId, s);
          const start = performance.now();
          try {
            const out = await t.transcode(seg, signal);
            latencies.push(performance.now() - start);
            if (latencies.length > WINDOW) latencies.shift();
            doneAt.push(now());
            while (doneAt.length && (doneAt[0] ?? 0) < now() - 60_000) doneAt.shift();
            total++;
            s.segments++;
            s.lastSegmentAt = now();
            s.profiles = seg.profiles.map((p) => p.name);
            return out;
          } catch (err) {
            failed++;
            throw err;
          } finally {
            changed();
          }
        },
        endSession(id) {
          open.delete(id);
          t.endSession?.(id);
          changed();
        },
      };
    },
    wrapMetrics(m) {
      return {
        ...m,
        ticketsReceived(sender, n, v, winners) {
          received += n;
          won += winners;
          value += BigInt(Math.round(v));
          m.ticketsReceived(sender, n, v, winners);
          changed();
        },
      };
    },
    sessions: () =>
      [...open].map(([id, s]) => ({
        id,
        sender: null,
        startedAt: s.startedAt,
        lastSegmentAt: s.lastSegmentAt,
        segments: s.segments,
        profiles: s.profiles,
      })),
    snapshot() {
      while (doneAt.length && (doneAt[0] ?? 0) < now() - 60_000) doneAt.shift();
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        segmentsPerMinute: doneAt.length,
        segmentsTotal: total,
        segmentsFailed: failed,
        latencyP50Ms: percentile(sorted, 50),
        latencyP95Ms: percentile(sorted, 95),
        ticketsReceived: received,
        ticketsWon: won,
        ticketValueReceived: value,
      };
    },
    reset() {
      latencies.length = 0;
      doneAt.length = 0;
      total = failed = received = won = 0;
      value = 0n;
      changed();
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
