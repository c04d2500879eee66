// `transcode` and `bench` subcommands: the engine from a shell, for rig operators and for tests that
// drive the app from outside. `--json` prints one document on stdout; progress goes to stderr.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, type BenchmarkState, type ProbeReport } from '../../src-shared/contract/index.ts';
import { DEFAULT_NODE_PROFILES, parseProfileList } from '../../src-shared/domain/profiles.ts';
import { runBenchmark } from '../media/benchmark.ts';
import { ENCODER_NAMES, type EncoderName } from '../media/encoders.ts';
import { probeFfmpeg } from '../media/probe.ts';
import { createTranscoder } from '../media/transcoder.ts';

function intOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be an integer from ${min} to ${max}, got ${value}`);
  return n;
}

async function chooseFfmpeg(
  ffmpeg: string | undefined,
  quiet: boolean,
): Promise<ProbeReport & { chosen: NonNullable<ProbeReport['chosen']> }> {
  const report = await probeFfmpeg({ userPath: ffmpeg ?? process.env['LIVEPEER_MINER_FFMPEG'] ?? null });
  if (!quiet) process.stderr.write(`${report.explanation}\n`);
  if (!report.chosen) throw new Error(report.explanation);
  return report as ProbeReport & { chosen: NonNullable<ProbeReport['chosen']> };
}

function errorText(err: unknown): string {
  return err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
}

export async function transcodeCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      in: { type: 'string' },
      profiles: { type: 'string', default: DEFAULT_NODE_PROFILES.join(',') },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      ffmpeg: { type: 'string' },
      encoder: { type: 'string' },
      'timeout-ms': { type: 'string' },
    },
    strict: true,
  });
  if (!values.in || !values.out) throw new Error('transcode needs --in SEGMENT.ts and --out DIR');
  const profiles = parseProfileList(values.profiles);
  const report = await chooseFfmpeg(values.ffmpeg, false);
  const encoder = (values.encoder ?? report.devices[0]?.encoder ?? report.chosen.encoder) as EncoderName;
  if (!ENCODER_NAMES.includes(encoder)) throw new Error(`--encoder must be one of ${ENCODER_NAMES.join(', ')}`);
  const device = report.devices.find((d) => d.encoder === encoder)?.index ?? 0;
  const input = new Uint8Array(await readFile(resolve(values.in)));
  const outDir = resolve(values.out);
  await mkdir(outDir, { recursive: true });
  const engine = createTranscoder({ ffmpegPath: report.chosen.path, encoder, device });
  let result;
  try {
    result = await engine.transcodeSegment({
      input,
      profiles,
      timeoutMs: intOption(values['timeout-ms'], 'timeout-ms', 60_000, 100, 3_600_000),
    });
  } catch (err) {
    process.stderr.write(`${errorText(err)}\n`);
    process.exit(1);
  }
  const renditions = await Promise.all(
    result.renditions.map(async (r) => {
      const file = join(outDir, `${r.profile.name}.ts`);
      await writeFile(file, r.data);
      return {
        profile: r.profile.name,
        file,
        width: r.width,
        height: r.height,
        frames: r.frames,
        pixels: r.pixels,
        bytes: r.data.length,
      };
    }),
  );
  const doc = {
    ffmpeg: report.chosen.path,
    encoder: result.encoder,
    input: { ...result.input, pixels: result.inputPixels, bytes: input.length },
    renditions,
    ffmpegMs: Math.round(result.ffmpegMs),
    totalMs: Math.round(result.totalMs),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    process.stdout.write(
      `Input ${doc.input.width}x${doc.input.height}, ${doc.input.frames} frames, ${doc.input.pixels} pixels (${doc.encoder}, ${doc.totalMs} ms)\n`,
    );
    for (const r of renditions)
      process.stdout.write(
        `${r.profile}: ${r.width}x${r.height}, ${r.frames} frames, ${r.pixels} pixels -> ${r.file}\n`,
      );
  }
}

export async function benchCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sessions: { type: 'string', default: '3' },
      segments: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
      ffmpeg: { type: 'string' },
      device: { type: 'string' },
      preset: { type: 'string' },
    },
    strict: true,
  });
  const sessions = intOption(values.sessions, 'sessions', 3, 1, 32);
  const segments = intOption(values.segments, 'segments', 3, 1, 60);
  const report = await chooseFfmpeg(values.ffmpeg, false);
  const device = values.device ? report.devices.find((d) => d.id === values.device) : report.devices[0];
  if (!device)
    throw new Error(`No device ${values.device ?? ''}; devices: ${report.devices.map((d) => d.id).join(', ')}`);
  let lastLine = '';
  const onProgress = (s: BenchmarkState): void => {
    const line = `[${Math.round(s.progress * 100)}%] ${s.message}`;
    if (line !== lastLine) process.stderr.write(`${line}\n`);
    lastLine = line;
  };
  const result = await runBenchmark({
    ffmpegPath: report.chosen.path,
    device,
    sessions,
    segments,
    onProgress,
    ...(values.preset ? { cpuPreset: values.preset } : {}),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ffmpeg: report.chosen.path, ...result }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${result.source}; ladder ${result.ladder.join(', ')}\n\nsessions  duration ratio  real-time segs  median segment\n`,
  );
  for (const s of result.steps) {
    process.stdout.write(
      `${String(s.concurrency).padStart(8)}  ${s.durationRatio.toFixed(3).padStart(14)}  ${(s.realTimeSegmentRatio * 100).toFixed(0).padStart(13)}%  ${String(s.medianSegmentMs).padStart(11)} ms\n`,
    );
  }
  process.stdout.write(`\nRecommended max sessions: ${result.recommendedMaxSessions}. ${result.note}\n`);
}
