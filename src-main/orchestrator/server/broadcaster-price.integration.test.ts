// Per-gateway prices (go-livepeer -pricePerBroadcaster): a listed gateway is quoted and charged its
// own price, its tickets are validated at that price, others pay the default, and a change applies
// to new sessions only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PriceInfoSchema, VideoProfileSchema, type OrchestratorInfo } from '../proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';
import { bytesToBig } from '../payments/bytes.ts';
import { mul, rat, sub } from '../payments/rat.ts';
import { ticketEV } from '../payments/ticket.ts';

const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];
const PIXELS = 256n * 144n * 30n; // one second at 30 fps

let fx: NodeFixture;
let clip: Uint8Array;
const tmp = mkdtempSync(join(tmpdir(), 'lp-bprice-'));

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  fx = await startNodeFixture(createFfmpegTranscoder(), { maxSessions: 4 });
}, 30_000);
afterAll(async () => {
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const evOf = (info: OrchestratorInfo) =>
  ticketEV(bytesToBig(info.ticketParams!.faceValue), bytesToBig(info.ticketParams!.winProb));

describe('price for specific gateways', () => {
  it('quotes, validates and charges a listed gateway its own price; another gateway pays the default', async () => {
    // Listed in upper-case hex: the sender address is compared case-insensitively.
    const listed = fx.gatewayWallet.address;
    fx.node.setBroadcasterPrices([
      { address: `0x${listed.slice(2).toUpperCase()}`, pricePerUnit: 300n, pixelsPerUnit: 1n },
    ]);

    const other = fx.newGateway();
    const otherInfo = await other.getOrchestrator();
    expect([otherInfo.priceInfo?.pricePerUnit, otherInfo.priceInfo?.pixelsPerUnit]).toEqual([1200n, 1n]);

    const info = await fx.gateway.getOrchestrator();
    expect([info.priceInfo?.pricePerUnit, info.priceInfo?.pixelsPerUnit]).toEqual([300n, 1n]);
    const base = { manifestId: 'own-price', data: clip, durationMs: 1000, profiles, tickets: 3 };

    // Its ticket params are bound to its price: claiming the default price instead is refused.
    const claimed = { ...info, priceInfo: create(PriceInfoSchema, { pricePerUnit: 1200n, pixelsPerUnit: 1n }) };
    const wrong = await fx.gateway.submitSegment({ ...base, info: claimed, seq: 0n });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/recipientRand/);

    const ok = await fx.gateway.submitSegment({ ...base, info, seq: 0n });
    expect(ok.status, ok.text).toBe(200);
    const sessionId = info.authToken!.sessionId;
    const credit = mul(rat(3n), evOf(info));
    expect(fx.node.balances.balance(listed, sessionId)).toEqual(sub(credit, rat(300n * PIXELS)));

    // The other gateway is charged the default on its own session.
    const paid = await other.submitSegment({ ...base, manifestId: 'default-price', info: otherInfo, seq: 0n });
    expect(paid.status, paid.text).toBe(200);
    expect(fx.node.balances.balance(other.address, otherInfo.authToken!.sessionId)).toEqual(
      sub(mul(rat(3n), evOf(otherInfo)), rat(1200n * PIXELS)),
    );
  }, 30_000);

  it('applies a changed or removed gateway price to new sessions only', async () => {
    const listed = fx.gatewayWallet.address;
    const first = await fx.gateway.getOrchestrator();
    expect(first.priceInfo?.pricePerUnit).toBe(300n);
    const base = { manifestId: 'change', data: clip, durationMs: 1000, profiles, tickets: 3 };
    const a = await fx.gateway.submitSegment({ ...base, info: first, seq: 0n });
    expect(a.status, a.text).toBe(200);

    fx.node.setBroadcasterPrices([{ address: listed, pricePerUnit: 900n, pixelsPerUnit: 2n }]);
    // The running session keeps 300 wei/pixel, in its fresh params and in what it is charged.
    const next = a.result!.info!;
    expect(next.priceInfo?.pricePerUnit).toBe(300n);
    const b = await fx.gateway.submitSegment({ ...base, info: next, seq: 1n });
    expect(b.status, b.text).toBe(200);
    const sessionId = first.authToken!.sessionId;
    const credit = mul(rat(3n), evOf(first));
    const credit2 = mul(rat(3n), evOf(next));
    expect(fx.node.balances.balance(listed, sessionId)).toEqual(
      sub(sub(credit, rat(300n * PIXELS)), sub(rat(300n * PIXELS), credit2)),
    );

    // A new session gets the new price (900/2 = 450 wei per pixel, sent reduced).
    const fresh = await fx.gateway.getOrchestrator();
    expect([fresh.priceInfo?.pricePerUnit, fresh.priceInfo?.pixelsPerUnit]).toEqual([450n, 1n]);
    // Removed from the list: back to the default.
    fx.node.setBroadcasterPrices([]);
    expect((await fx.gateway.getOrchestrator()).priceInfo?.pricePerUnit).toBe(1200n);
  }, 30_000);
});
