// The media engine as the rest of the app sees it: the cached probe (FFmpeg and devices), the media
// settings, the scheduler, the benchmark, and `transcode` for the node (device chosen and released
// by the scheduler, session-limit refusals fed back into the caps). Persisted in the app's SQLite.
import {
  AppError,
  ErrorCode,
  ProbeReport,
  BenchmarkReport,
  MediaConfig,
  type BenchmarkState,
  type DeviceCapacity,
  type DeviceChoice,
} from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Database, Migration } from '../store/database.ts';
import { runBenchmark } from './benchmark.ts';
import { probeFfmpeg } from './probe.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import { createTranscoder, type TranscodeRequest, type TranscodeResult, type Transcoder } from './transcoder.ts';
import { recommendSessions } from '../../src-shared/domain/session-recommendation.ts';

export const MEDIA_MIGRATIONS: readonly Migration[] = [
  {
    id: 'media/1',
    sql: `CREATE TABLE media_config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          CREATE TABLE media_probe (id INTEGER PRIMARY KEY CHECK (id = 1), report TEXT NOT NULL, probed_at INTEGER NOT NULL);
          CREATE TABLE media_benchmarks (id INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, finished_at INTEGER NOT NULL, report TEXT NOT NULL);`,
  },
];

export interface MediaEngineOptions {
  readonly db: Database;
  readonly log: Logger;
  /** An FFmpeg path from the command line or environment; wins over the stored setting. */
  readonly ffmpegPathOverride?: string | null;
  readonly cpuPreset?: string;
  /** NVIDIA GPUs telemetry knows, to name NVENC devices. */
  readonly nvidiaGpus?: () =>
    readonly { index: number; name: string }[] | Promise<readonly { index: number; name: string }[]>;
  /** Per-segment FFmpeg deadline when the caller gives none (default 60 s). */
  readonly defaultTimeoutMs?: number;
  readonly onBenchmark?: (state: BenchmarkState) => void;
  readonly onCapacity?: (capacity: DeviceCapacity[]) => void;
}

export interface MediaEngine {
  probe(refresh?: boolean): Promise<ProbeReport>;
  getConfig(): MediaConfig;
  setConfig(patch: Partial<MediaConfig>): MediaConfig;
  capacity(): Promise<DeviceCapacity[]>;
  /** For the node: one segment of a stream on the device the scheduler gives that stream. */
  transcode(streamId: string, request: TranscodeRequest): Promise<TranscodeResult & { deviceId: string }>;
  endStream(streamId: string): void;
  startBenchmark(input: { sessions: number; segments: number; deviceId?: string | undefined }): Promise<BenchmarkState>;
  benchmarkStatus(): BenchmarkState;
  cancelBenchmark(): BenchmarkState;
  close(): Promise<void>;
}

const DEFAULT_CONFIG: MediaConfig = { ffmpegPath: null, maxSessions: {} };

export function createMediaEngine(o: MediaEngineOptions): MediaEngine {
  const { db, log } = o;
  const readConfig = db.prepare('SELECT value FROM media_config WHERE key = ?');
  const writeConfig = db.prepare(
    'INSERT INTO media_config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const readProbe = db.prepare('SELECT report FROM media_probe WHERE id = 1');
  const writeProbe = db.prepare('INSERT OR REPLACE INTO media_probe (id, report, probed_at) VALUES (1, ?, ?)');
  const insertBench = db.prepare('INSERT INTO media_benchmarks (device_id, finished_at, report) VALUES (?, ?, ?)');
  const lastBench = db.prepare('SELECT report FROM media_benchmarks WHERE device_id = ? ORDER BY id DESC LIMIT 1');
  const lastAnyBench = db.prepare('SELECT report FROM media_benchmarks ORDER BY id DESC LIMIT 1');

  function loadConfig(): MediaConfig {
    const row = readConfig.get('config') as { value: string } | undefined;
    const parsed = row ? MediaConfig.safeParse(JSON.parse(row.value)) : null;
    return parsed?.success ? parsed.data : DEFAULT_CONFIG;
  }
  let config = loadConfig();
  let probeReport: ProbeReport | null = (() => {
    const row = readProbe.get() as { report: string } | undefined;
    const parsed = row ? ProbeReport.safeParse(JSON.parse(row.report)) : null;
    return parsed?.success ? parsed.data : null;
  })();
  let probing: Promise<ProbeReport> | null = null;
  let scheduler: Scheduler | null = null;
  let offCapacity: (() => void) | null = null;
  const transcoders = new Map<string, Transcoder>();

  const benchFor = (deviceId: string): BenchmarkReport | null => {
    const row = lastBench.get(deviceId) as { report: string } | undefined;
    const parsed = row ? BenchmarkReport.safeParse(JSON.parse(row.report)) : null;
    return parsed?.success ? parsed.data : null;
  };

  function capFor(d: DeviceChoice): { max: number; reason: string } {
    const set = config.maxSessions[d.id];
    if (set === 0) return { max: 0, reason: 'Not used: turned off by you' };
    if (set !== undefined) return { max: set, reason: `Set by you to ${set}` };
    const b = benchFor(d.id);
    if (b) {
      const r = recommendSessions(b.steps, `${d.label} (${b.encoder})`);
      return {
        max: r.sessions,
        reason: `Benchmark of ${new Date(b.finishedAt).toISOString().slice(0, 16)} UTC: ${r.note}`,
      };
    }
    return { max: 1, reason: 'Default; run the benchmark for a recommendation' };
  }

  function rebuildScheduler(report: ProbeReport): void {
    offCapacity?.();
    scheduler = createScheduler(report.devices, capFor);
    transcoders.clear();
    offCapacity = scheduler.onChange((c) => o.onCapacity?.(c));
    o.onCapacity?.(scheduler.capacity());
  }

  /** New caps (setting changed, benchmark finished) without forgetting the streams that are running. */
  function refreshCaps(): void {
    if (!scheduler || !probeReport) return;
    for (const d of probeReport.devices) {
      const cap = capFor(d);
      scheduler.setCap(d.id, cap.max, cap.reason);
    }
  }

  async function probe(refresh = false): Promise<ProbeReport> {
    if (probeReport && !refresh) {
      if (!scheduler) rebuildScheduler(probeReport);
      return probeReport;
    }
    probing ??= (async () => {
      try {
        const report = await probeFfmpeg({
          userPath: o.ffmpegPathOverride ?? config.ffmpegPath,
          nvidiaGpus: (await o.nvidiaGpus?.()) ?? [],
        });
        writeProbe.run(JSON.stringify(report), report.probedAt);
        probeReport = report;
        log.info(`FFmpeg probe (${report.durationMs} ms): ${report.explanation}`);
        rebuildScheduler(report);
        return report;
      } finally {
        probing = null;
      }
    })();
    return probing;
  }

  async function ready(): Promise<{ report: ProbeReport; scheduler: Scheduler }> {
    const report = await probe();
    if (!report.chosen || !scheduler)
      throw new AppError(ErrorCode.Unavailable, `No usable FFmpeg. ${report.explanation}`);
    return { report, scheduler };
  }

  function transcoderFor(report: ProbeReport, d: DeviceChoice): Transcoder {
    let t = transcoders.get(d.id);
    if (!t) {
      t = createTranscoder({
        ffmpegPath: report.chosen?.path ?? 'ffmpeg',
        encoder: d.encoder,
        device: d.index,
        defaultTimeoutMs: o.defaultTimeoutMs ?? 60_000,
        ...(o.cpuPreset ? { cpuPreset: o.cpuPreset } : {}),
      });
      transcoders.set(d.id, t);
    }
    return t;
  }

  // Benchmark state
  const idle: BenchmarkState = {
    running: false,
    phase: 'idle',
    progress: 0,
    message: 'No benchmark run yet',
    concurrency: 0,
    steps: [],
    report: null,
  };
  let bench: BenchmarkState = (() => {
    const row = lastAnyBench.get() as { report: string } | undefined;
    const parsed = row ? BenchmarkReport.safeParse(JSON.parse(row.report)) : null;
    return parsed?.success
      ? {
          ...idle,
          phase: 'done',
          progress: 1,
          message: parsed.data.note,
          steps: parsed.data.steps,
          report: parsed.data,
        }
      : idle;
  })();
  let benchAbort: AbortController | null = null;
  let benchRun: Promise<void> | null = null;
  const setBench = (next: BenchmarkState): void => {
    bench = next;
    o.onBenchmark?.(next);
  };

  return {
    probe,
    getConfig: () => config,
    setConfig(patch) {
      const next = MediaConfig.parse({ ...config, ...patch });
      writeConfig.run('config', JSON.stringify(next));
      const pathChanged = next.ffmpegPath !== config.ffmpegPath;
      config = next;
      if (pathChanged)
        probeReport = null; // probed again on next use
      else refreshCaps();
      return config;
    },
    async capacity() {
      await probe();
      return scheduler?.capacity() ?? [];
    },
    async transcode(streamId, request) {
      const { report, scheduler: s } = await ready();
      const lease = s.acquire(streamId, request.profiles.length);
      if (!lease) throw new AppError(ErrorCode.Unavailable, 'Every device is at its session cap', { kind: 'busy' });
      try {
        const result = await transcoderFor(report, lease.device).transcodeSegment(request);
        return { ...result, deviceId: lease.device.id };
      } catch (err) {
        if (err instanceof AppError && err.code === ErrorCode.EncoderSessionLimit) {
          const cap = s.reportSessionLimit(lease.device.id, streamId);
          log.warn(`Session cap of ${lease.device.id} lowered to ${cap}: ${err.message}`);
        }
        if (err instanceof AppError && err.details?.['kind'] === 'spawn') {
          // The cached choice no longer runs (FFmpeg removed or replaced): probe again next time.
          log.warn(`FFmpeg at ${report.chosen?.path ?? '?'} no longer starts; it will be probed again`);
          probeReport = null;
        }
        throw err;
      }
    },
    endStream(streamId) {
      scheduler?.release(streamId);
    },
    async startBenchmark(input) {
      if (bench.running) throw new AppError(ErrorCode.Conflict, 'A benchmark is already running');
      const { report } = await ready();
      const device = report.devices.find((d) => d.id === (input.deviceId ?? report.devices[0]?.id));
      if (!device) throw new AppError(ErrorCode.NotFound, `No device ${input.deviceId ?? ''}`);
      benchAbort = new AbortController();
      setBench({
        running: true,
        phase: 'generating',
        progress: 0,
        message: 'Starting',
        concurrency: 0,
        steps: [],
        report: null,
      });
      benchRun = runBenchmark({
        ffmpegPath: report.chosen?.path ?? 'ffmpeg',
        device,
        sessions: input.sessions,
        segments: input.segments,
        signal: benchAbort.signal,
        onProgress: (state) => setBench(state),
        ...(o.cpuPreset ? { cpuPreset: o.cpuPreset } : {}),
      }).then(
        (result) => {
          insertBench.run(result.deviceId, result.finishedAt, JSON.stringify(result));
          log.info(`Benchmark done: ${result.note}`);
          setBench({
            running: false,
            phase: 'done',
            progress: 1,
            message: result.note,
            concurrency: 0,
            steps: result.steps,
            report: result,
          });
          refreshCaps();
        },
        (err: unknown) => {
          const cancelled = err instanceof AppError && err.code === ErrorCode.Cancelled;
          const message = cancelled
            ? 'Benchmark cancelled'
            : `Benchmark failed: ${err instanceof Error ? err.message : String(err)}`;
          if (!cancelled) log.warn(message);
          setBench({ ...bench, running: false, phase: cancelled ? 'cancelled' : 'failed', message });
        },
      );
      return bench;
    },
    benchmarkStatus: () => bench,
    cancelBenchmark() {
      benchAbort?.abort();
      return bench;
    },
    async close() {
      benchAbort?.abort();
      await benchRun;
      await probing?.catch(() => undefined);
      offCapacity?.();
    },
  };
}
