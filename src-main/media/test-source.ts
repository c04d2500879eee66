// Generated test video: the benchmark's standard source (1080p30, 2 s segments) and the tests' small
// clips. FFmpeg's lavfi sources make them on any machine, so no media files ship with the app.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { errorLines } from './failure.ts';
import { runProcess } from './ffmpeg-run.ts';

export interface SourceOptions {
  readonly ffmpegPath: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Total length; split into `segmentSeconds` MPEG-TS segments. */
  readonly seconds: number;
  readonly segmentSeconds?: number;
  /** Video bitrate in bits/s (default about 7 Mbit/s at 1080p, like a streamer's upload). */
  readonly bitrate?: number;
  /** Adds film-grain noise so the encoder must spend its bitrate (for rate-control tests). */
  readonly noise?: boolean;
  readonly audio?: boolean;
  readonly outDir: string;
}

/** The arguments, exported so docs can show the exact command. */
export function sourceArgs(o: SourceOptions): string[] {
  const seg = o.segmentSeconds ?? 2;
  const bitrate = o.bitrate ?? Math.round((7_000_000 * o.width * o.height) / (1920 * 1080));
  const video = `testsrc2=size=${o.width}x${o.height}:rate=${o.fps}${o.noise ? ',noise=alls=40:allf=t' : ''}`;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', video];
  if (o.audio !== false) args.push('-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000');
  args.push('-t', String(o.seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p');
  args.push('-b:v', String(bitrate), '-maxrate', String(bitrate), '-bufsize', String(bitrate * 2));
  args.push('-g', String(o.fps * seg), '-keyint_min', String(o.fps * seg), '-sc_threshold', '0');
  if (o.audio !== false) args.push('-c:a', 'aac', '-b:a', '128k', '-ac', '2');
  args.push('-f', 'segment', '-segment_time', String(seg), '-segment_format', 'mpegts', '-reset_timestamps', '0');
  args.push(join(o.outDir, 'seg%03d.ts'));
  return args;
}

/** Writes the segments into `outDir` and returns their bytes in order. */
export async function generateSource(o: SourceOptions): Promise<Uint8Array[]> {
  const run = await runProcess(o.ffmpegPath, sourceArgs(o), { timeoutMs: 120_000 });
  if (run.code !== 0)
    throw new AppError(
      ErrorCode.Unavailable,
      `Could not generate test video: ${errorLines(run.stderr) || run.spawnError?.message}`,
    );
  const names = (await readdir(o.outDir)).filter((n) => /^seg\d{3}\.ts$/.test(n)).sort();
  return Promise.all(names.map(async (n) => new Uint8Array(await readFile(join(o.outDir, n)))));
}

/** One small 1 s segment (320x180, 30 fps) from Debian's FFmpeg, for tests that need any real video. */
export async function generateSmallSegment(outDir: string): Promise<Uint8Array> {
  const [seg] = await generateSource({
    ffmpegPath: '/usr/bin/ffmpeg',
    width: 320,
    height: 180,
    fps: 30,
    seconds: 1,
    segmentSeconds: 1,
    outDir,
  });
  if (!seg) throw new Error('FFmpeg wrote no segment');
  return seg;
}
