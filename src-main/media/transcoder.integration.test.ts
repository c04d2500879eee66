import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import {
  BUILTIN_PROFILES,
  outputSize,
  parseProfileList,
  STANDARD_LADDER,
  type VideoProfile,
} from '../../src-shared/domain/profiles.ts';
import { generateSource } from './test-source.ts';
import { createTranscoder, type Transcoder } from './transcoder.ts';

const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';

let root: string;
let tempRoot: string;
let landscape: Uint8Array; // 320x180, 30 fps, 2 s, noisy (rate control must work)
let fourThree: Uint8Array; // 320x240
let portrait: Uint8Array; // 180x320
let engine: Transcoder;

async function clip(name: string, width: number, height: number, seconds: number, noise = false): Promise<Uint8Array> {
  const outDir = join(root, name);
  execFileSync('mkdir', ['-p', outDir]);
  const [seg] = await generateSource({
    ffmpegPath: FFMPEG,
    width,
    height,
    fps: 30,
    seconds,
    segmentSeconds: seconds,
    noise,
    outDir,
  });
  if (!seg) throw new Error('no segment');
  return seg;
}

/** Independent check: ffprobe decodes the rendition and counts its frames. */
function probe(bytes: Uint8Array): {
  width: number;
  height: number;
  frames: number;
  fps: string;
  videoBytes: number;
  seconds: number;
} {
  const file = join(root, `probe-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, bytes);
  const stream = JSON.parse(
    execFileSync(
      FFPROBE,
      [
        '-v',
        'error',
        '-count_frames',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=width,height,nb_read_frames,r_frame_rate',
        '-of',
        'json',
        file,
      ],
      {
        encoding: 'utf8',
      },
    ),
  ).streams[0];
  const packets = JSON.parse(
    execFileSync(
      FFPROBE,
      [
        '-v',
        'error',
        '-select_streams',
        'v:0',
        '-show_entries',
        'packet=size,pts_time,duration_time',
        '-of',
        'json',
        file,
      ],
      { encoding: 'utf8' },
    ),
  ).packets as { size: string; pts_time: string }[];
  rmSync(file);
  const pts = packets.map((p) => Number(p.pts_time));
  return {
    width: stream.width,
    height: stream.height,
    frames: Number(stream.nb_read_frames),
    fps: stream.r_frame_rate,
    videoBytes: packets.reduce((s, p) => s + Number(p.size), 0),
    seconds: Math.max(...pts) - Math.min(...pts),
  };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lpm-media-test-'));
  tempRoot = join(root, 'work');
  execFileSync('mkdir', ['-p', tempRoot]);
  [landscape, fourThree, portrait] = await Promise.all([
    clip('l', 320, 180, 2, true),
    clip('f', 320, 240, 1),
    clip('p', 180, 320, 1),
  ]);
  engine = createTranscoder({ ffmpegPath: FFMPEG, encoder: 'libx264', tempRoot, cpuPreset: 'ultrafast' });
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect(readdirSync(tempRoot)).toEqual([]); // temp folder removed
  return err as AppError;
}

describe('ladder transcoding (real FFmpeg)', () => {
  it('produces each profile at its size, frame rate and bitrate, with pixel counts equal to ffprobe -count_frames', async () => {
    const profiles = parseProfileList('P240p30fps16x9,P144p25fps16x9,P360p30fps16x9');
    const result = await engine.transcodeSegment({ input: landscape, profiles, timeoutMs: 30_000 });
    expect(result.input).toMatchObject({ width: 320, height: 180 });
    const source = probe(landscape);
    expect(result.input.frames).toBe(source.frames);
    expect(result.inputPixels).toBe(source.frames * 320 * 180);
    expect(result.renditions.map((r) => r.profile.name)).toEqual(profiles.map((p) => p.name));
    for (const r of result.renditions) {
      const p = probe(r.data);
      expect([r.width, r.height]).toEqual([p.width, p.height]);
      expect(outputSize(r.profile, 320, 180)).toEqual({ width: p.width, height: p.height });
      expect(r.frames).toBe(p.frames);
      expect(r.pixels).toBe(p.frames * p.width * p.height);
      expect(p.fps).toBe(`${r.profile.fps}/1`);
      // 2 s at the profile rate, within one frame
      expect(Math.abs(p.frames - 2 * r.profile.fps)).toBeLessThanOrEqual(1);
      const kbps = (p.videoBytes * 8) / (p.frames / r.profile.fps) / 1000;
      expect(kbps).toBeGreaterThan((r.profile.bitrate / 1000) * 0.6);
      expect(kbps).toBeLessThan((r.profile.bitrate / 1000) * 1.25);
    }
    expect(readdirSync(tempRoot)).toEqual([]);
  }, 30_000);

  it('keeps the source aspect ratio as LPMS does (4:3 and portrait sources)', async () => {
    const p360 = BUILTIN_PROFILES['P360p30fps16x9'] as VideoProfile;
    const p240 = BUILTIN_PROFILES['P240p30fps16x9'] as VideoProfile;
    const a = await engine.transcodeSegment({ input: fourThree, profiles: [p360] });
    expect([a.renditions[0]?.width, a.renditions[0]?.height]).toEqual([640, 480]);
    const b = await engine.transcodeSegment({ input: portrait, profiles: [p240] });
    expect([b.renditions[0]?.width, b.renditions[0]?.height]).toEqual([240, 426]);
    expect(outputSize(p240, 180, 320)).toEqual({ width: 240, height: 426 });
    expect(b.renditions[0]?.pixels).toBe(probe(b.renditions[0]?.data ?? new Uint8Array()).frames * 240 * 426);
  }, 30_000);

  it('encodes the standard ladder with its GOP (1 s keyframes at pass-through fps) and constrained High profile', async () => {
    // The engine's default preset: x264 labels ultrafast output Baseline whatever the profile cap.
    const standard = createTranscoder({ ffmpegPath: FFMPEG, encoder: 'libx264', tempRoot });
    const result = await standard.transcodeSegment({ input: landscape, profiles: STANDARD_LADDER.slice(0, 2) });
    for (const r of result.renditions) {
      const file = join(root, `gop-${r.profile.name}.ts`);
      writeFileSync(file, r.data);
      const info = JSON.parse(
        execFileSync(
          FFPROBE,
          [
            '-v',
            'error',
            '-select_streams',
            'v:0',
            '-show_entries',
            'stream=profile,has_b_frames,pix_fmt,r_frame_rate:frame=key_frame,pts_time',
            '-of',
            'json',
            file,
          ],
          {
            encoding: 'utf8',
          },
        ),
      ) as {
        streams: { profile: string; has_b_frames: number; pix_fmt: string; r_frame_rate: string }[];
        frames: { key_frame: number; pts_time: string }[];
      };
      rmSync(file);
      expect(info.streams[0]).toMatchObject({
        profile: 'High',
        has_b_frames: 0,
        pix_fmt: 'yuv420p',
        r_frame_rate: '30/1',
      }); // source rate passed through
      const t0 = Number(info.frames[0]?.pts_time);
      const keys = info.frames.filter((f) => f.key_frame === 1).map((f) => Math.round((Number(f.pts_time) - t0) * 30));
      expect(keys).toEqual([0, 30]); // a 2 s segment: keyframes at 0 s and 1 s
      expect(r.frames).toBe(info.frames.length);
    }
  }, 30_000);

  it('transcodes a 4:4:4 source to 8-bit 4:2:0 High profile renditions', async () => {
    const dir = join(root, 'yuv444');
    execFileSync('mkdir', ['-p', dir]);
    const file = join(dir, 'in.ts');
    execFileSync(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x180:rate=30',
      '-t',
      '0.5',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv444p',
      '-f',
      'mpegts',
      file,
    ]);
    const result = await engine.transcodeSegment({
      input: new Uint8Array(readFileSync(file)),
      profiles: parseProfileList('P144p30fps16x9'),
    });
    expect(result.renditions[0]?.frames).toBe(15);
  });

  it('rejects a segment without video with UNSUPPORTED_INPUT', async () => {
    const file = join(root, 'audio-only.ts');
    execFileSync(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-t',
      '1',
      '-c:a',
      'aac',
      '-f',
      'mpegts',
      file,
    ]);
    const e = await expectAppError(
      engine.transcodeSegment({
        input: new Uint8Array(readFileSync(file)),
        profiles: parseProfileList('P144p30fps16x9'),
      }),
      ErrorCode.UnsupportedInput,
    );
    expect(e.message).toMatch(/no video stream/);
  });

  it('reports an encoder this machine cannot run (NVENC without a GPU) as UNAVAILABLE, not as bad input', async () => {
    const nvenc = createTranscoder({ ffmpegPath: FFMPEG, encoder: 'h264_nvenc', tempRoot });
    const e = await expectAppError(
      nvenc.transcodeSegment({ input: landscape, profiles: parseProfileList('P144p30fps16x9') }),
      ErrorCode.Unavailable,
    );
    expect(e.message).toMatch(/libcuda/);
    expect(e.details?.['kind']).toBe('encoder-unavailable');
  });

  it('rejects corrupt input with CORRUPT_INPUT', async () => {
    const garbage = new Uint8Array(188 * 40);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251;
    await expectAppError(
      engine.transcodeSegment({ input: garbage, profiles: parseProfileList('P144p30fps16x9') }),
      ErrorCode.CorruptInput,
    );
    // Valid TS framing, nonsense inside: FFmpeg itself must refuse it.
    const framed = garbage.slice();
    for (let off = 0; off < framed.length; off += 188) framed[off] = 0x47;
    await expectAppError(
      engine.transcodeSegment({ input: framed, profiles: parseProfileList('P144p30fps16x9') }),
      ErrorCode.CorruptInput,
    );
  });

  it('rejects truncated input with CORRUPT_INPUT', async () => {
    const cut = landscape.slice(0, Math.floor(landscape.length / 2) + 100);
    const e = await expectAppError(
      engine.transcodeSegment({ input: cut, profiles: parseProfileList('P144p30fps16x9') }),
      ErrorCode.CorruptInput,
    );
    expect(e.message).toMatch(/truncated/);
    // Cut on a packet boundary before any video frame: FFmpeg runs and decodes nothing.
    await expectAppError(
      engine.transcodeSegment({ input: landscape.slice(0, 188 * 2), profiles: parseProfileList('P144p30fps16x9') }),
      ErrorCode.CorruptInput,
    );
  });

  it('reports a killed FFmpeg as TRANSCODER_CRASHED, leaving no process and no files', async () => {
    let pid = 0;
    const killer = createTranscoder({
      ffmpegPath: FFMPEG,
      encoder: 'libx264',
      tempRoot,
      onSpawn: (child) => {
        pid = child.pid ?? 0;
        child.kill('SIGKILL');
      },
    });
    const e = await expectAppError(
      killer.transcodeSegment({ input: landscape, profiles: parseProfileList('P360p30fps16x9') }),
      ErrorCode.TranscoderCrashed,
    );
    expect(e.message).toMatch(/SIGKILL/);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow(); // ESRCH: gone
  });

  it('stops FFmpeg at the timeout with TIMEOUT, and on abort with CANCELLED', async () => {
    let pid = 0;
    const watched = createTranscoder({
      ffmpegPath: FFMPEG,
      encoder: 'libx264',
      tempRoot,
      onSpawn: (c) => (pid = c.pid ?? 0),
    });
    const profiles = parseProfileList('P720p30fps16x9,P360p30fps16x9');
    await expectAppError(watched.transcodeSegment({ input: landscape, profiles, timeoutMs: 5 }), ErrorCode.Timeout);
    expect(() => process.kill(pid, 0)).toThrow();
    const controller = new AbortController();
    const pending = watched.transcodeSegment({ input: landscape, profiles, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expectAppError(pending, ErrorCode.Cancelled);
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('reports a missing FFmpeg binary as UNAVAILABLE', async () => {
    const missing = createTranscoder({ ffmpegPath: join(root, 'no-such-ffmpeg'), encoder: 'libx264', tempRoot });
    await expectAppError(
      missing.transcodeSegment({ input: landscape, profiles: parseProfileList('P144p30fps16x9') }),
      ErrorCode.Unavailable,
    );
  });
});
