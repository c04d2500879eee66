import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROFILES,
  outputSize,
  parseProfileList,
  profileFromWire,
  scaleExpressions,
  STANDARD_LADDER,
  type VideoProfile,
} from '../../src-shared/domain/profiles.ts';
import { parseFfmpegStats } from './ffmpeg-stats.ts';

/** What FFmpeg itself makes of the LPMS scale expressions for a source of w x h. */
function ffmpegSize(profile: VideoProfile, w: number, h: number) {
  const e = scaleExpressions(profile);
  const run = spawnSync(
    '/usr/bin/ffmpeg',
    [
      '-hide_banner',
      '-nostdin',
      '-f',
      'lavfi',
      '-i',
      `color=size=${w}x${h}:rate=1:d=1`,
      '-vf',
      `scale=w='${e.w}':h='${e.h}'`,
      '-frames:v',
      '1',
      '-f',
      'null',
      '-',
    ],
    {
      encoding: 'utf8',
    },
  );
  return parseFfmpegStats(run.stderr).outputs.get(0)?.size;
}

describe('LPMS output-size rule', () => {
  const p240 = BUILTIN_PROFILES['P240p30fps16x9'] as VideoProfile;
  const p720 = BUILTIN_PROFILES['P720p30fps16x9'] as VideoProfile;
  const cases: [VideoProfile, number, number][] = [
    [p240, 1920, 1080],
    [p240, 1920, 800], // cinemascope: height follows the ratio
    [p720, 1080, 1920], // portrait: the larger side becomes 1280
    [p240, 2000, 100], // very wide: height would fall under 50, so it is clamped and width follows
    [p240, 100, 2000], // very tall: width clamped to 146
    [STANDARD_LADDER[2] as VideoProfile, 1280, 720],
    [BUILTIN_PROFILES['P360p30fps4x3'] as VideoProfile, 1440, 1080],
  ];
  it.each(cases)('%o from %ix%i matches what FFmpeg computes', (profile, w, h) => {
    expect(outputSize(profile, w, h)).toEqual(ffmpegSize(profile, w, h));
  });

  it('gives the documented sizes for common sources', () => {
    expect(outputSize(p240, 1920, 1080)).toEqual({ width: 426, height: 240 });
    expect(outputSize(p720, 1080, 1920)).toEqual({ width: 720, height: 1280 });
    expect(outputSize(p240, 2000, 100)).toEqual({ width: 1000, height: 50 });
  });

  it('parses profile lists and rejects unknown names', () => {
    expect(
      parseProfileList('P240p30fps16x9, P360p30fps16x9').map((p) => [p.width, p.height, p.bitrate, p.fps]),
    ).toEqual([
      [426, 240, 600_000, 30],
      [640, 360, 1_200_000, 30],
    ]);
    expect(() => parseProfileList('P240p30fps16x9,P9000p')).toThrow(/Unknown profile "P9000p"/);
    expect(() => parseProfileList(' , ')).toThrow(/No profiles/);
  });

  it('maps wire profiles as go-livepeer does', () => {
    expect(
      profileFromWire({
        name: '',
        width: 854,
        height: 480,
        bitrate: 1_600_000,
        fps: 0,
        fpsDen: 0,
        profile: 4,
        gop: 1000,
      }),
    ).toEqual({
      name: 'net_854x480_1600000',
      width: 854,
      height: 480,
      bitrate: 1_600_000,
      fps: 0,
      fpsDen: 1,
      gopMs: 1000,
      profile: 'h264constrainedhigh',
    });
    expect(
      profileFromWire({
        name: 'P144p30fps16x9',
        width: 256,
        height: 144,
        bitrate: 400_000,
        fps: 30,
        fpsDen: 1,
        profile: 0,
        gop: -1,
      }),
    ).toMatchObject({ profile: 'none', gopMs: -1 });
    expect(() =>
      profileFromWire({ name: 'x', width: 1, height: 1, bitrate: 1, fps: 0, fpsDen: 0, profile: 9, gop: 0 }),
    ).toThrow(/enum 9/);
  });
});
