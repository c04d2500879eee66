import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkState, EventMessage } from '../../src-shared/contract/index.ts';
import { parseProfileList } from '../../src-shared/domain/profiles.ts';
import { createHost, type Host } from '../app/host.ts';
import type { Caller } from '../core/service.ts';
import { generateSmallSegment } from './test-source.ts';

const caller: Caller = { transport: 'internal', authenticated: true };
const FAKE = join(import.meta.dirname, '..', 'gpu', 'fixtures', 'fake-nvidia-smi');
let dir: string;
let host: Host;
const events: EventMessage[] = [];

async function call(service: string, method: string, input: unknown = {}): Promise<unknown> {
  const res = await host.router.call(caller, { service, method, input });
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.result;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpm-media-host-'));
  process.env['FAKE_NVSMI_FIXTURE'] = 'two-gpus';
  host = createHost({ dataDir: join(dir, 'data'), mode: 'headless', nvidiaSmiPath: FAKE, telemetry: false });
  host.events.subscribe((m) => events.push(m));
});

afterAll(async () => {
  await host.close();
  delete process.env['FAKE_NVSMI_FIXTURE'];
  rmSync(dir, { recursive: true, force: true });
});

describe('media and gpu services through the router', () => {
  it('streams and stores telemetry samples from nvidia-smi', async () => {
    await host.telemetry.sampleOnce();
    const latest = (await call('gpu', 'latest')) as { gpus: { name: string }[]; source: { state: string } };
    expect(latest.source.state).toBe('ok');
    expect(latest.gpus.map((g) => g.name)).toEqual(['NVIDIA GeForce GTX 1070 Ti', 'NVIDIA GeForce GTX 1060 6GB']);
    expect(events.some((e) => e.event === 'gpu.telemetry')).toBe(true);
    expect(((await call('gpu', 'history', { minutes: 1 })) as unknown[]).length).toBe(1);
  });

  it('probes once, caches, and applies session caps from the settings', async () => {
    const probe = (await call('media', 'probe')) as { chosen: { encoder: string }; probedAt: number };
    expect(probe.chosen.encoder).toBe('libx264');
    expect(((await call('media', 'probe')) as { probedAt: number }).probedAt).toBe(probe.probedAt); // cached
    expect(await call('media', 'capacity')).toEqual([
      {
        deviceId: 'cpu',
        encoder: 'libx264',
        maxSessions: 1,
        activeSessions: 0,
        reason: 'Default; run the benchmark for a recommendation',
      },
    ]);
    await call('media', 'setConfig', { maxSessions: { cpu: 2 } });
    expect(await call('media', 'capacity')).toMatchObject([
      { deviceId: 'cpu', maxSessions: 2, reason: 'Set by you to 2' },
    ]);
    // A device turned off on the GPUs page: cap 0, so the scheduler never gives it a stream.
    await call('media', 'setConfig', { maxSessions: { cpu: 0 } });
    expect(await call('media', 'capacity')).toMatchObject([
      { deviceId: 'cpu', maxSessions: 0, reason: 'Not used: turned off by you' },
    ]);
    await call('media', 'setConfig', { maxSessions: {} });
    expect(await call('media', 'capacity')).toMatchObject([{ deviceId: 'cpu', maxSessions: 1 }]);
    const bad = await host.router.call(caller, {
      service: 'media',
      method: 'setConfig',
      input: { maxSessions: { cpu: -1 } },
    });
    expect(bad.ok).toBe(false);
    // The renderer is untrusted: it may only point at a file called ffmpeg, never at any program.
    const sh = await host.router.call(caller, {
      service: 'media',
      method: 'setConfig',
      input: { ffmpegPath: '/bin/sh' },
    });
    expect(sh.ok ? null : sh.error.code).toBe('BAD_INPUT');
    await call('media', 'setConfig', { ffmpegPath: join(dir, 'nowhere', 'ffmpeg') });
    const reprobed = (await call('media', 'probe')) as {
      probedAt: number;
      candidates: { source: string; problem: string | null }[];
      chosen: { source: string };
    };
    expect(reprobed.probedAt).toBeGreaterThanOrEqual(probe.probedAt); // a new path is probed again
    expect(reprobed.candidates[0]).toMatchObject({ source: 'user', problem: expect.stringMatching(/^No file at /) });
    // ffmpeg-static's copy in this checkout, as good as PATH's and before it.
    expect(reprobed.chosen.source).toBe('bundled');
    await call('media', 'setConfig', { ffmpegPath: null });
  }, 30_000);

  it('transcodes a stream on a scheduled device for the node', async () => {
    const outDir = join(dir, 'src');
    rmSync(outDir, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(outDir);
    const seg = await generateSmallSegment(outDir);
    const r = await host.media.transcode('stream-1', {
      input: seg,
      profiles: parseProfileList('P144p30fps16x9'),
    });
    expect(r.deviceId).toBe('cpu');
    expect(r.renditions[0]?.pixels).toBe((r.renditions[0]?.frames ?? 0) * 256 * 144);
    expect(((await call('media', 'capacity')) as { activeSessions: number }[])[0]?.activeSessions).toBe(1);
    host.media.endStream('stream-1');
    expect(((await call('media', 'capacity')) as { activeSessions: number }[])[0]?.activeSessions).toBe(0);
  }, 30_000);

  it('runs the benchmark with progress events and stores its recommendation', async () => {
    const started = (await call('media', 'startBenchmark', { sessions: 1, segments: 1 })) as BenchmarkState;
    expect(started.running).toBe(true);
    const conflict = await host.router.call(caller, {
      service: 'media',
      method: 'startBenchmark',
      input: { sessions: 1, segments: 1 },
    });
    expect(conflict.ok ? null : conflict.error.code).toBe('CONFLICT');
    const deadline = Date.now() + 60_000;
    let state = started;
    while (state.running && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      state = (await call('media', 'benchmarkStatus')) as BenchmarkState;
    }
    expect(state.phase).toBe('done');
    expect(state.report?.steps).toHaveLength(1);
    expect(state.report?.steps[0]?.segments).toBe(1);
    const progress = events
      .filter((e) => e.event === 'media.benchmark')
      .map((e) => (e.payload as BenchmarkState).phase);
    expect(progress).toContain('generating');
    expect(progress).toContain('transcoding');
    expect(progress.at(-1)).toBe('done');
  }, 70_000);
});
