import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { createNvidiaSmiProvider, parseNvidiaSmiCsv, type GpuProvider } from './nvidia-smi.ts';
import { createSystemProvider, createTelemetry, GPU_MIGRATIONS, type SystemProvider } from './telemetry.ts';

const FAKE = join(import.meta.dirname, 'fixtures', 'fake-nvidia-smi');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function readFixture(name: string) {
  const prev = process.env['FAKE_NVSMI_FIXTURE'];
  process.env['FAKE_NVSMI_FIXTURE'] = name;
  try {
    return await createNvidiaSmiProvider({ executable: FAKE }).read();
  } finally {
    if (prev === undefined) delete process.env['FAKE_NVSMI_FIXTURE'];
    else process.env['FAKE_NVSMI_FIXTURE'] = prev;
  }
}

describe('nvidia-smi readings (recorded-format fixtures through a fake executable)', () => {
  it('reads one GPU with every field', async () => {
    const r = await readFixture('one-gpu');
    expect(r.source.state).toBe('ok');
    expect(r.gpus).toEqual([
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 3060',
        uuid: 'GPU-5e1c9a4b-2f0d-6b7e-91aa-3c4d5e6f7a80',
        driverVersion: '535.129.03',
        utilizationPct: 37,
        encoderPct: 21,
        decoderPct: 9,
        memoryUsedMiB: 1843,
        memoryTotalMiB: 12288,
        temperatureC: 54,
        powerW: 61.27,
        powerLimitW: 170,
        fanPct: 38,
        encoderSessions: 2,
      },
    ]);
  });

  it('reads several GPUs and turns [N/A] and [Not Supported] into null', async () => {
    const two = await readFixture('two-gpus');
    expect(two.gpus.map((g) => g.index)).toEqual([0, 1]);
    expect(two.gpus[1]).toMatchObject({
      name: 'NVIDIA GeForce GTX 1060 6GB',
      powerW: null,
      powerLimitW: null,
      fanPct: null,
      encoderSessions: 0,
    });
    const na = await readFixture('na-fields');
    expect(na.gpus[0]).toMatchObject({
      name: 'Tesla T4',
      utilizationPct: null,
      encoderPct: null,
      decoderPct: null,
      temperatureC: null,
      powerW: null,
      powerLimitW: 70,
      fanPct: null,
      encoderSessions: null,
      memoryUsedMiB: 0,
    });
  });

  it('drops fields an old driver does not know and still reads the rest', async () => {
    const r = await readFixture('old-driver');
    expect(r.source.state).toBe('ok');
    expect(r.gpus[0]).toMatchObject({
      name: 'GeForce GTX 950',
      driverVersion: '390.157',
      utilizationPct: 12,
      encoderPct: null,
      decoderPct: null,
      memoryUsedMiB: 412,
      encoderSessions: 1,
    });
  });

  it('reports a missing nvidia-smi as not-found and a failing driver as error, without throwing', async () => {
    const missing = await createNvidiaSmiProvider({ executable: join(tmpdir(), 'no-such-dir', 'nvidia-smi') }).read();
    expect(missing).toEqual({ source: { state: 'not-found', message: expect.stringMatching(/not found/) }, gpus: [] });
    const failing = await readFixture('driver-failure');
    expect(failing.source.state).toBe('error');
    expect(failing.source.message).toMatch(/couldn't communicate with the NVIDIA driver/);
  });

  it('skips lines that do not match the field list', () => {
    expect(parseNvidiaSmiCsv('garbage\n\n0, x\n')).toEqual([]);
  });
});

describe('telemetry sampler and store', () => {
  function setup(gpu: GpuProvider, system: SystemProvider, clock: { t: number }, storeEveryMs = 1000) {
    const dir = mkdtempSync(join(tmpdir(), 'lpm-telemetry-'));
    dirs.push(dir);
    const db = openDatabase(dir, GPU_MIGRATIONS);
    const seen: number[] = [];
    const t = createTelemetry({
      db,
      gpu,
      system,
      log: createLogSink().root,
      retentionMs: 60_000,
      missingRecheckMs: 30_000,
      storeEveryMs,
      now: () => clock.t,
      onSample: (s) => seen.push(s.time),
    });
    return { t, db, seen };
  }
  const system: SystemProvider = { read: async () => ({ cpuLoadPct: 12.5, memoryUsedBytes: 1, memoryTotalBytes: 2 }) };

  it('stores samples, downsamples history and prunes beyond retention', async () => {
    const clock = { t: 1_000_000 };
    const gpu: GpuProvider = { read: async () => ({ source: { state: 'ok', message: '1 NVIDIA GPU' }, gpus: [] }) };
    const { t, db, seen } = setup(gpu, system, clock);
    for (let i = 0; i < 181; i++) {
      await t.sampleOnce();
      clock.t += 1000;
    }
    expect(seen).toHaveLength(181);
    expect(t.latest()?.system.cpuLoadPct).toBe(12.5);
    // Retention 60 s, pruned every 60th sample: the prune at the 181st sample keeps the last 61 s.
    const count = (db.prepare('SELECT count(*) AS n FROM gpu_samples').get() as { n: number }).n;
    expect(count).toBe(61);
    const hist = t.history(1, 10);
    expect(hist.length).toBeGreaterThanOrEqual(6);
    expect(hist.length).toBeLessThanOrEqual(7);
    expect(hist.every((s, i) => i === 0 || s.time > (hist[i - 1]?.time ?? 0))).toBe(true);
    db.close();
  });

  it('streams every sample but stores one per storeEveryMs', async () => {
    const clock = { t: 2_000_000 };
    const gpu: GpuProvider = { read: async () => ({ source: { state: 'ok', message: '1 NVIDIA GPU' }, gpus: [] }) };
    const { t, db, seen } = setup(gpu, system, clock, 5000);
    for (let i = 0; i < 20; i++) {
      await t.sampleOnce();
      clock.t += 1000;
    }
    expect(seen).toHaveLength(20);
    expect((db.prepare('SELECT count(*) AS n FROM gpu_samples').get() as { n: number }).n).toBe(4);
    db.close();
  });

  it('asks a missing nvidia-smi again only every 30 s while CPU samples continue', async () => {
    const clock = { t: 5_000_000 };
    let calls = 0;
    const gpu: GpuProvider = {
      read: async () => {
        calls++;
        return { source: { state: 'not-found', message: 'nvidia-smi not found' }, gpus: [] };
      },
    };
    const { t, db, seen } = setup(gpu, system, clock);
    for (let i = 0; i < 61; i++) {
      const s = await t.sampleOnce();
      expect(s.source.state).toBe('not-found');
      clock.t += 1000;
    }
    expect(seen).toHaveLength(61);
    expect(calls).toBe(3); // at 0 s, 30 s and 60 s
    db.close();
  });

  it('reads CPU and memory from systeminformation', async () => {
    const r = await createSystemProvider().read();
    expect(r.memoryTotalBytes).toBeGreaterThan(0);
    expect(r.cpuLoadPct === null || r.cpuLoadPct >= 0).toBe(true);
  });
});
