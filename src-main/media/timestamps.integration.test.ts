// Renditions keep the source's timestamps, audio and video, segment after segment, as go-livepeer's
// do (a gateway's playlists then line up across renditions and the source). Real FFmpeg on generated
// video; the timestamps are read with our own MPEG-TS parser (mpegts.ts), which the first test checks
// against Debian's ffprobe.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfileList } from '../../src-shared/domain/profiles.ts';
import { PTS_HZ, tsStreamTimes, type TsStreamTimes } from './mpegts.ts';
import { generateSource } from './test-source.ts';
import { createTranscoder } from './transcoder.ts';

const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';
const SOURCE_FPS = 30;

let root: string;
let segments: Uint8Array[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lpm-timestamps-'));
  mkdirSync(join(root, 'src'));
  // 6 s cut into three 2 s segments whose timestamps run on, as a broadcaster's do.
  segments = await generateSource({
    ffmpegPath: FFMPEG,
    width: 320,
    height: 180,
    fps: SOURCE_FPS,
    seconds: 6,
    segmentSeconds: 2,
    outDir: join(root, 'src'),
  });
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function stream(times: TsStreamTimes[], kind: 'video' | 'audio'): TsStreamTimes {
  const s = times.find((t) => t.kind === kind);
  if (!s || s.firstPts === null || s.lastPts === null) throw new Error(`no ${kind} timestamps`);
  return s;
}

const seconds = (pts: number | null): number => (pts ?? NaN) / PTS_HZ;

describe('rendition timestamps (real FFmpeg, our MPEG-TS parser)', () => {
  it('reads the same first and last PTS as ffprobe', () => {
    const file = join(root, 'check.ts');
    writeFileSync(file, segments[1] ?? new Uint8Array());
    for (const [kind, select] of [
      ['video', 'v:0'],
      ['audio', 'a:0'],
    ] as const) {
      const pts = execFileSync(
        FFPROBE,
        ['-v', 'error', '-select_streams', select, '-show_entries', 'packet=pts', '-of', 'csv=p=0', file],
        { encoding: 'utf8' },
      )
        .split('\n')
        .map((l) => Number(l.replace(/,/g, '')))
        .filter((n) => Number.isFinite(n) && n > 0);
      const ours = stream(tsStreamTimes(segments[1] ?? new Uint8Array()), kind);
      expect([ours.firstPts, ours.lastPts], kind).toEqual([Math.min(...pts), Math.max(...pts)]);
    }
  });

  it('start and end every rendition where its source segment does, for consecutive segments', async () => {
    expect(segments).toHaveLength(3);
    const engine = createTranscoder({ ffmpegPath: FFMPEG, encoder: 'libx264', cpuPreset: 'ultrafast' });
    // Same frame rate as the source, and a lower one (the fps filter picks the nearest frames).
    const profiles = parseProfileList('P240p30fps16x9,P144p25fps16x9');
    const figures: string[] = [];
    let previousEnd = -Infinity;
    for (const [i, segment] of segments.entries()) {
      const src = tsStreamTimes(segment);
      const srcVideo = stream(src, 'video');
      const srcAudio = stream(src, 'audio');
      // The segments follow each other: each one starts after the last.
      expect(seconds(srcVideo.firstPts)).toBeGreaterThan(previousEnd);
      previousEnd = seconds(srcVideo.lastPts);
      const result = await engine.transcodeSegment({ input: segment, profiles, timeoutMs: 60_000 });
      for (const r of result.renditions) {
        const out = tsStreamTimes(r.data);
        const video = stream(out, 'video');
        const audio = stream(out, 'audio');
        // Audio is copied: the same samples at the same times.
        expect([audio.firstPts, audio.lastPts], `${r.profile.name} audio, segment ${i}`).toEqual([
          srcAudio.firstPts,
          srcAudio.lastPts,
        ]);
        // Video: exact at the source's rate; at another rate within half an output frame.
        const tolerance = r.profile.fps === SOURCE_FPS ? 0 : PTS_HZ / r.profile.fps / 2 + 1;
        expect(
          Math.abs((video.firstPts ?? 0) - (srcVideo.firstPts ?? 0)),
          `${r.profile.name} first`,
        ).toBeLessThanOrEqual(tolerance);
        // The last frame of a lower rate may fall up to one output frame before the source's last.
        const endTolerance = r.profile.fps === SOURCE_FPS ? 0 : PTS_HZ / r.profile.fps + 1;
        expect(Math.abs((video.lastPts ?? 0) - (srcVideo.lastPts ?? 0)), `${r.profile.name} last`).toBeLessThanOrEqual(
          endTolerance,
        );
        figures.push(
          `segment ${i} ${r.profile.name}: video ${seconds(video.firstPts).toFixed(4)}–${seconds(video.lastPts).toFixed(4)} s ` +
            `(source ${seconds(srcVideo.firstPts).toFixed(4)}–${seconds(srcVideo.lastPts).toFixed(4)}), ` +
            `audio ${seconds(audio.firstPts).toFixed(4)}–${seconds(audio.lastPts).toFixed(4)} s`,
        );
      }
    }
    // For the record (docs/media-engine.md quotes it).
    console.log(figures.join('\n'));
  }, 120_000);
});
