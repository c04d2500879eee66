// Engine vs bare FFmpeg on the same segment, alternating in one run, then the real-time duration ratio of
// the standard ladder by concurrency. Prints a Markdown report on stdout (or JSON with --json).
//
//   node --disable-warning=ExperimentalWarning bench/engine-vs-ffmpeg.ts --runs 9 --sessions 3 --segments 3
//
// "Bare" runs exactly the arguments the engine builds (ladder-args.ts) on a file already on disk; the
// engine additionally writes the input bytes, reads the renditions back, counts their frames and removes
// its temporary folder. The difference of medians is the engine's cost outside FFmpeg.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { STANDARD_LADDER } from '../src-shared/domain/profiles.ts';
import { BENCH_SOURCE, median, runBenchmark } from '../src-main/media/benchmark.ts';
import { runProcess } from '../src-main/media/ffmpeg-run.ts';
import { buildLadderArgs, DEFAULT_CPU_PRESET, shellQuote } from '../src-main/media/ladder-args.ts';
import { probeFfmpeg } from '../src-main/media/probe.ts';
import { generateSource, sourceArgs } from '../src-main/media/test-source.ts';
import { createTranscoder } from '../src-main/media/transcoder.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    sessions: { type: 'string', default: '3' },
    segments: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const sessions = Number(values.sessions);
const segments = Number(values.segments);
const log = (m: string): void => void process.stderr.write(`${m}\n`);

const probe = await probeFfmpeg({ userPath: process.env['LIVEPEER_MINER_FFMPEG'] ?? null });
if (!probe.chosen || !probe.devices[0]) throw new Error(probe.explanation);
const ffmpeg = probe.chosen.path;
const device = probe.devices[0];
log(probe.explanation);

const dir = await mkdtemp(join(tmpdir(), 'lpm-bench-cmp-'));
try {
  const srcOpts = {
    ffmpegPath: ffmpeg,
    ...BENCH_SOURCE,
    seconds: Math.max(segments, 1) * 2,
    segmentSeconds: 2,
    outDir: dir,
  };
  const source = await generateSource(srcOpts);
  const segment = source[0];
  if (!segment) throw new Error('no source segment');
  const inPath = join(dir, 'bare-in.ts');
  await writeFile(inPath, segment);
  const bareArgs = buildLadderArgs({
    input: inPath,
    outputs: STANDARD_LADDER.map((p) => join(dir, `bare-${p.name}.ts`)),
    profiles: STANDARD_LADDER,
    encoder: device.encoder,
    device: device.index,
  });
  const engine = createTranscoder({ ffmpegPath: ffmpeg, encoder: device.encoder, device: device.index });

  const load0 = loadavg();
  const engineMs: number[] = [];
  const engineFfmpegMs: number[] = [];
  const bareMs: number[] = [];
  const runEngine = async (): Promise<void> => {
    const t = performance.now();
    const r = await engine.transcodeSegment({ input: segment, profiles: STANDARD_LADDER, timeoutMs: 120_000 });
    engineMs.push(performance.now() - t);
    engineFfmpegMs.push(r.ffmpegMs);
  };
  const runBare = async (): Promise<void> => {
    const t = performance.now();
    const r = await runProcess(ffmpeg, bareArgs, { timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`bare ffmpeg failed: ${r.stderr.slice(-500)}`);
    bareMs.push(performance.now() - t);
  };
  await runBare(); // warm-up (page cache, first exec), not counted
  bareMs.length = 0;
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first so slow drifts in machine load hit both equally.
    if (i % 2 === 0) {
      await runEngine();
      await runBare();
    } else {
      await runBare();
      await runEngine();
    }
    log(`run ${i + 1}/${runs}: engine ${engineMs.at(-1)?.toFixed(0)} ms, bare ${bareMs.at(-1)?.toFixed(0)} ms`);
  }
  const load1 = loadavg();
  const overhead = engineMs.map((t, i) => t - (engineFfmpegMs[i] ?? t));
  // Each engine run against the bare run next to it: robust to load drifting during the run.
  const paired = engineMs.map((t, i) => t / (bareMs[i] ?? t));

  log(`real-time ratio by concurrency (1..${sessions}, ${segments} segments per session)…`);
  const bench = await runBenchmark({
    ffmpegPath: ffmpeg,
    device,
    sessions,
    segments,
    source,
    onProgress: (s) => log(`  [${Math.round(s.progress * 100)}%] ${s.message}`),
  });

  const result = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadBefore: load0,
      loadAfter: load1,
      loadAfterBenchmark: bench.loadAverage,
    },
    ffmpeg: { path: ffmpeg, version: probe.chosen.version, encoder: device.encoder, cpuPreset: DEFAULT_CPU_PRESET },
    sourceCommand: `ffmpeg ${shellQuote(sourceArgs(srcOpts))}`,
    bareCommand: `ffmpeg ${shellQuote(bareArgs)}`,
    runs,
    engineMedianMs: Math.round(median(engineMs)),
    bareMedianMs: Math.round(median(bareMs)),
    ratio: Math.round((median(engineMs) / median(bareMs)) * 1000) / 1000,
    pairedRatioMedian: Math.round(median(paired) * 1000) / 1000,
    engineFfmpegMedianMs: Math.round(median(engineFfmpegMs)),
    engineOverheadMedianMs: Math.round(median(overhead) * 10) / 10,
    engineMs: engineMs.map(Math.round),
    bareMs: bareMs.map(Math.round),
    benchmark: bench,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const f = (a: readonly number[]): string => a.map((x) => x.toFixed(2)).join(' / ');
    const lines = [
      `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}; load average (1/5/15 min) ${f(load0)} before, ${f(load1)} after the comparison, ${f(bench.loadAverage)} after the sweep.`,
      `FFmpeg ${result.ffmpeg.version} (${ffmpeg}), encoder ${device.encoder}, preset ${DEFAULT_CPU_PRESET}. Source: one 2 s 1080p30 segment of ${segment.length} bytes.`,
      '',
      '| | median | all runs (ms) |',
      '|---|---:|---|',
      `| engine (\`transcodeSegment\`, bytes in/out) | ${result.engineMedianMs} ms | ${result.engineMs.join(', ')} |`,
      `| bare ffmpeg (same arguments, files) | ${result.bareMedianMs} ms | ${result.bareMs.join(', ')} |`,
      `| ratio of medians engine / bare | **${result.ratio.toFixed(3)}** | |`,
      `| median of paired ratios (each engine run / the bare run beside it) | **${result.pairedRatioMedian.toFixed(3)}** | ${paired.map((r) => r.toFixed(2)).join(', ')} |`,
      `| FFmpeg process wall time inside the engine runs | ${result.engineFfmpegMedianMs} ms | |`,
      `| engine overhead outside FFmpeg (median of total − FFmpeg wall) | ${result.engineOverheadMedianMs} ms | |`,
      '',
      `Standard ladder (${bench.ladder.join(', ')}), ${bench.source}, live pacing:`,
      '',
      '| concurrent sessions | duration ratio | real-time segments | median segment time |',
      '|---:|---:|---:|---:|',
      ...bench.steps.map(
        (s) =>
          `| ${s.concurrency} | ${s.durationRatio.toFixed(3)} | ${(s.realTimeSegmentRatio * 100).toFixed(0)} % | ${s.medianSegmentMs} ms |`,
      ),
      '',
      `Recommended max sessions (largest N with ratio ≤ 0.8): **${bench.recommendedMaxSessions}**.`,
      '',
      'Bare command:',
      '',
      '```',
      result.bareCommand,
      '```',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
