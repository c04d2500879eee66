// The live figures decay at their source: the per-minute rate counts the last 60 s only, so it
// falls to 0 a minute after the last segment, with no new event needed to bring it down.
import { describe, expect, it } from 'vitest';
import type { SegmentToTranscode, SegmentTranscoder } from '../server/segment-transcoder.ts';
import { createNodeStats } from './node-stats.ts';

// The counting is under test, not FFmpeg: a transcoder that answers with no renditions.
const empty: SegmentTranscoder = { transcode: () => Promise.resolve([]) };

describe('createNodeStats', () => {
  it('counts segments over a sliding minute that falls to 0 after the last one', async () => {
    let now = 1_000_000;
    const stats = createNodeStats(() => now);
    const t = stats.wrapTranscoder(empty);
    const seg = { sessionId: 's1', profiles: [] } as unknown as SegmentToTranscode;
    for (let i = 0; i < 18; i++) {
      await t.transcode(seg, new AbortController().signal);
      now += 2000;
    }
    expect(stats.snapshot().segmentsPerMinute).toBe(18);
    now += 30_000; // 18 segments over 36 s, the first ones now older than a minute
    expect(stats.snapshot().segmentsPerMinute).toBeLessThan(18);
    expect(stats.snapshot().segmentsPerMinute).toBeGreaterThan(0);
    now += 31_000;
    expect(stats.snapshot().segmentsPerMinute).toBe(0);
    expect(stats.snapshot().segmentsTotal).toBe(18);
  });
});
