// A minimal MPEG-TS reader: finds the video elementary stream through PAT and PMT and counts its PES
// packets. FFmpeg's mpegts muxer writes one access unit (one frame) per video PES, so this counts the
// frames in the bytes we actually hand back, independently of what FFmpeg says it encoded.

export const TS_PACKET = 188;
const VIDEO_STREAM_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x24]);

export interface TsVideoSummary {
  readonly videoPid: number | null;
  readonly streamType: number | null;
  /** Video PES packets (= frames for FFmpeg-muxed H.264/HEVC). */
  readonly frames: number;
  readonly packets: number;
}

/** Why `bytes` cannot be an MPEG-TS segment, or null if its framing is sound. */
export function tsFramingProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the segment is empty';
  if (bytes.length < TS_PACKET) return `the segment is ${bytes.length} bytes, shorter than one 188-byte TS packet`;
  if (bytes[0] !== 0x47) return 'the segment does not start with an MPEG-TS sync byte (0x47)';
  if (bytes.length % TS_PACKET !== 0) {
    return `the segment is truncated: ${bytes.length} bytes is not a whole number of 188-byte TS packets`;
  }
  for (let off = 0; off < bytes.length; off += TS_PACKET) {
    if (bytes[off] !== 0x47) return `lost MPEG-TS sync at byte ${off}`;
  }
  return null;
}

function payloadOffset(bytes: Uint8Array, off: number): number | null {
  const afc = ((bytes[off + 3] ?? 0) >> 4) & 0x3;
  if (afc === 0 || afc === 2) return null; // no payload
  let p = off + 4;
  if (afc === 3) p += 1 + (bytes[p] ?? 0);
  return p < off + TS_PACKET ? p : null;
}

/** Section payload of a PSI packet (skips the pointer field), or null. */
function section(bytes: Uint8Array, off: number): { start: number; end: number } | null {
  const p = payloadOffset(bytes, off);
  if (p === null) return null;
  const start = p + 1 + (bytes[p] ?? 0);
  const length = (((bytes[start + 1] ?? 0) & 0x0f) << 8) | (bytes[start + 2] ?? 0);
  const end = Math.min(start + 3 + length - 4, off + TS_PACKET); // minus CRC
  return start < end ? { start, end } : null;
}

export function summarizeTsVideo(bytes: Uint8Array): TsVideoSummary {
  let pmtPid: number | null = null;
  let videoPid: number | null = null;
  let streamType: number | null = null;
  let frames = 0;
  let packets = 0;
  for (let off = 0; off + TS_PACKET <= bytes.length; off += TS_PACKET) {
    if (bytes[off] !== 0x47) continue;
    const pusi = ((bytes[off + 1] ?? 0) & 0x40) !== 0;
    const pid = (((bytes[off + 1] ?? 0) & 0x1f) << 8) | (bytes[off + 2] ?? 0);
    if (pid === 0 && pusi && pmtPid === null) {
      const s = section(bytes, off);
      // Program loop starts after the 8-byte header; first program other than 0 (NIT).
      for (let p = s ? s.start + 8 : 0; s && p + 4 <= s.end; p += 4) {
        const program = ((bytes[p] ?? 0) << 8) | (bytes[p + 1] ?? 0);
        if (program !== 0) {
          pmtPid = (((bytes[p + 2] ?? 0) & 0x1f) << 8) | (bytes[p + 3] ?? 0);
          break;
        }
      }
    } else if (pid === pmtPid && pusi && videoPid === null) {
      const s = section(bytes, off);
      if (!s) continue;
      const infoLen = (((bytes[s.start + 10] ?? 0) & 0x0f) << 8) | (bytes[s.start + 11] ?? 0);
      for (let p = s.start + 12 + infoLen; p + 5 <= s.end;) {
        const type = bytes[p] ?? 0;
        const esPid = (((bytes[p + 1] ?? 0) & 0x1f) << 8) | (bytes[p + 2] ?? 0);
        const esInfo = (((bytes[p + 3] ?? 0) & 0x0f) << 8) | (bytes[p + 4] ?? 0);
        if (VIDEO_STREAM_TYPES.has(type)) {
          videoPid = esPid;
          streamType = type;
          break;
        }
        p += 5 + esInfo;
      }
    } else if (pid === videoPid) {
      packets++;
      if (pusi) frames++;
    }
  }
  return { videoPid, streamType, frames, packets };
}
