// A segment the node cannot serve is refused with a reason the gateway (and its operator) can act
// on, never a bare "500 Internal Server Error".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VideoProfileSchema } from '../proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';

const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];
let fx: NodeFixture;
let clip: Uint8Array;
const tmp = mkdtempSync(join(tmpdir(), 'lp-segerr-'));

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  fx = await startNodeFixture(createFfmpegTranscoder());
}, 30_000);
afterAll(async () => {
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

it('says why when no new ticket parameters can be issued for the session (the reserve ran out)', async () => {
  const info = await fx.gateway.getOrchestrator();
  const first = await fx.gateway.submitSegment({
    info,
    manifestId: 'e',
    seq: 0n,
    data: clip,
    durationMs: 1000,
    profiles,
  });
  expect(first.status).toBe(200);
  // Its reserve share is used up (claimed or pending winners): the answer's fresh parameters cannot be made.
  fx.chain.floats.set(fx.gateway.address.toLowerCase(), 0n);
  const second = await fx.gateway.submitSegment({
    info,
    manifestId: 'e',
    seq: 1n,
    data: clip,
    durationMs: 1000,
    profiles,
  });
  expect([second.status, second.text?.trim()]).toEqual([
    500,
    'Could not issue new ticket parameters: insufficient sender reserve',
  ]);
}, 60_000);
