// The node's SegmentTranscoder on the real engine (host.media): the go-livepeer session id is the
// engine's stream id, so the scheduler keeps a session on one device and `endSession` frees its
// slot. Only H.264 MPEG-TS renditions exist in the engine; other formats/codecs are refused (the
// orchestrator reports the error to the gateway, which then tries another orchestrator).
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { RenditionProfile, VideoProfile } from '../../../src-shared/domain/profiles.ts';
import type { MediaEngine } from '../../media/media-engine.ts';
import type { SegmentTranscoder } from '../server/segment-transcoder.ts';

export function toVideoProfile(p: RenditionProfile): VideoProfile {
  if (p.codec !== 'h264' || p.format !== 'mpegts')
    throw new AppError(ErrorCode.UnsupportedInput, `Unsupported rendition ${p.codec}/${p.format} (H.264 MPEG-TS only)`);
  return {
    name: p.name,
    width: p.width,
    height: p.height,
    bitrate: p.bitrate,
    fps: p.fps,
    fpsDen: p.fpsDen || 1,
    gopMs: p.gopMs,
    profile: p.profile,
  };
}

export function createMediaSegmentTranscoder(
  media: Pick<MediaEngine, 'transcode' | 'endStream'>,
  timeoutMs = 8000,
): SegmentTranscoder {
  return {
    async transcode(seg, signal) {
      const result = await media.transcode(seg.sessionId, {
        input: seg.data,
        profiles: seg.profiles.map(toVideoProfile),
        timeoutMs,
        signal,
      });
      return result.renditions.map((r) => ({ data: r.data, pixels: BigInt(r.pixels) }));
    },
    endSession: (sessionId) => media.endStream(sessionId),
  };
}
