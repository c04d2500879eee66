// Capabilities (go-livepeer core/capabilities.go): capability c is bit c % 64 of word c / 64, and a
// gateway's job is compatible when every bit it needs is set on our side, every bit we mandate is
// set on its side, and our version satisfies its minimum (semver, prerelease ignored).
import { create } from '@bufbuild/protobuf';
import { CapabilitiesSchema, type Capabilities } from '../proto/generated/lp_rpc_pb.js';

export const Capability = {
  H264: 0,
  MPEGTS: 1,
  MP4: 2,
  FractionalFramerates: 3,
  StorageDirect: 4,
  StorageS3: 5,
  StorageGCS: 6,
  ProfileH264Baseline: 7,
  ProfileH264Main: 8,
  ProfileH264High: 9,
  ProfileH264ConstrainedHigh: 10,
  GOP: 11,
  AuthToken: 12,
  MPEG7VideoSignature: 14,
  HEVCDecode: 15,
  HEVCEncode: 16,
  SegmentSlicing: 26,
} as const;

/** go-livepeer DefaultCapabilities(): 0–12, 14 and 26, i.e. bitstring [0x4005FFF]. */
export const DEFAULT_CAPABILITIES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 26];

export function toBitstring(caps: readonly number[]): bigint[] {
  const words: bigint[] = [];
  for (const c of caps) {
    const w = Math.floor(c / 64);
    while (words.length <= w) words.push(0n);
    words[w] = (words[w] ?? 0n) | (1n << BigInt(c % 64));
  }
  return words;
}

export function orchestratorCapabilities(
  version: string,
  caps: readonly number[] = DEFAULT_CAPABILITIES,
): Capabilities {
  return create(CapabilitiesSchema, { bitstring: toBitstring(caps), mandatories: [], version });
}

/** (a AND b) == a over the words; a longer than b is incompatible. */
function subset(a: readonly bigint[], b: readonly bigint[]): boolean {
  if (a.length > b.length) return false;
  return a.every((w, i) => (w & (b[i] ?? 0n)) === w);
}

/**
 * Whether a gateway's job capabilities (absent = none, as for old gateways) can run on ours.
 * Per-capability model constraints only concern AI jobs and are not compared here.
 */
export function compatibleWith(job: Capabilities | undefined, ours: Capabilities): boolean {
  const jobBits = job?.bitstring ?? [];
  if (!versionSatisfies(job?.constraints?.minVersion ?? '', ours.version)) return false;
  if (!subset(ours.mandatories, jobBits)) return false;
  return subset(jobBits, ours.bitstring);
}

export function versionSatisfies(minVersion: string, version: string): boolean {
  if (minVersion === '') return true;
  if (version === '' || version === 'undefined') return false;
  const min = parseSemver(minVersion);
  if (!min) return true; // go-livepeer: an unparsable minimum accepts any version
  const v = parseSemver(version);
  if (!v) return false;
  if (v[0] !== min[0]) return v[0] > min[0];
  if (v[1] !== min[1]) return v[1] > min[1];
  return v[2] >= min[2];
}

function parseSemver(s: string): [number, number, number] | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(s.trim());
  if (!m) return null;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}
