// The NVENC session-limit path end to end, on a machine without a GPU: a fake FFmpeg (fixtures/fake-nvenc)
// reports a working NVENC, does the real work with libx264, and refuses NVENC sessions like a GeForce
// driver over its limit while a marker file exists.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { parseProfileList } from '../../src-shared/domain/profiles.ts';
import { createLogSink } from '../log/logger.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { createMediaEngine, MEDIA_MIGRATIONS, type MediaEngine } from './media-engine.ts';
import { generateSmallSegment } from './test-source.ts';

const FAKE = join(import.meta.dirname, 'fixtures', 'fake-nvenc', 'ffmpeg');
let dir: string;
let db: Database;
let engine: MediaEngine;
let segment: Uint8Array;
const refuse = (): string => join(dir, 'refuse-nvenc');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lpm-nvenc-limit-'));
  process.env['FAKE_NVENC_REFUSE'] = refuse();
  db = openDatabase(join(dir, 'data'), MEDIA_MIGRATIONS);
  engine = createMediaEngine({
    db,
    log: createLogSink().root,
    ffmpegPathOverride: FAKE,
    nvidiaGpus: () => [{ index: 0, name: 'NVIDIA GeForce GTX 1070 Ti' }],
  });
  mkdirSync(join(dir, 'src'));
  segment = await generateSmallSegment(join(dir, 'src'));
}, 30_000);

afterAll(async () => {
  await engine.close();
  db.close();
  delete process.env['FAKE_NVENC_REFUSE'];
  rmSync(dir, { recursive: true, force: true });
});

describe('NVENC concurrent-session limit', () => {
  it('prefers NVENC when it works and lowers its cap with an explanation when the driver refuses a session', async () => {
    const probe = await engine.probe();
    expect(probe.chosen).toMatchObject({ source: 'user', encoder: 'h264_nvenc' });
    expect(probe.devices.map((d) => [d.id, d.encoder, d.label])).toEqual([
      ['nvidia:0', 'h264_nvenc', 'NVIDIA GeForce GTX 1070 Ti'],
      ['cpu', 'libx264', 'CPU'],
    ]);
    engine.setConfig({ maxSessions: { 'nvidia:0': 3, cpu: 1 } });
    const profiles = parseProfileList('P144p30fps16x9,P240p30fps16x9');

    const first = await engine.transcode('stream-a', { input: segment, profiles });
    expect(first.deviceId).toBe('nvidia:0'); // stream-a stays open on the GPU

    writeFileSync(refuse(), ''); // the driver now refuses further sessions
    const err = await engine.transcode('stream-b', { input: segment, profiles }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(ErrorCode.EncoderSessionLimit);
    const gpu = (await engine.capacity()).find((c) => c.deviceId === 'nvidia:0');
    expect(gpu).toMatchObject({ maxSessions: 1, activeSessions: 1 });
    expect(gpu?.reason).toMatch(
      /Lowered from 3 to 1: the driver refused an encode session \("OpenEncodeSessionEx failed"\) with 2 streams \(4 encode sessions\)/,
    );

    // The next stream goes to the CPU instead of failing on the GPU.
    const third = await engine.transcode('stream-c', { input: segment, profiles });
    expect(third.deviceId).toBe('cpu');
    expect(third.renditions.map((r) => [r.width, r.height])).toEqual([
      [256, 144],
      [426, 240],
    ]);
  }, 60_000);
});
