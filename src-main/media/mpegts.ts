// A minimal MPEG-TS reader: finds the elementary streams through PAT and PMT, counts the video's PES
// packets and reads each stream's PES timestamps. FFmpeg's mpegts muxer writes one access unit (one
// frame) per video PES, so this counts the frames in the bytes we actually hand back, independently
// of what FFmpeg says it encoded; the timestamps let tests check renditions against their source
// without ffprobe.

export const TS_PACKET = 188;
/** MPEG-TS timestamps count a 90 kHz clock. */
export const PTS_HZ = 90_000;
const VIDEO_STREAM_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x24]);
/** MPEG-1/2 audio, AAC (ADTS and LATM), AC-3, E-AC-3. */
const AUDIO_STREAM_TYPES = new Set([0x03, 0x04, 0x0f, 0x11, 0x81, 0x87]);

export interface TsVideoSummary {
  readonly videoPid: number | null;
  readonly streamType: number | null;
  /** Video PES packets (= frames for FFmpeg-muxed H.264/HEVC). */
  readonly frames: number;
  readonly packets: number;
}

/** The presentation timestamps of one elementary stream, in 90 kHz ticks. */
export interface TsStreamTimes {
  readonly pid: number;
  readonly kind: 'video' | 'audio';
  readonly streamType: number;
  /** PES packets that carry a PTS. */
  readonly pesCount: number;
  /** Smallest and largest PTS (B-frames put them out of order), or null without any. */
  readonly firstPts: number | null;
  readonly lastPts: number | null;
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

/** A packet of the stream, with its PID and where a PES starts. */
interface TsPacketVisit {
  readonly off: number;
  readonly pid: number;
  readonly pusi: boolean;
  /** Stream type of the PID from the PMT, or undefined for PSI and unknown PIDs. */
  readonly streamType: number | undefined;
}

/** Walks the packets, learning the streams from the first PAT and PMT. */
function walkPackets(bytes: Uint8Array, visit: (packet: TsPacketVisit) => void): void {
  let pmtPid: number | null = null;
  let streams: Map<number, number> | null = null;
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
    } else if (pid === pmtPid && pusi && streams === null) {
      const s = section(bytes, off);
      if (!s) continue;
      streams = new Map();
      const infoLen = (((bytes[s.start + 10] ?? 0) & 0x0f) << 8) | (bytes[s.start + 11] ?? 0);
      for (let p = s.start + 12 + infoLen; p + 5 <= s.end;) {
        const esPid = (((bytes[p + 1] ?? 0) & 0x1f) << 8) | (bytes[p + 2] ?? 0);
        streams.set(esPid, bytes[p] ?? 0);
        p += 5 + ((((bytes[p + 3] ?? 0) & 0x0f) << 8) | (bytes[p + 4] ?? 0));
      }
    } else {
      visit({ off, pid, pusi, streamType: streams?.get(pid) });
    }
  }
}

export function summarizeTsVideo(bytes: Uint8Array): TsVideoSummary {
  let videoPid: number | null = null;
  let streamType: number | null = null;
  let frames = 0;
  let packets = 0;
  walkPackets(bytes, ({ pid, pusi, streamType: type }) => {
    if (videoPid === null && type !== undefined && VIDEO_STREAM_TYPES.has(type)) {
      videoPid = pid;
      streamType = type;
    }
    if (pid !== videoPid) return;
    packets++;
    if (pusi) frames++;
  });
  return { videoPid, streamType, frames, packets };
}

/** The PTS of the PES that starts in the packet at `off`, or null when it has none. */
function pesPts(bytes: Uint8Array, off: number): number | null {
  const p = payloadOffset(bytes, off);
  if (p === null || p + 14 > off + TS_PACKET) return null;
  if (bytes[p] !== 0 || bytes[p + 1] !== 0 || bytes[p + 2] !== 1) return null;
  if (((bytes[p + 7] ?? 0) & 0x80) === 0) return null; // PTS_DTS_flags: no PTS
  const b = bytes.subarray(p + 9, p + 14);
  // 33 bits spread over 5 bytes with marker bits; multiply rather than shift past 31 bits.
  return (
    (((b[0] ?? 0) >> 1) & 0x07) * 2 ** 30 +
    (b[1] ?? 0) * 2 ** 22 +
    ((b[2] ?? 0) >> 1) * 2 ** 15 +
    (b[3] ?? 0) * 2 ** 7 +
    ((b[4] ?? 0) >> 1)
  );
}

const ADTS_SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/**
 * The PTS of each AAC frame in one PES payload: a muxer may pack several ADTS frames into one PES
 * (FFmpeg does for its own AAC encoder), and only the first carries the PES's PTS; each frame
 * holds 1024 samples. Returns just the PES's PTS when the payload is not ADTS.
 */
function adtsFramePts(payload: Uint8Array, pts: number): number[] {
  const out: number[] = [];
  for (let p = 0; p + 7 <= payload.length;) {
    if (payload[p] !== 0xff || ((payload[p + 1] ?? 0) & 0xf6) !== 0xf0) break;
    const rate = ADTS_SAMPLE_RATES[((payload[p + 2] ?? 0) >> 2) & 0x0f];
    const length = (((payload[p + 3] ?? 0) & 0x03) << 11) | ((payload[p + 4] ?? 0) << 3) | ((payload[p + 5] ?? 0) >> 5);
    if (!rate || length < 7) break;
    out.push(pts + Math.round((out.length * 1024 * PTS_HZ) / rate));
    p += length;
  }
  return out.length > 0 ? out : [pts];
}

/** The PES payload bytes (after the PES header) that start in the packet at `off`, and its PTS. */
function pesStart(bytes: Uint8Array, off: number): { pts: number; payload: Uint8Array } | null {
  const pts = pesPts(bytes, off);
  const p = payloadOffset(bytes, off);
  if (pts === null || p === null) return null;
  return { pts, payload: bytes.subarray(p + 9 + (bytes[p + 8] ?? 0), off + TS_PACKET) };
}

/**
 * First and last PTS of every audio and video stream, in PMT order. Video has one frame per PES
 * (FFmpeg's muxer); AAC audio is read frame by frame, so the last PTS is the last frame's.
 */
export function tsStreamTimes(bytes: Uint8Array): TsStreamTimes[] {
  const times = new Map<number, { streamType: number; pesCount: number; first: number; last: number }>();
  // The AAC PES being read per PID: its PTS and payload pieces, counted when the next one starts.
  const open = new Map<number, { pts: number; pieces: Uint8Array[] }>();
  const add = (pid: number, streamType: number, pts: number[], pes: number): void => {
    const t = times.get(pid) ?? { streamType, pesCount: 0, first: Infinity, last: -Infinity };
    t.pesCount += pes;
    for (const v of pts) {
      t.first = Math.min(t.first, v);
      t.last = Math.max(t.last, v);
    }
    times.set(pid, t);
  };
  const close = (pid: number, streamType: number): void => {
    const pes = open.get(pid);
    if (!pes) return;
    open.delete(pid);
    add(pid, streamType, adtsFramePts(Buffer.concat(pes.pieces), pes.pts), 0);
  };
  walkPackets(bytes, ({ off, pid, pusi, streamType }) => {
    if (streamType === undefined) return;
    const aac = streamType === 0x0f;
    if (!VIDEO_STREAM_TYPES.has(streamType) && !AUDIO_STREAM_TYPES.has(streamType)) return;
    if (!pusi) {
      const p = payloadOffset(bytes, off);
      if (aac && p !== null) open.get(pid)?.pieces.push(bytes.subarray(p, off + TS_PACKET));
      return;
    }
    if (aac) close(pid, streamType);
    const pes = pesStart(bytes, off);
    if (pes === null) return;
    if (aac) {
      open.set(pid, { pts: pes.pts, pieces: [pes.payload] });
      add(pid, streamType, [], 1);
    } else add(pid, streamType, [pes.pts], 1);
  });
  for (const [pid, t] of times) close(pid, t.streamType);
  return [...times].map(([pid, t]) => ({
    pid,
    kind: VIDEO_STREAM_TYPES.has(t.streamType) ? 'video' : 'audio',
    streamType: t.streamType,
    pesCount: t.pesCount,
    firstPts: Number.isFinite(t.first) ? t.first : null,
    lastPts: Number.isFinite(t.last) ? t.last : null,
  }));
}
