// Livepeer video profiles (the names gateways sign) and the output-size rule of LPMS, so the UI, the
// engine and the tests agree on what a rendition must look like. Facts from lpms ffmpeg/videoprofile.go
// and ffmpeg.go (createCOutputParams), go-livepeer cmd/livepeer_bench/transcodingOptions.json.

/** H.264 profile names as they appear on the wire (`h264constrainedhigh` = High without B-frames). */
export const H264_PROFILES = ['none', 'h264baseline', 'h264main', 'h264high', 'h264constrainedhigh'] as const;
export type H264Profile = (typeof H264_PROFILES)[number];

export interface VideoProfile {
  readonly name: string;
  /** Requested size; the output keeps the source aspect ratio (see `outputSize`). */
  readonly width: number;
  readonly height: number;
  /** Bits per second; LPMS uses it as min, target, max and buffer size. */
  readonly bitrate: number;
  /** Output frame rate numerator; 0 passes the source rate through. */
  readonly fps: number;
  /** Frame rate denominator; 0 means 1. */
  readonly fpsDen: number;
  /** Keyframe interval in ms; 0 = encoder default, -1 = intra only. */
  readonly gopMs: number;
  readonly profile: H264Profile;
}

function preset(name: string, width: number, height: number, kbps: number, fps: number): VideoProfile {
  return { name, width, height, bitrate: kbps * 1000, fps, fpsDen: 1, gopMs: 0, profile: 'none' };
}

/** The built-in presets (lpms `VideoProfileLookup`, plus P144p25fps16x9 which lpms defines but does not look up). */
export const BUILTIN_PROFILES: Readonly<Record<string, VideoProfile>> = Object.fromEntries(
  [
    preset('P720p60fps16x9', 1280, 720, 6000, 60),
    preset('P720p30fps16x9', 1280, 720, 4000, 30),
    preset('P720p25fps16x9', 1280, 720, 3500, 25),
    preset('P720p30fps4x3', 960, 720, 3500, 30),
    preset('P576p30fps16x9', 1024, 576, 1500, 30),
    preset('P576p25fps16x9', 1024, 576, 1500, 25),
    preset('P360p30fps16x9', 640, 360, 1200, 30),
    preset('P360p25fps16x9', 640, 360, 1000, 25),
    preset('P360p30fps4x3', 480, 360, 1000, 30),
    preset('P240p30fps16x9', 426, 240, 600, 30),
    preset('P240p25fps16x9', 426, 240, 600, 25),
    preset('P240p30fps4x3', 320, 240, 600, 30),
    preset('P144p30fps16x9', 256, 144, 400, 30),
    preset('P144p25fps16x9', 256, 144, 400, 25),
  ].map((p) => [p.name, p]),
);

/** A go-livepeer node's default `-transcodingOptions`. */
export const DEFAULT_NODE_PROFILES = ['P240p30fps16x9', 'P360p30fps16x9'] as const;

function ladderRung(name: string, width: number, height: number, kbps: number): VideoProfile {
  return { name, width, height, bitrate: kbps * 1000, fps: 0, fpsDen: 1, gopMs: 1000, profile: 'h264constrainedhigh' };
}

/** The "most common on the network" ladder of livepeer_bench (transcodingOptions.json): pass-through fps, 1 s GOP. */
export const STANDARD_LADDER: readonly VideoProfile[] = [
  ladderRung('240p0', 426, 240, 250),
  ladderRung('360p0', 640, 360, 800),
  ladderRung('480p0', 854, 480, 1600),
  ladderRung('720p0', 1280, 720, 3000),
];

/** Parses `P240p30fps16x9,P360p30fps16x9`; throws on an unknown name (gateways sign exact names). */
export function parseProfileList(list: string): VideoProfile[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new Error('No profiles given');
  return names.map((name) => {
    const profile = BUILTIN_PROFILES[name];
    if (!profile) throw new Error(`Unknown profile "${name}"; known: ${Object.keys(BUILTIN_PROFILES).join(', ')}`);
    return profile;
  });
}

/** Size limits LPMS applies to every encoder (its NVENC H.264 limits). */
export const H264_SIZE_LIMITS = { widthMin: 146, heightMin: 50, widthMax: 4096, heightMax: 4096 } as const;

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * The scale expression LPMS passes to FFmpeg: the source's larger side becomes the profile's larger
 * side, the other side follows the source aspect ratio (`-2`: even), unless that would fall below the
 * encoder minimum. FFmpeg evaluates it, so the engine needs no probe before transcoding.
 */
export function scaleExpressions(profile: Pick<VideoProfile, 'width' | 'height'>): { w: string; h: string } {
  const l = H264_SIZE_LIMITS;
  const w = clamp(profile.width, l.widthMin, l.widthMax);
  const h = clamp(profile.height, l.heightMin, l.heightMax);
  const maxD = Math.max(w, h);
  return {
    w: `trunc(if(gte(iw,ih),if(gte(${maxD}*ih/iw,${l.heightMin}),${maxD},-2),if(gte(${l.widthMin},${maxD}*iw/ih),${l.widthMin},-2))/2)*2`,
    h: `trunc(if(gt(ih,iw),if(gte(${maxD}*iw/ih,${l.widthMin}),${maxD},-2),if(gte(${l.heightMin},${maxD}*ih/iw),${l.heightMin},-2))/2)*2`,
  };
}

/** What FFmpeg makes of `scaleExpressions` for a source of inW x inH (same evaluation, same rounding). */
export function outputSize(
  profile: Pick<VideoProfile, 'width' | 'height'>,
  inW: number,
  inH: number,
): { width: number; height: number } {
  const l = H264_SIZE_LIMITS;
  const maxD = Math.max(clamp(profile.width, l.widthMin, l.widthMax), clamp(profile.height, l.heightMin, l.heightMax));
  const even = (x: number): number => Math.trunc(x / 2) * 2;
  let w: number;
  let h: number;
  if (inW >= inH) {
    w = even((maxD * inH) / inW >= l.heightMin ? maxD : -2);
    h = even(l.heightMin >= (maxD * inH) / inW ? l.heightMin : -2);
  } else {
    w = even(l.widthMin >= (maxD * inW) / inH ? l.widthMin : -2);
    h = even((maxD * inW) / inH >= l.widthMin ? maxD : -2);
  }
  // FFmpeg's -2: the other side times the source ratio, rounded to nearest, made even.
  if (w < 0) w = Math.round((h * inW) / (inH * 2)) * 2;
  if (h < 0) h = Math.round((w * inH) / (inW * 2)) * 2;
  return { width: w, height: h };
}

/** `net.VideoProfile.format` enum values, in wire order. */
export const WIRE_FORMATS = ['mpegts', 'mp4'] as const;
/** `net.VideoProfile.encoder` enum values, in wire order. */
export const WIRE_CODECS = ['h264', 'h265', 'vp8', 'vp9'] as const;

/**
 * A rendition as a gateway asks for it (a decoded `net.VideoProfile`): the engine's profile plus the
 * container, codec and quality, which the orchestrator checks and forwards to remote transcoders.
 * `profile` is the wire enum (`H264_PROFILES` is in wire order); fpsDen stays as sent (0 = 1).
 */
export interface RenditionProfile extends VideoProfile {
  readonly format: (typeof WIRE_FORMATS)[number];
  readonly codec: (typeof WIRE_CODECS)[number];
  /** CRF/CQ; 0 = bitrate-driven. */
  readonly quality: number;
}

/** go-livepeer's makeFfmpegVideoProfiles: an unnamed profile is called `net_{w}x{h}_{bitrate}`. */
export function wireProfileName(p: { name: string; width: number; height: number; bitrate: number }): string {
  return p.name || `net_${p.width}x${p.height}_${p.bitrate}`;
}

/** The fields of a wire `net.VideoProfile` (lp_rpc.proto) the engine uses. */
export interface WireVideoProfile {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** bits/s */
  readonly bitrate: number;
  readonly fps: number;
  readonly fpsDen: number;
  /** enum: 0 encoder default, 1 baseline, 2 main, 3 high, 4 constrained high */
  readonly profile: number;
  /** ms; -1 intra-only */
  readonly gop: number;
}

/** A wire profile as the engine's (unnamed ones named by `wireProfileName`). */
export function profileFromWire(p: WireVideoProfile): VideoProfile {
  const profile = H264_PROFILES[p.profile];
  if (profile === undefined) throw new Error(`Unknown H.264 profile enum ${p.profile}`);
  if (p.gop < -1) throw new Error(`Invalid GOP ${p.gop}`);
  if (!(p.width > 0 && p.height > 0 && p.bitrate > 0))
    throw new Error('A video profile needs a positive size and bitrate');
  return {
    name: wireProfileName(p),
    width: p.width,
    height: p.height,
    bitrate: p.bitrate,
    fps: p.fps,
    fpsDen: p.fpsDen || 1,
    gopMs: p.gop,
    profile,
  };
}
