// The gateway's independent pixel check: decode every frame of a rendition with FFmpeg (the app's
// own, so no ffprobe needs to ship) and sum width × height, as go-livepeer's gateway verifies what
// it pays for. The counts are FFmpeg's own: "N frames decoded" for the input at -loglevel verbose.
import { binaryCommand } from '../../resources/bundled-binaries.ts';
import { runProcess } from '../../media/ffmpeg-run.ts';
import { parseFfmpegStats } from '../../media/ffmpeg-stats.ts';
import { errorLines } from '../../media/failure.ts';

/** Σ frames × width × height of the first video stream of `file`, by decoding every frame. */
export async function countPixels(file: string, ffmpeg = binaryCommand('ffmpeg')): Promise<bigint> {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'verbose', '-i', file];
  const run = await runProcess(ffmpeg, [...args, '-map', '0:v:0', '-f', 'null', '-'], { timeoutMs: 60_000 });
  const stats = parseFfmpegStats(run.stderr);
  if (run.code !== 0 || !stats.input || stats.inputFramesDecoded === null) {
    const why = run.spawnError?.message ?? (errorLines(run.stderr) || `exit ${run.code ?? run.signal}`);
    throw new Error(`FFmpeg could not decode ${file} to count its pixels: ${why}`);
  }
  const { width, height } = stats.input;
  return BigInt(stats.inputFramesDecoded) * BigInt(width) * BigInt(height);
}
