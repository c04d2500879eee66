// The telemetry sampler: one sample per second (GPUs from the provider, CPU and memory from
// systeminformation), kept in SQLite for charts with bounded retention, handed to a listener (the
// host streams it as the gpu.telemetry event). Samples never overlap: the next starts after the last.
import si from 'systeminformation';
import type { SystemReading, TelemetrySample } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Database, Migration } from '../store/database.ts';
import type { GpuProvider, GpuRead } from './nvidia-smi.ts';

export const GPU_MIGRATIONS: readonly Migration[] = [
  { id: 'gpu/1', sql: 'CREATE TABLE gpu_samples (time INTEGER PRIMARY KEY, payload TEXT NOT NULL)' },
];

export interface SystemProvider {
  read(): Promise<SystemReading>;
}

export function createSystemProvider(): SystemProvider {
  return {
    async read() {
      const [load, mem] = await Promise.all([si.currentLoad().catch(() => null), si.mem().catch(() => null)]);
      return {
        cpuLoadPct: load ? Math.round(load.currentLoad * 10) / 10 : null,
        memoryUsedBytes: mem ? mem.active : null,
        memoryTotalBytes: mem ? mem.total : null,
      };
    },
  };
}

export interface TelemetryOptions {
  readonly db: Database;
  readonly gpu: GpuProvider;
  readonly system: SystemProvider;
  readonly log: Logger;
  readonly intervalMs?: number;
  /** Samples older than this are deleted (default 24 h). */
  readonly retentionMs?: number;
  /** Samples are streamed every interval but stored at most this often (default 5 s: about 17,000 rows a day). */
  readonly storeEveryMs?: number;
  /** While nvidia-smi is missing, ask again only this often (default 30 s); CPU/memory keep their pace. */
  readonly missingRecheckMs?: number;
  readonly onSample?: (sample: TelemetrySample) => void;
  readonly now?: () => number;
}

export interface Telemetry {
  start(): void;
  stop(): Promise<void>;
  /** Takes one sample now (also what the timer calls). */
  sampleOnce(): Promise<TelemetrySample>;
  latest(): TelemetrySample | null;
  history(minutes: number, stepSeconds: number): TelemetrySample[];
}

export function createTelemetry(o: TelemetryOptions): Telemetry {
  const now = o.now ?? Date.now;
  const interval = o.intervalMs ?? 1000;
  const retention = o.retentionMs ?? 24 * 3600_000;
  const storeEvery = o.storeEveryMs ?? 5000;
  let lastStored = -Infinity;
  const recheck = o.missingRecheckMs ?? 30_000;
  const insert = o.db.prepare('INSERT OR REPLACE INTO gpu_samples (time, payload) VALUES (?, ?)');
  const prune = o.db.prepare('DELETE FROM gpu_samples WHERE time < ?');
  const select = o.db.prepare(
    'SELECT payload FROM gpu_samples WHERE time IN (SELECT min(time) FROM gpu_samples WHERE time >= ? GROUP BY time / CAST(? AS INTEGER)) ORDER BY time',
  );
  let last: TelemetrySample | null = null;
  let lastGpu: { at: number; read: GpuRead } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;
  let count = 0;
  let lastState = '';

  async function sampleOnce(): Promise<TelemetrySample> {
    const t = now();
    const reuse = lastGpu && lastGpu.read.source.state === 'not-found' && t - lastGpu.at < recheck;
    const [gpuRead, system] = await Promise.all([reuse && lastGpu ? lastGpu.read : o.gpu.read(), o.system.read()]);
    if (!reuse) lastGpu = { at: t, read: gpuRead };
    if (gpuRead.source.state !== lastState) {
      lastState = gpuRead.source.state;
      o.log.info(`GPU telemetry: ${gpuRead.source.message}`);
    }
    const sample: TelemetrySample = { time: t, source: gpuRead.source, gpus: gpuRead.gpus, system };
    last = sample;
    if (t - lastStored >= storeEvery) {
      lastStored = t;
      insert.run(t, JSON.stringify(sample));
      if (++count % 60 === 1) prune.run(t - retention);
    }
    o.onSample?.(sample);
    return sample;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sampleOnce()
        .catch((err: unknown) => o.log.warn(`Telemetry sample failed: ${String(err)}`))
        .finally(() => {
          running = null;
          schedule();
        });
    }, interval);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    sampleOnce,
    latest: () => last,
    history(minutes, stepSeconds) {
      const rows = select.all(now() - minutes * 60_000, stepSeconds * 1000) as { payload: string }[];
      return rows.map((r) => JSON.parse(r.payload) as TelemetrySample);
    },
  };
}
