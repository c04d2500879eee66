// Rendition profiles of a segment (go-livepeer server/rpc.go coreSegMetadata and
// makeFfmpegVideoProfiles) and the bytes the gateway signs (core/streamdata.go Flatten).
import type { SegData, VideoProfile } from '../proto/generated/lp_rpc_pb.js';
import {
  H264_PROFILES,
  WIRE_CODECS,
  WIRE_FORMATS,
  wireProfileName,
  type RenditionProfile,
} from '../../../src-shared/domain/profiles.ts';
import { concatBytes, uint256Bytes } from '../payments/bytes.ts';
import { keccak256Bytes } from '../payments/keccak.ts';

export type { RenditionProfile };

export class ProfileError extends Error {}

/** fullProfiles3, then 2, then 1: the first non-empty list; the legacy field 4 is never read. */
export function segmentProfiles(seg: SegData): RenditionProfile[] {
  const wire = seg.fullProfiles3.length
    ? seg.fullProfiles3
    : seg.fullProfiles2.length
      ? seg.fullProfiles2
      : seg.fullProfiles;
  return wire.map(toProfile);
}

function toProfile(p: VideoProfile): RenditionProfile {
  const format = WIRE_FORMATS[p.format];
  if (!format) throw new ProfileError('unrecognized profile output format');
  const profile = H264_PROFILES[p.profile];
  if (!profile) throw new ProfileError('unrecognized encoder profile');
  const codec = WIRE_CODECS[p.encoder];
  if (!codec) throw new ProfileError('unrecognized video codec');
  return {
    name: wireProfileName(p),
    width: p.width,
    height: p.height,
    bitrate: p.bitrate,
    fps: p.fps,
    fpsDen: p.fpsDen,
    format,
    profile,
    codec,
    gopMs: p.gop,
    quality: p.quality,
  };
}

/** keccak256(name)[0:4], the id go-livepeer signs for each profile (common/videoprofile_ids.go). */
export function profileId(name: string): Uint8Array {
  return keccak256Bytes(new TextEncoder().encode(name)).subarray(0, 4);
}

/** manifestId ‖ uint256(|seq|) ‖ hash ‖ ASCII lowercase hex of the profile ids. */
export function segmentSigningBytes(
  manifestId: Uint8Array,
  seq: bigint,
  hash: Uint8Array,
  profileNames: readonly string[],
): Uint8Array {
  const ids = concatBytes(...profileNames.map(profileId));
  const hex = Array.from(ids, (b) => b.toString(16).padStart(2, '0')).join('');
  return concatBytes(manifestId, uint256Bytes(seq < 0n ? -seq : seq), hash, new TextEncoder().encode(hex));
}

export function fileExtension(format: RenditionProfile['format']): string {
  return format === 'mp4' ? '.mp4' : '.ts';
}
