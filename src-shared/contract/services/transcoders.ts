import { z } from 'zod';
import { method } from '../define.ts';

/** host:port of an orchestrator's service port (go-livepeer -orchAddr). */
export const OrchAddr = z
  .string()
  .trim()
  .max(300)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'Enter host:port, e.g. 192.168.1.10:8935');

export const TranscoderConnectionState = z.enum(['off', 'connecting', 'connected', 'backoff', 'stopped']);
export type TranscoderConnectionState = z.infer<typeof TranscoderConnectionState>;

export const GpuLoad = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  utilizationPct: z.number().nullable(),
  encoderPct: z.number().nullable(),
  encoderSessions: z.number().nullable(),
});
export type GpuLoad = z.infer<typeof GpuLoad>;

/** This machine as a transcoder for an orchestrator (role "transcoder"). */
export const TranscoderModeStatus = z.object({
  /** Address, capacity and whether a secret is stored (the secret never leaves the main process). */
  orchAddr: z.string().nullable(),
  secretSet: z.boolean(),
  maxSessions: z.number().int().nonnegative(),
  state: TranscoderConnectionState,
  /** Why it stopped (refused secret or capacity) or the last connection error. */
  message: z.string().nullable(),
  jobsDone: z.number().int().nonnegative(),
  jobsFailed: z.number().int().nonnegative(),
  activeJobs: z.number().int().nonnegative(),
  sessions: z.number().int().nonnegative(),
  retryAt: z.number().int().nullable(),
  gpus: z.array(GpuLoad),
});
export type TranscoderModeStatus = z.infer<typeof TranscoderModeStatus>;

export const RemoteTranscoder = z.object({
  id: z.number().int(),
  address: z.string(),
  capacity: z.number().int(),
  load: z.number().int(),
  segments: z.number().int(),
  errors: z.number().int(),
  lastError: z.string().nullable(),
  connectedAt: z.number().int(),
});
export type RemoteTranscoder = z.infer<typeof RemoteTranscoder>;

/** This machine as an orchestrator with standalone transcoders (role "orchestrator"). */
export const RemoteTranscodersStatus = z.object({
  /** A secret is set: the service port accepts transcoders and sends them all the work. */
  enabled: z.boolean(),
  transcoders: z.array(RemoteTranscoder),
  /** Σ capacities: what the orchestrator advertises while remote transcoders are enabled. */
  capacity: z.number().int(),
  retriedSegments: z.number().int(),
  /** Most recent first: transcoders dropped (disconnected, timed out). */
  removed: z.array(z.object({ id: z.number().int(), address: z.string(), reason: z.string(), at: z.number().int() })),
});
export type RemoteTranscodersStatus = z.infer<typeof RemoteTranscodersStatus>;

export const TranscodersStatus = z.object({
  mode: TranscoderModeStatus,
  orchestrator: RemoteTranscodersStatus,
});
export type TranscodersStatus = z.infer<typeof TranscodersStatus>;

const Secret = z.string().min(1).max(500);
const MaxSessions = z.number().int().min(1).max(100);

export const transcoders = {
  status: method({
    summary: 'Transcoder mode (connection, jobs, GPU load) and the remote transcoders of this orchestrator.',
    input: z.object({}).strict(),
    output: TranscodersStatus,
  }),
  configure: method({
    summary: 'Transcoder mode: the orchestrator to work for. An omitted secret keeps the stored one.',
    input: z.object({ orchAddr: OrchAddr, secret: Secret.optional(), maxSessions: MaxSessions }).strict(),
    output: TranscodersStatus,
  }),
  testConnection: method({
    summary: 'Registers once with the orchestrator and reports whether it accepts this transcoder.',
    input: z.object({ orchAddr: OrchAddr, secret: Secret.optional(), maxSessions: MaxSessions }).strict(),
    output: z.object({ ok: z.boolean(), message: z.string(), ms: z.number().int() }),
  }),
  setOrchestratorSecret: method({
    summary: 'Orchestrator: accept remote transcoders with this secret (null stops accepting them).',
    input: z.object({ secret: Secret.nullable() }).strict(),
    output: TranscodersStatus,
  }),
};
