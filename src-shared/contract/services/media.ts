import { z } from 'zod';
import { method } from '../define.ts';

/** The H.264/HEVC encoders the engine knows (their FFmpeg arguments: src-main/media/encoders.ts). */
export const ENCODER_NAMES = [
  'h264_nvenc',
  'hevc_nvenc',
  'h264_qsv',
  'h264_vaapi',
  'h264_amf',
  'h264_videotoolbox',
  'libx264',
] as const;
export const EncoderName = z.enum(ENCODER_NAMES);
export type EncoderName = z.infer<typeof EncoderName>;
export const ENCODER_CODECS = ['h264', 'hevc'] as const;
export const ENCODER_VENDORS = ['nvidia', 'intel', 'vaapi', 'amd', 'apple', 'cpu'] as const;
export type EncoderVendor = (typeof ENCODER_VENDORS)[number];

export const EncoderProbe = z.object({
  name: EncoderName,
  codec: z.enum(ENCODER_CODECS),
  vendor: z.enum(ENCODER_VENDORS),
  compiledIn: z.boolean(),
  /** True only if a real test encode of a few frames succeeded. */
  works: z.boolean(),
  /** What happened, in FFmpeg's words when it failed. */
  reason: z.string(),
});
export type EncoderProbe = z.infer<typeof EncoderProbe>;

export const HwaccelProbe = z.object({
  name: z.string(),
  compiledIn: z.boolean(),
  works: z.boolean(),
  reason: z.string(),
});
export type HwaccelProbe = z.infer<typeof HwaccelProbe>;

export const CandidateProbe = z.object({
  /** user: the path set in settings; bundled: the app's own copy (packaged, or the npm package in a checkout); path: PATH. */
  source: z.enum(['user', 'bundled', 'path']),
  label: z.string(),
  path: z.string().nullable(),
  usable: z.boolean(),
  version: z.string().nullable(),
  /** Why it is not usable, or null. */
  problem: z.string().nullable(),
  encoders: z.array(EncoderProbe),
  hwaccels: z.array(HwaccelProbe),
});
export type CandidateProbe = z.infer<typeof CandidateProbe>;

export const DeviceChoice = z.object({
  /** 'cpu', 'nvidia:0', … */
  id: z.string(),
  label: z.string(),
  encoder: EncoderName,
  /** Device index passed to the encoder (NVENC -gpu). */
  index: z.number().int().nonnegative(),
});
export type DeviceChoice = z.infer<typeof DeviceChoice>;

export const ProbeReport = z.object({
  probedAt: z.number().int(),
  durationMs: z.number().int().nonnegative(),
  candidates: z.array(CandidateProbe),
  chosen: z
    .object({ source: CandidateProbe.shape.source, path: z.string(), version: z.string(), encoder: EncoderName })
    .nullable(),
  devices: z.array(DeviceChoice),
  /** The choice and the reasons, for humans. */
  explanation: z.string(),
});
export type ProbeReport = z.infer<typeof ProbeReport>;

/**
 * A path the app will execute, so the renderer (treated as hostile) may only name an absolute path to a
 * file called ffmpeg (ffmpeg, ffmpeg-6.1, ffmpeg.exe …), never an arbitrary program.
 */
export const FfmpegPath = z
  .string()
  .trim()
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/])/, 'Enter an absolute path')
  .regex(/(^|[\\/])ffmpeg[\w.-]*$/i, 'The file must be called ffmpeg (for example /usr/local/bin/ffmpeg)');

export const MediaConfig = z.object({
  /** An FFmpeg the user prefers; probed first. */
  ffmpegPath: FfmpegPath.nullable(),
  /** Concurrent streams per device id; a device without an entry uses the benchmark's recommendation or 1. */
  maxSessions: z.record(z.string().max(64), z.number().int().min(0).max(64)),
});
export type MediaConfig = z.infer<typeof MediaConfig>;

export const BenchmarkStep = z.object({
  concurrency: z.number().int().positive(),
  segments: z.number().int().nonnegative(),
  /** Σ transcode time / Σ source duration; at most 0.8 leaves headroom for transfers. */
  durationRatio: z.number().nonnegative(),
  /** Fraction of segments transcoded within their own duration. */
  realTimeSegmentRatio: z.number().min(0).max(1),
  medianSegmentMs: z.number().nonnegative(),
});
export type BenchmarkStep = z.infer<typeof BenchmarkStep>;

export const BenchmarkReport = z.object({
  deviceId: z.string(),
  encoder: EncoderName,
  source: z.string(),
  ladder: z.array(z.string()),
  segmentSeconds: z.number().positive(),
  steps: z.array(BenchmarkStep),
  /** domain/session-recommendation.ts: the largest concurrency with a duration ratio ≤ 0.8, else 1
   *  (reports from before that rule may hold 0). */
  recommendedMaxSessions: z.number().int().nonnegative(),
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  loadAverage: z.array(z.number()),
  note: z.string(),
});
export type BenchmarkReport = z.infer<typeof BenchmarkReport>;

export const BenchmarkState = z.object({
  running: z.boolean(),
  phase: z.enum(['idle', 'generating', 'transcoding', 'done', 'failed', 'cancelled']),
  /** 0..1 over the whole run. */
  progress: z.number().min(0).max(1),
  message: z.string(),
  concurrency: z.number().int().nonnegative(),
  steps: z.array(BenchmarkStep),
  report: BenchmarkReport.nullable(),
});
export type BenchmarkState = z.infer<typeof BenchmarkState>;

export const DeviceCapacity = z.object({
  deviceId: z.string(),
  encoder: EncoderName,
  maxSessions: z.number().int().nonnegative(),
  activeSessions: z.number().int().nonnegative(),
  /** Why the cap is what it is (set, recommended, or lowered after a driver refusal). */
  reason: z.string(),
});
export type DeviceCapacity = z.infer<typeof DeviceCapacity>;

export const media = {
  probe: method({
    summary: 'FFmpeg candidates and which encoders/decoders really work; cached unless refresh is set.',
    input: z.object({ refresh: z.boolean().default(false) }).strict(),
    output: ProbeReport,
  }),
  getConfig: method({ summary: 'FFmpeg path and session caps.', input: z.object({}).strict(), output: MediaConfig }),
  setConfig: method({
    summary: 'Change the FFmpeg path or session caps; a new path is probed at the next probe.',
    input: MediaConfig.partial().strict(),
    output: MediaConfig,
  }),
  capacity: method({
    summary: 'Sessions per device: cap, in use, and why.',
    input: z.object({}).strict(),
    output: z.array(DeviceCapacity),
  }),
  startBenchmark: method({
    summary:
      'Run the livepeer_bench-style benchmark (standard 4-rendition ladder, 1..N sessions); progress streams as media.benchmark.',
    input: z
      .object({
        sessions: z.number().int().min(1).max(16).default(3),
        segments: z.number().int().min(1).max(30).default(3),
        deviceId: z.string().max(64).optional(),
      })
      .strict(),
    output: BenchmarkState,
  }),
  benchmarkStatus: method({
    summary: 'The running or last benchmark.',
    input: z.object({}).strict(),
    output: BenchmarkState,
  }),
  cancelBenchmark: method({
    summary: 'Stop a running benchmark.',
    input: z.object({}).strict(),
    output: BenchmarkState,
  }),
};
