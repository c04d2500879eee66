// A segment the node cannot serve is refused with a reason the gateway (and its operator) can act
// on, never a bare "500 Internal Server Error".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.ts';
import { VideoProfileSchema } from '../proto/generated/lp_rpc_pb.js';
import { createWinningTicketStore, NODE_MIGRATIONS } from '../payments/winning-ticket-store.ts';
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

it('says why on an unexpected failure too (the winning-ticket store is gone), not a bare 500', async () => {
  // Every ticket wins (max float = EV, as in winners.integration.test.ts), so the store is written.
  const dir = mkdtempSync(join(tmpdir(), 'lp-segerr-db-'));
  const db = openDatabase(dir, NODE_MIGRATIONS);
  const broken = await startNodeFixture(createFfmpegTranscoder(), {
    reserve: 8_000_000_000n,
    winners: createWinningTicketStore(db),
  });
  try {
    broken.chain.gas = 1n;
    const info = await broken.gateway.getOrchestrator();
    db.close(); // the disk went away, say
    const answer = await broken.gateway.submitSegment({
      info,
      manifestId: 'x',
      seq: 0n,
      data: clip,
      durationMs: 1000,
      profiles,
    });
    expect(answer.status).toBe(500);
    expect(answer.text?.trim()).toMatch(/^Internal Server Error: .*database is not open/i);
  } finally {
    await broken.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
