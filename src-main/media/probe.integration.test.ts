import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CandidateProbe, EncoderProbe } from '../../src-shared/contract/index.ts';
import { chooseFfmpeg, ffmpegCandidates, probeFfmpeg } from './probe.ts';

const dir = mkdtempSync(join(tmpdir(), 'lpm-probe-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// In this checkout the bundled FFmpeg is ffmpeg-static's file in node_modules: the downloaded build
// where GitHub is reachable, else Debian's ffmpeg copied there by scripts/setup.sh. Both are usable.
describe('FFmpeg discovery and probe on this machine (no GPU)', () => {
  it("finds the candidates in order: a user path, the bundled ffmpeg (ffmpeg-static's) and ffmpeg on the PATH", () => {
    const c = ffmpegCandidates('/opt/my/ffmpeg');
    expect(c.map((x) => x.source)).toEqual(['user', 'bundled', 'path']);
    expect(c[0]?.path).toBe('/opt/my/ffmpeg');
    expect(c[1]?.path).toMatch(/node_modules[/\\]ffmpeg-static[/\\]ffmpeg$/);
    expect(c[2]?.path).toBe('/usr/bin/ffmpeg');
  });

  it('chooses libx264 from the bundled ffmpeg and explains why hardware encoders and the others are not used', async () => {
    const fake = join(dir, 'not-ffmpeg');
    writeFileSync(fake, '#!/bin/sh\necho "this is not ffmpeg" >&2\nexit 3\n', { mode: 0o755 });
    const report = await probeFfmpeg({ userPath: fake });
    const [user, bundled, path] = report.candidates;
    expect(user).toMatchObject({ source: 'user', usable: false });
    expect(user?.problem).toMatch(/does not run/);
    expect(bundled).toMatchObject({ source: 'bundled', usable: true, problem: null });
    expect(bundled?.label).toBe('the FFmpeg bundled with the app (ffmpeg-static)');
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
    // Equally good (libx264): the earlier candidate, the bundled one, wins.
    expect(report.chosen).toMatchObject({ source: 'bundled', path: bundled?.path, encoder: 'libx264' });
    expect(report.devices).toEqual([{ id: 'cpu', label: 'CPU', encoder: 'libx264', index: 0 }]);
    expect(report.explanation).toMatch(
      /^Using the FFmpeg bundled with the app \(ffmpeg-static\) \(.*ffmpeg-static\/ffmpeg, version .*\) with libx264 on the CPU\. .*Not using the FFmpeg path you set: It does not run: .*Not using ffmpeg on the PATH \(\/usr\/bin\/ffmpeg\): its best encoder is libx264\.$/,
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

// The choice between probed candidates, from probe results written out: a working NVENC cannot be
// produced on a machine without an NVIDIA GPU.
function encoder(name: EncoderProbe['name'], compiledIn: boolean, works: boolean): EncoderProbe {
  const vendor = name === 'libx264' ? 'cpu' : 'nvidia';
  return { name, codec: 'h264', vendor, compiledIn, works, reason: works ? 'Encoded 5 test frames' : 'failed' };
}

function candidate(source: CandidateProbe['source'], label: string, encoders: EncoderProbe[]): CandidateProbe {
  const usable = encoders.some((e) => e.works);
  return {
    source,
    label,
    path: `/opt/${source}/ffmpeg`,
    usable,
    version: '6.1.1',
    problem: usable ? null : 'No H.264 encoder works',
    encoders,
    hwaccels: [],
  };
}

describe('choosing among probed FFmpegs', () => {
  // ffmpeg-static's Linux build: libx264, no NVENC compiled in.
  const staticLinux = candidate('bundled', 'the bundled FFmpeg', [
    encoder('h264_nvenc', false, false),
    encoder('libx264', true, true),
  ]);
  const systemWithNvenc = candidate('path', 'ffmpeg on the PATH', [
    encoder('h264_nvenc', true, true),
    encoder('libx264', true, true),
  ]);
  const systemWithoutGpu = candidate('path', 'ffmpeg on the PATH', [
    encoder('h264_nvenc', true, false),
    encoder('libx264', true, true),
  ]);

  it('on Linux prefers a system FFmpeg whose NVENC works over the bundled one, and says why', () => {
    const choice = chooseFfmpeg([staticLinux, systemWithNvenc], { platform: 'linux' });
    expect(choice.chosen?.source).toBe('path');
    expect(choice.encoder?.name).toBe('h264_nvenc');
    expect(choice.explanation).toContain(
      "On Linux the bundled FFmpeg (ffmpeg-static's build) has no NVENC, so ffmpeg on the PATH, whose NVENC works, is preferred.",
    );
    expect(choice.explanation).toContain(
      'Not using the bundled FFmpeg (/opt/bundled/ffmpeg): its best encoder is libx264.',
    );
  });

  it('keeps the bundled FFmpeg when the system one is no better, and tells an NVIDIA owner what to install', () => {
    const gpus = [{ index: 0, name: 'GeForce RTX 3060' }];
    const choice = chooseFfmpeg([staticLinux, systemWithoutGpu], { platform: 'linux', nvidiaGpus: gpus });
    expect(choice.chosen?.source).toBe('bundled');
    expect(choice.encoder?.name).toBe('libx264');
    expect(choice.explanation).toMatch(
      /The bundled Linux FFmpeg .* has no NVENC: to encode on your NVIDIA GPU, install/,
    );
    // Without an NVIDIA GPU there is nothing to advise.
    expect(chooseFfmpeg([staticLinux, systemWithoutGpu], { platform: 'linux' }).explanation).not.toMatch(/NVIDIA/);
  });

  it('says nothing of Linux builds on Windows, whose bundled FFmpeg has NVENC', () => {
    const staticWindows = candidate('bundled', 'the bundled FFmpeg', [
      encoder('h264_nvenc', true, true),
      encoder('libx264', true, true),
    ]);
    const choice = chooseFfmpeg([staticWindows, systemWithNvenc], { platform: 'win32' });
    expect(choice.chosen?.source).toBe('bundled');
    expect(choice.explanation).not.toMatch(/Linux/);
  });

  it('explains when nothing is usable', () => {
    const none = candidate('bundled', 'the bundled FFmpeg', [encoder('libx264', true, false)]);
    expect(chooseFfmpeg([none])).toEqual({
      chosen: null,
      encoder: null,
      explanation: 'No usable FFmpeg: install one (for example your system package) or set its path.',
    });
  });
});
