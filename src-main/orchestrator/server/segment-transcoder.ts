// The seam to the transcoding engine (src-main/media): one segment in, one rendition per profile
// out, in profile order, each with its exact encoded pixel count (Σ frames × width × height of
// the returned bytes, which gateways re-decode and compare).
import type { SegData } from '../proto/generated/lp_rpc_pb.js';
import type { RenditionProfile } from './profiles.ts';

export interface SegmentToTranscode {
  /** go-livepeer session (auth token session id): engines may keep per-session state. */
  readonly sessionId: string;
  readonly seq: bigint;
  readonly data: Uint8Array;
  readonly durationMs: number;
  readonly profiles: readonly RenditionProfile[];
  /** The gateway's segment metadata, forwarded to remote transcoders in NotifySegment. */
  readonly seg?: SegData;
}

export interface Rendition {
  readonly data: Uint8Array;
  readonly pixels: bigint;
}

export interface SegmentTranscoder {
  transcode(segment: SegmentToTranscode, signal: AbortSignal): Promise<Rendition[]>;
  /** Frees per-session state (hardware contexts); optional. */
  endSession?(sessionId: string): void;
}
