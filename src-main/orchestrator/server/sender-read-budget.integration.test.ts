// The unknown-sender read budget on the wire: past it, discovery fails with the reason and /segment
// answers 503 with it (a gateway retries both); the chain is not asked.
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
const tmp = mkdtempSync(join(tmpdir(), 'lp-budget-'));
const spent = { senderReads: { burst: 0, perMinute: 0 } };
let clip: Uint8Array;
const fixtures: NodeFixture[] = [];

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
}, 30_000);
afterAll(async () => {
  for (const fx of fixtures) await fx.close();
  rmSync(tmp, { recursive: true, force: true });
});

it('refuses discovery of a stranger with the reason once the budget is spent', async () => {
  const fx = await startNodeFixture(createFfmpegTranscoder(), spent);
  fixtures.push(fx);
  await expect(fx.newGateway().getOrchestrator()).rejects.toThrow(/orchestrator busy: too many new ticket senders/);
  expect(fx.node.senderReads()).toEqual({ admitted: 0, refused: 1, known: 0 });
}, 30_000);

it("answers a stranger's paid segment 503 with the reason, without reading its funds", async () => {
  // Free transcoding: discovery reads nothing, so the payment is the stranger's first read.
  const fx = await startNodeFixture(createFfmpegTranscoder(), { ...spent, pricePerUnit: 0n });
  fixtures.push(fx);
  const info = await fx.gateway.getOrchestrator();
  const answer = await fx.gateway.submitSegment({
    info,
    manifestId: 'budget',
    seq: 0n,
    data: clip,
    durationMs: 1000,
    profiles,
    tickets: 1,
  });
  expect(answer.status).toBe(503);
  expect(answer.text).toMatch(/orchestrator busy: too many new ticket senders, try again in \d+ s/);
  expect(fx.node.senderReads().refused).toBe(1);
}, 30_000);
