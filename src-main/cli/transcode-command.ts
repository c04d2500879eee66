// `transcode`: one segment through the engine from a shell, for rig operators and for tests that
// drive the app from outside. `--json` prints one document on stdout; progress goes to stderr.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_NODE_PROFILES, parseProfileList } from '../../src-shared/domain/profiles.ts';
import { ENCODER_NAMES, type EncoderName } from '../media/encoders.ts';
import { createTranscoder } from '../media/transcoder.ts';
import { intOption, UsageError } from './args.ts';
import { chooseFfmpeg, errorText } from './ffmpeg-choice.ts';

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
  if (!values.in || !values.out) throw new UsageError('transcode needs --in SEGMENT.ts and --out DIR');
  const profiles = parseProfileList(values.profiles);
  const report = await chooseFfmpeg(values.ffmpeg, false);
  const encoder = (values.encoder ?? report.devices[0]?.encoder ?? report.chosen.encoder) as EncoderName;
  if (!ENCODER_NAMES.includes(encoder)) throw new UsageError(`--encoder must be one of ${ENCODER_NAMES.join(', ')}`);
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
