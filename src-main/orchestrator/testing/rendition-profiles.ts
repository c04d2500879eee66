// Tests only: the small rendition the remote-transcoder tests send (fast to encode on a CPU).
import type { RenditionProfile } from '../../../src-shared/domain/profiles.ts';

export const P144: RenditionProfile = {
  name: 'P144p30fps16x9',
  width: 256,
  height: 144,
  bitrate: 400_000,
  fps: 30,
  fpsDen: 1,
  format: 'mpegts',
  profile: 'none',
  codec: 'h264',
  gopMs: 0,
  quality: 0,
};
