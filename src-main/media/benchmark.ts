// The livepeer_bench equivalent: a generated 1080p30 source cut in 2 s segments, the standard
// 4-rendition ladder, 1..N concurrent sessions. Like livepeer_bench's live mode, each session submits
// segment k no earlier than k x 2 s after it started (sessions start 300 ms apart), so an idle session
// does not load the machine. Reports Σ transcode time / Σ source duration per concurrency and the
// largest concurrency at or below 0.8 (the Livepeer docs' rule: 20 % headroom for transfers).
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppError,
  ErrorCode,
  type BenchmarkReport,
  type BenchmarkState,
  type BenchmarkStep,
  type DeviceChoice,
} from '../../src-shared/contract/index.ts';
import { STANDARD_LADDER } from '../../src-shared/domain/profiles.ts';
import { recommendSessions } from '../../src-shared/domain/session-recommendation.ts';
import { generateSource } from './test-source.ts';
import { createTranscoder } from './transcoder.ts';

export { REALTIME_HEADROOM_RATIO } from '../../src-shared/domain/session-recommendation.ts';
const SEGMENT_SECONDS = 2;
const SESSION_DELAY_MS = 300;
/** Past this ratio more sessions cannot help; the sweep stops. */
const STOP_RATIO = 1.5;

export interface BenchmarkOptions {
  readonly ffmpegPath: string;
  readonly device: DeviceChoice;
  readonly sessions: number;
  readonly segments: number;
  readonly cpuPreset?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (state: BenchmarkState) => void;
  /** Pre-generated source segments (tests, the bench script); generated when absent. */
  readonly source?: readonly Uint8Array[];
  readonly now?: () => number;
}

export const BENCH_SOURCE = { width: 1920, height: 1080, fps: 30 } as const;

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export async function runBenchmark(o: BenchmarkOptions): Promise<BenchmarkReport> {
  const now = o.now ?? Date.now;
  const startedAt = now();
  const steps: BenchmarkStep[] = [];
  const totalUnits = (o.sessions * (o.sessions + 1) * o.segments) / 2;
  let doneUnits = 0;
  const report = (phase: BenchmarkState['phase'], message: string, concurrency: number): void =>
    o.onProgress?.({
      running: true,
      phase,
      progress: Math.min(1, doneUnits / totalUnits),
      message,
      concurrency,
      steps: [...steps],
      report: null,
    });

  let workDir: string | null = null;
  try {
    let source = o.source;
    if (!source) {
      report(
        'generating',
        `Generating a ${BENCH_SOURCE.height}p${BENCH_SOURCE.fps} test source (${o.segments} × ${SEGMENT_SECONDS} s)`,
        0,
      );
      workDir = await mkdtemp(join(tmpdir(), 'lpm-bench-'));
      source = await generateSource({
        ffmpegPath: o.ffmpegPath,
        ...BENCH_SOURCE,
        seconds: o.segments * SEGMENT_SECONDS,
        segmentSeconds: SEGMENT_SECONDS,
        outDir: workDir,
      });
    }
    if (source.length === 0) throw new AppError(ErrorCode.Unavailable, 'The benchmark source has no segments');
    const engine = createTranscoder({
      ffmpegPath: o.ffmpegPath,
      encoder: o.device.encoder,
      device: o.device.index,
      ...(o.cpuPreset ? { cpuPreset: o.cpuPreset } : {}),
    });

    for (let c = 1; c <= o.sessions; c++) {
      report('transcoding', `${c} concurrent session${c === 1 ? '' : 's'}`, c);
      const times: number[] = [];
      const session = async (k: number): Promise<void> => {
        await sleep(k * SESSION_DELAY_MS, o.signal);
        const t0 = performance.now();
        for (let i = 0; i < o.segments; i++) {
          await sleep(t0 + i * SEGMENT_SECONDS * 1000 - performance.now(), o.signal);
          const input = source[i % source.length] as Uint8Array;
          const s = performance.now();
          await engine.transcodeSegment({
            input,
            profiles: STANDARD_LADDER,
            timeoutMs: 120_000,
            ...(o.signal ? { signal: o.signal } : {}),
          });
          times.push(performance.now() - s);
          doneUnits++;
          report(
            'transcoding',
            `${c} concurrent session${c === 1 ? '' : 's'}: ${times.length}/${c * o.segments} segments`,
            c,
          );
        }
      };
      await Promise.all(Array.from({ length: c }, (_, k) => session(k)));
      const sourceMs = times.length * SEGMENT_SECONDS * 1000;
      const step: BenchmarkStep = {
        concurrency: c,
        segments: times.length,
        durationRatio: Math.round((times.reduce((a, b) => a + b, 0) / sourceMs) * 1000) / 1000,
        realTimeSegmentRatio: times.filter((t) => t <= SEGMENT_SECONDS * 1000).length / times.length,
        medianSegmentMs: Math.round(median(times)),
      };
      steps.push(step);
      if (step.durationRatio > STOP_RATIO) {
        doneUnits = totalUnits;
        break;
      }
    }
    const recommended = recommendSessions(steps, `${o.device.label} (${o.device.encoder})`);
    return {
      deviceId: o.device.id,
      encoder: o.device.encoder,
      source: `${BENCH_SOURCE.width}x${BENCH_SOURCE.height} ${BENCH_SOURCE.fps} fps, ${source.length} × ${SEGMENT_SECONDS} s segments (generated by FFmpeg testsrc2)`,
      ladder: STANDARD_LADDER.map((p) => `${p.name} ${p.width}x${p.height} ${p.bitrate / 1000}k`),
      segmentSeconds: SEGMENT_SECONDS,
      steps,
      recommendedMaxSessions: recommended.sessions,
      startedAt,
      finishedAt: now(),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      note: recommended.note,
    };
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}
