// The gateway's pixel count (FFmpeg decoding the rendition) against Debian's ffprobe -count_frames.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countPixels } from './decoded-pixels.ts';

const dir = mkdtempSync(join(tmpdir(), 'lpm-pixels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('countPixels', () => {
  it('equals frames × width × height as ffprobe counts them', async () => {
    const file = join(dir, 'clip.ts');
    execFileSync('/usr/bin/ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '1.2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mpegts', file],
    ]);
    const [w, h, n] = execFileSync(
      '/usr/bin/ffprobe',
      [
        ...['-v', 'error', '-select_streams', 'v:0', '-count_frames'],
        ...['-show_entries', 'stream=width,height,nb_read_frames', '-of', 'csv=p=0', file],
      ],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n')[0]!
      .split(',')
      .map(Number);
    expect(n).toBe(30);
    expect(await countPixels(file, '/usr/bin/ffmpeg')).toBe(BigInt(w! * h! * n!));
  });

  it('says why when the file is not video', async () => {
    await expect(countPixels(join(dir, 'missing.ts'), '/usr/bin/ffmpeg')).rejects.toThrow(
      /FFmpeg could not decode .*missing\.ts to count its pixels: .*No such file/,
    );
  });
});
