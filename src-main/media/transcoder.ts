// The engine's entry point for one segment: bytes in, renditions out, each with its exact pixel
// count. Every failure becomes a typed AppError (never an unhandled rejection or a dead process) and
// the temporary folder is removed whatever happens.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import type { VideoProfile } from '../../src-shared/domain/profiles.ts';
import type { EncoderName } from './encoders.ts';
import { classifyFailure } from './failure.ts';
import { parseFfmpegStats } from './ffmpeg-stats.ts';
import { runProcess } from './ffmpeg-run.ts';
import { buildLadderArgs } from './ladder-args.ts';
import { summarizeTsVideo, tsFramingProblem } from './mpegts.ts';

export interface TranscodeRequest {
  readonly input: Uint8Array;
  readonly profiles: readonly VideoProfile[];
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface Rendition {
  readonly profile: VideoProfile;
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Video frames in `data` (counted in its MPEG-TS packets). */
  readonly frames: number;
  /** Sum over the frames in `data` of width x height: what a gateway re-decodes and pays for. */
  readonly pixels: number;
}

export interface TranscodeResult {
  readonly renditions: Rendition[];
  readonly input: { width: number; height: number; frames: number };
  /** Decoded input pixels (frames x width x height). */
  readonly inputPixels: number;
  readonly encoder: EncoderName;
  readonly device: number;
  /** Time FFmpeg ran, and the whole call; the difference is the engine's own overhead. */
  readonly ffmpegMs: number;
  readonly totalMs: number;
}

export interface TranscoderOptions {
  readonly ffmpegPath: string;
  readonly encoder: EncoderName;
  readonly device?: number;
  readonly cpuPreset?: string;
  /** Parent of the per-segment temporary folders (default: the OS temp dir). */
  readonly tempRoot?: string;
  readonly defaultTimeoutMs?: number;
  /** Sees each FFmpeg process (the tests kill one through it). */
  readonly onSpawn?: (child: ChildProcess) => void;
}

export interface Transcoder {
  readonly encoder: EncoderName;
  readonly device: number;
  transcodeSegment(request: TranscodeRequest): Promise<TranscodeResult>;
}

export const TEMP_PREFIX = 'lpm-transcode-';

export function createTranscoder(options: TranscoderOptions): Transcoder {
  const device = options.device ?? 0;
  return {
    encoder: options.encoder,
    device,
    async transcodeSegment(request) {
      const started = performance.now();
      if (request.profiles.length === 0) throw new AppError(ErrorCode.BadInput, 'No profiles to transcode to');
      const framing = tsFramingProblem(request.input);
      if (framing)
        throw new AppError(ErrorCode.CorruptInput, `Not an MPEG-TS segment: ${framing}`, { kind: 'corrupt-input' });
      if (request.signal?.aborted)
        throw new AppError(ErrorCode.Cancelled, 'Transcoding was cancelled', { kind: 'cancelled' });

      const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), TEMP_PREFIX));
      try {
        const inputPath = join(dir, 'in.ts');
        const outputs = request.profiles.map((_, i) => join(dir, `out${i}.ts`));
        await writeFile(inputPath, request.input);
        const args = buildLadderArgs({
          input: inputPath,
          outputs,
          profiles: request.profiles,
          encoder: options.encoder,
          device,
          ...(options.cpuPreset ? { cpuPreset: options.cpuPreset } : {}),
        });
        const timeoutMs = request.timeoutMs ?? options.defaultTimeoutMs;
        const run = await runProcess(options.ffmpegPath, args, {
          ...(timeoutMs ? { timeoutMs } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
          ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
        });
        if (run.code !== 0 || run.stoppedBy || run.signal || run.spawnError)
          throw classifyFailure(run, 'transcoding', timeoutMs);

        const stats = parseFfmpegStats(run.stderr);
        const inFrames = stats.inputFramesDecoded ?? 0;
        if (!stats.input || inFrames === 0) {
          throw new AppError(ErrorCode.CorruptInput, 'The segment has no decodable video frames', {
            kind: 'corrupt-input',
          });
        }
        const renditions = await Promise.all(
          request.profiles.map(async (profile, i): Promise<Rendition> => {
            const data = new Uint8Array(await readFile(outputs[i] ?? ''));
            const out = stats.outputs.get(i);
            const ts = summarizeTsVideo(data);
            if (!out?.size)
              throw new AppError(
                ErrorCode.TranscoderCrashed,
                `FFmpeg did not report the size of rendition ${profile.name}`,
                { kind: 'crashed' },
              );
            // Two independent counts of the same frames: FFmpeg's muxer counter and the TS packets we return.
            if (out.packetsMuxed !== null && out.packetsMuxed !== ts.frames) {
              throw new AppError(
                ErrorCode.TranscoderCrashed,
                `Rendition ${profile.name}: FFmpeg muxed ${out.packetsMuxed} frames but the output holds ${ts.frames}`,
                { kind: 'crashed' },
              );
            }
            const { width, height } = out.size;
            return { profile, data, width, height, frames: ts.frames, pixels: ts.frames * width * height };
          }),
        );
        return {
          renditions,
          input: { width: stats.input.width, height: stats.input.height, frames: inFrames },
          inputPixels: inFrames * stats.input.width * stats.input.height,
          encoder: options.encoder,
          device,
          ffmpegMs: run.elapsedMs,
          totalMs: performance.now() - started,
        };
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError(
          ErrorCode.TranscoderCrashed,
          `Transcoding failed: ${err instanceof Error ? err.message : String(err)}`,
          { kind: 'crashed' },
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
