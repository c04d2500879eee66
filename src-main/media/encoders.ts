// The H.264/HEVC encoders the engine knows, with the FFmpeg arguments each needs. One table serves
// the probe (encode a few frames with each) and the ladder (encode renditions), so a probe that
// passes means the transcoder's own arguments work.
import type { H264Profile } from '../../src-shared/domain/profiles.ts';
import {
  ENCODER_NAMES,
  type ENCODER_CODECS,
  type EncoderName,
  type EncoderVendor,
} from '../../src-shared/contract/services/media.ts';

export { ENCODER_NAMES, type EncoderName, type EncoderVendor };

export interface EncoderSpec {
  readonly name: EncoderName;
  readonly codec: (typeof ENCODER_CODECS)[number];
  readonly vendor: EncoderVendor;
  /** Higher is preferred when several work. */
  readonly rank: number;
  /** Arguments before `-i` (device setup). */
  inputArgs(device: number): string[];
  /** Appended to each rendition's filter chain (upload to the device where needed). */
  readonly filterSuffix: string;
  /** Encoder options for one rendition. */
  outputArgs(opts: { bitrate: number; profile: H264Profile; device: number; cpuPreset: string }): string[];
}

const VAAPI_DEVICE = '/dev/dri/renderD128';
/** 8-bit 4:2:0 for every software-frame encoder: the profiles are 8-bit H.264, and a 4:4:4 or 10-bit source must still transcode. */
const YUV420 = ',format=yuv420p';

function rate(bitrate: number): string[] {
  // LPMS sets min = target = max = buffer size = the profile bitrate.
  const b = String(bitrate);
  return ['-b:v', b, '-maxrate', b, '-bufsize', b];
}

function h264Profile(profile: H264Profile, bFramesAllowed: number): string[] {
  switch (profile) {
    case 'h264baseline':
      return ['-profile:v', 'baseline', '-bf', '0'];
    case 'h264constrainedhigh':
      return ['-profile:v', 'high', '-bf', '0'];
    case 'h264main':
      return ['-profile:v', 'main', '-bf', String(bFramesAllowed)];
    case 'h264high':
      return ['-profile:v', 'high', '-bf', String(bFramesAllowed)];
    case 'none':
      return ['-bf', String(bFramesAllowed)];
  }
}

export const ENCODERS: Readonly<Record<EncoderName, EncoderSpec>> = {
  h264_nvenc: {
    name: 'h264_nvenc',
    codec: 'h264',
    vendor: 'nvidia',
    rank: 60,
    inputArgs: () => [],
    filterSuffix: YUV420,
    // NVENC: no B-frames (LPMS: pass-through timestamps make NVENC's DTS wrong with them), IDR on forced keys.
    outputArgs: ({ bitrate, profile, device }) => [
      '-c:v',
      'h264_nvenc',
      '-gpu',
      String(device),
      '-preset',
      'medium',
      '-forced-idr',
      '1',
      ...rate(bitrate),
      ...h264Profile(profile, 0),
    ],
  },
  hevc_nvenc: {
    name: 'hevc_nvenc',
    codec: 'hevc',
    vendor: 'nvidia',
    rank: 10,
    inputArgs: () => [],
    filterSuffix: YUV420,
    outputArgs: ({ bitrate, device }) => [
      '-c:v',
      'hevc_nvenc',
      '-gpu',
      String(device),
      '-preset',
      'medium',
      '-forced-idr',
      '1',
      ...rate(bitrate),
      '-bf',
      '0',
    ],
  },
  h264_qsv: {
    name: 'h264_qsv',
    codec: 'h264',
    vendor: 'intel',
    rank: 50,
    inputArgs: () => [],
    filterSuffix: YUV420,
    outputArgs: ({ bitrate, profile }) => [
      '-c:v',
      'h264_qsv',
      '-preset',
      'medium',
      ...rate(bitrate),
      ...h264Profile(profile, 3),
    ],
  },
  h264_vaapi: {
    name: 'h264_vaapi',
    codec: 'h264',
    vendor: 'vaapi',
    rank: 40,
    inputArgs: () => ['-vaapi_device', VAAPI_DEVICE],
    filterSuffix: ',format=nv12,hwupload',
    outputArgs: ({ bitrate, profile }) => ['-c:v', 'h264_vaapi', ...rate(bitrate), ...h264Profile(profile, 3)],
  },
  h264_amf: {
    name: 'h264_amf',
    codec: 'h264',
    vendor: 'amd',
    rank: 45,
    inputArgs: () => [],
    filterSuffix: YUV420,
    outputArgs: ({ bitrate, profile }) => ['-c:v', 'h264_amf', ...rate(bitrate), ...h264Profile(profile, 0)],
  },
  h264_videotoolbox: {
    name: 'h264_videotoolbox',
    codec: 'h264',
    vendor: 'apple',
    rank: 45,
    inputArgs: () => [],
    filterSuffix: YUV420,
    outputArgs: ({ bitrate, profile }) => ['-c:v', 'h264_videotoolbox', ...rate(bitrate), ...h264Profile(profile, 0)],
  },
  libx264: {
    name: 'libx264',
    codec: 'h264',
    vendor: 'cpu',
    rank: 1,
    inputArgs: () => [],
    filterSuffix: YUV420,
    outputArgs: ({ bitrate, profile, cpuPreset }) => [
      '-c:v',
      'libx264',
      '-preset',
      cpuPreset,
      ...rate(bitrate),
      ...h264Profile(profile, 3),
    ],
  },
};

/** Hardware decoders worth probing (`-hwaccel` names). */
export const HWACCELS = ['cuda', 'qsv', 'vaapi', 'videotoolbox', 'd3d11va'] as const;
export type HwAccelName = (typeof HWACCELS)[number];
