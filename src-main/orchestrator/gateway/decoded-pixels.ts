// The gateway's independent pixel check: decode every frame of a rendition with ffprobe and sum
// width × height, as go-livepeer's gateway verifies what it pays for.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FFPROBE = process.env['FFPROBE_BIN'] ?? 'ffprobe';

/** Σ frames × width × height of the first video stream of `file`, by decoding every frame. */
export async function countPixels(file: string): Promise<bigint> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-count_frames',
    '-show_entries',
    'stream=width,height,nb_read_frames',
    '-of',
    'csv=p=0',
    file,
  ]);
  // MPEG-TS may list the stream under its program too: the first line is enough.
  const m = /^(\d+),(\d+),(\d+)/.exec(stdout.trim());
  if (!m) throw new Error(`ffprobe gave no frame count: ${stdout.trim()}`);
  return BigInt(m[1] ?? 0) * BigInt(m[2] ?? 0) * BigInt(m[3] ?? 0);
}
