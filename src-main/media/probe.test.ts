import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegCandidates, probeFfmpeg } from './probe.ts';

const dir = mkdtempSync(join(tmpdir(), 'lpm-probe-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FFmpeg discovery and probe on this machine (Debian ffmpeg, no GPU)', () => {
  it('finds the candidates in order: a user path, the bundled ffmpeg (the npm package here) and ffmpeg on the PATH', () => {
    const c = ffmpegCandidates('/opt/my/ffmpeg');
    expect(c.map((x) => x.source)).toEqual(['user', 'bundled', 'path']);
    expect(c[0]?.path).toBe('/opt/my/ffmpeg');
    expect(c[1]?.path).toMatch(/@ffmpeg-installer[/\\]linux-x64[/\\]ffmpeg$/);
    expect(c[2]?.path).toBe('/usr/bin/ffmpeg');
  });

  it('chooses libx264 from the system ffmpeg and explains why hardware encoders are unavailable', async () => {
    const fake = join(dir, 'not-ffmpeg');
    writeFileSync(fake, '#!/bin/sh\necho "this is not ffmpeg" >&2\nexit 3\n', { mode: 0o755 });
    const report = await probeFfmpeg({ userPath: fake });
    const [user, stat, path] = report.candidates;
    expect(user).toMatchObject({ source: 'user', usable: false });
    expect(user?.problem).toMatch(/does not run/);
    // The bundled 2018 build runs, but cannot take the ladder's -fps_mode: it is passed over, with the reason.
    expect(stat).toMatchObject({ source: 'bundled', usable: false, version: expect.stringMatching(/^N-/) });
    expect(stat?.problem).toMatch(/Too old for the transcoder: it has no -fps_mode option/);
    expect(path).toMatchObject({ source: 'path', path: '/usr/bin/ffmpeg', usable: true });
    expect(path?.version).toMatch(/^\d/);
    const enc = new Map(path?.encoders.map((e) => [e.name, e]));
    expect(enc.get('libx264')).toMatchObject({ works: true, compiledIn: true });
    expect(enc.get('h264_nvenc')).toMatchObject({ works: false, compiledIn: true });
    expect(enc.get('h264_nvenc')?.reason).toMatch(/libcuda|CUDA|encoder/i);
    expect(enc.get('h264_qsv')?.reason).toMatch(/MFX|qsv|session|device/i);
    expect(enc.get('h264_vaapi')?.reason).toMatch(/VA|vaapi|device/i);
    expect(enc.get('h264_amf')).toMatchObject({ compiledIn: false, reason: 'Not built into this FFmpeg' });
    expect(path?.hwaccels.find((h) => h.name === 'cuda')).toMatchObject({ compiledIn: true, works: false });
    expect(report.chosen).toMatchObject({ source: 'path', path: '/usr/bin/ffmpeg', encoder: 'libx264' });
    expect(report.devices).toEqual([{ id: 'cpu', label: 'CPU', encoder: 'libx264', index: 0 }]);
    expect(report.explanation).toMatch(
      /Using ffmpeg on the PATH .* with libx264 on the CPU\. No hardware encoder works here: h264_nvenc: .*Not using the FFmpeg bundled with the app: Too old/,
    );
  }, 60_000);

  it("prefers the user's path over the bundled and PATH copies when they are equally good", async () => {
    const report = await probeFfmpeg({
      userPath: '/usr/bin/ffmpeg',
      candidates: [
        { source: 'user', path: '/usr/bin/ffmpeg' },
        { source: 'bundled', path: null },
        { source: 'path', path: '/usr/bin/ffmpeg' },
      ],
    });
    expect(report.candidates.map((c) => [c.source, c.usable, c.problem])).toEqual([
      ['user', true, null],
      ['bundled', false, 'Not bundled with this build'],
      ['path', true, null],
    ]);
    expect(report.chosen).toMatchObject({ source: 'user', path: '/usr/bin/ffmpeg', encoder: 'libx264' });
  }, 60_000);
});
