// `bench`: the transcoding benchmark (standard ladder, 1..N sessions) from a shell. `--json` prints
// one document on stdout; progress goes to stderr.
import { parseArgs } from 'node:util';
import type { BenchmarkState } from '../../src-shared/contract/index.ts';
import { runBenchmark } from '../media/benchmark.ts';
import { intOption } from './args.ts';
import { chooseFfmpeg } from './ffmpeg-choice.ts';

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
