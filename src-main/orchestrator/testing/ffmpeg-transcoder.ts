// A small real SegmentTranscoder for tests: the system ffmpeg scales the segment to each profile
// in one process (libx264 ultrafast, MPEG-TS), and FFmpeg decodes each output again to count its
// frames, so pixels = frames × width × height of the bytes returned. The product engine lives in
// src-main/media; this one only keeps the node's tests honest.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { countPixels } from '../gateway/decoded-pixels.ts';
import type { Rendition, SegmentTranscoder, SegmentToTranscode } from '../server/segment-transcoder.ts';

export { countPixels };

const run = promisify(execFile);
export const FFMPEG = process.env['FFMPEG_BIN'] ?? '/usr/bin/ffmpeg';

export function createFfmpegTranscoder(): SegmentTranscoder {
  return {
    async transcode(seg: SegmentToTranscode, signal: AbortSignal): Promise<Rendition[]> {
      const dir = await mkdtemp(join(tmpdir(), 'lp-seg-'));
      try {
        const input = join(dir, 'in.ts');
        await writeFile(input, seg.data);
        const n = seg.profiles.length;
        const split =
          `[0:v]split=${n}${seg.profiles.map((_, i) => `[s${i}]`).join('')};` +
          seg.profiles.map((p, i) => `[s${i}]scale=${p.width}:${p.height}[v${i}]`).join(';');
        const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, '-filter_complex', split];
        seg.profiles.forEach((p, i) => {
          args.push(
            '-map',
            `[v${i}]`,
            '-map',
            '0:a?',
            '-c:v',
            'libx264',
            '-preset',
            'ultrafast',
            '-b:v',
            String(p.bitrate || 400_000),
          );
          args.push('-c:a', 'copy', '-f', 'mpegts', join(dir, `out${i}.ts`));
        });
        await run(FFMPEG, args, { signal });
        const out: Rendition[] = [];
        for (let i = 0; i < n; i++) {
          const data = new Uint8Array(await readFile(join(dir, `out${i}.ts`)));
          out.push({ data, pixels: await countPixels(join(dir, `out${i}.ts`)) });
        }
        return out;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A short MPEG-TS test clip (testsrc2 + tone), 30 fps. */
export async function makeTestClip(file: string, seconds = 1, size = '320x180'): Promise<Uint8Array> {
  await run(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=30`,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=1000:sample_rate=48000',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '30',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-f',
    'mpegts',
    file,
  ]);
  return new Uint8Array(await readFile(file));
}
