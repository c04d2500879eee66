import { describe, expect, it } from 'vitest';
import { recommendSessions } from './session-recommendation.ts';

const step = (concurrency: number, durationRatio: number, realTimeSegmentRatio = 1) => ({
  concurrency,
  segments: 3,
  durationRatio,
  realTimeSegmentRatio,
  medianSegmentMs: 1000,
});

describe('recommendSessions (bench, the GPUs page and the session cap)', () => {
  it('is the largest concurrency at or below the 0.8 headroom', () => {
    const r = recommendSessions([step(3, 0.95), step(1, 0.3), step(2, 0.8)], 'cpu');
    expect([r.sessions, r.withHeadroom]).toEqual([2, true]);
    expect(r.note).toBe('Up to 2 concurrent streams stay at or below a 0.8 duration ratio on cpu.');
  });

  it('recommends 1, never 0, when every segment is real time but without headroom (the "100 %" then "0" case)', () => {
    const r = recommendSessions([step(1, 0.85, 1), step(2, 1.6, 0.2)], 'cpu');
    expect([r.sessions, r.withHeadroom]).toEqual([1, false]);
    expect(r.note).toContain('keeps up with real time on cpu (duration ratio 0.85) but without the 0.8 headroom');
  });

  it('still says 1 for a device slower than real time, and why', () => {
    const r = recommendSessions([step(1, 1.7, 0)], 'nvidia:0');
    expect([r.sessions, r.withHeadroom]).toEqual([1, false]);
    expect(r.note).toContain('Even one stream is slower than real time on nvidia:0 (duration ratio 1.70)');
  });
});
