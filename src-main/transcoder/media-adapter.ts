// Transcoder mode's engine: src-main/media (the scheduler picks the device, sticky per session).
import { profileFromWire } from '../../src-shared/domain/profiles.ts';
import type { MediaEngine } from '../media/media-engine.ts';
import type { Transcoder } from '../media/transcoder.ts';
import type { TranscoderEngine } from './transcoder-client.ts';

type TranscodeFn = MediaEngine['transcode'];

function adapt(transcode: TranscodeFn, endSession: (id: string) => void): TranscoderEngine {
  return {
    async transcode(sessionId, input, profiles, o) {
      const r = await transcode(sessionId, {
        input,
        profiles: profiles.map(profileFromWire),
        timeoutMs: o.timeoutMs,
        signal: o.signal,
      });
      return {
        inputPixels: BigInt(r.inputPixels),
        renditions: r.renditions.map((x) => ({ data: x.data, pixels: BigInt(x.pixels), format: 'mpegts' as const })),
      };
    },
    endSession,
  };
}

export function mediaEngineAdapter(media: MediaEngine): TranscoderEngine {
  return adapt(
    (id, req) => media.transcode(id, req),
    (id) => media.endStream(id),
  );
}

/** A fixed-device engine (no scheduler): tests and the headless CLI without a data folder. */
export function fixedTranscoderAdapter(t: Transcoder): TranscoderEngine {
  return adapt(
    async (_id, req) => ({ ...(await t.transcodeSegment(req)), deviceId: `device:${t.device}` }),
    () => undefined,
  );
}
