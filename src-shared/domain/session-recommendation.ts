// The one answer to "how many streams at once" from a benchmark, used by the benchmark report, the
// `bench` command, the GPUs page and the node's session cap alike, so they never disagree. The rule
// (Livepeer's docs): the largest concurrency whose duration ratio stays at or below 0.8, leaving
// 20 % for transfers. Below that the node still takes one stream, and the note says how it fares.
import type { BenchmarkStep } from '../contract/index.ts';

export const REALTIME_HEADROOM_RATIO = 0.8;

export interface SessionRecommendation {
  /** Streams at once: at least 1 (the node must still work). */
  readonly sessions: number;
  /** Whether that many streams stay within the headroom. */
  readonly withHeadroom: boolean;
  readonly note: string;
}

export function recommendSessions(steps: readonly BenchmarkStep[], device: string): SessionRecommendation {
  let best = 0;
  for (const s of [...steps].sort((a, b) => a.concurrency - b.concurrency)) {
    if (s.durationRatio > REALTIME_HEADROOM_RATIO) break;
    best = s.concurrency;
  }
  if (best > 0)
    return {
      sessions: best,
      withHeadroom: true,
      note: `Up to ${best} concurrent stream${best === 1 ? ' stays' : 's stay'} at or below a ${REALTIME_HEADROOM_RATIO} duration ratio on ${device}.`,
    };
  const one = steps.find((s) => s.concurrency === 1);
  const ratio = one ? one.durationRatio.toFixed(2) : 'unknown';
  return {
    sessions: 1,
    withHeadroom: false,
    note:
      one && one.durationRatio <= 1
        ? `One stream keeps up with real time on ${device} (duration ratio ${ratio}) but without the ${REALTIME_HEADROOM_RATIO} headroom: 1 session; expect late segments when the computer is busy.`
        : `Even one stream is slower than real time on ${device} (duration ratio ${ratio}): 1 session so the node still works; expect late segments.`,
  };
}
