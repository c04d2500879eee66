// Winning tickets through the service port: with the sender's max float equal to the ticket EV the
// face value is the EV and every ticket wins, so each one must reach the winner sink — also when
// the segment itself is refused afterwards (a valid winning ticket is money).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { hexlify } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoProfileSchema } from '../proto/generated/lp_rpc_pb.js';
import { bytesToBig, uint256Bytes } from '../payments/bytes.ts';
import { isWinningTicket, MAX_WIN_PROB, recipientRandHash } from '../payments/ticket.ts';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';
import { DatabaseSync } from 'node:sqlite';
import { openDatabase, STORE_FILE, type Database } from '../../store/database.ts';
import { createWinningTicketStore, NODE_MIGRATIONS } from '../payments/winning-ticket-store.ts';

const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];
let fx: NodeFixture;
let db: Database;
let clip: Uint8Array;
const tmp = mkdtempSync(join(tmpdir(), 'lp-win-'));

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  db = openDatabase(tmp, NODE_MIGRATIONS);
  fx = await startNodeFixture(createFfmpegTranscoder(), {
    reserve: 8_000_000_000n,
    winners: createWinningTicketStore(db),
  });
  fx.chain.gas = 1n;
}, 30_000);
afterAll(async () => {
  await fx?.close();
  db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('winning tickets', () => {
  it('reach the sink with their recipientRand, even from a refused segment', async () => {
    const info = await fx.gateway.getOrchestrator();
    expect(bytesToBig(info.ticketParams!.winProb)).toBe(MAX_WIN_PROB);
    const base = { info, manifestId: 'w', seq: 0n, data: clip, durationMs: 1000, profiles, tickets: 3 };
    const headers = await fx.gateway.segmentHeaders(base);
    const refused = await fx.gateway.post(headers, clip.subarray(1));
    expect([refused.status, refused.text]).toEqual([403, 'Forbidden']);
    // Committed before the answer: another connection to the file sees them already.
    const reader = new DatabaseSync(join(tmp, STORE_FILE), { readOnly: true });
    expect(reader.prepare("SELECT count(*) AS n FROM winning_tickets WHERE state = 'pending'").get()).toEqual({ n: 3 });
    reader.close();
    const stored = createWinningTicketStore(db).list();
    expect(fx.node.balances.balance(fx.gateway.address, info.authToken!.sessionId).num).toBe(0n);
    for (const w of stored) {
      // The revealed rand opens the commitment and wins, as the TicketBroker will check.
      expect(hexlify(recipientRandHash(w.recipientRand))).toBe(hexlify(info.ticketParams!.recipientRandHash));
      expect(isWinningTicket(w.sig, w.recipientRand, w.ticket.winProb)).toBe(true);
      expect(uint256Bytes(w.recipientRand)).toHaveLength(32);
      expect(w.paramsExpirationBlock).toBe(fx.chain.l1Block + 40n);
    }
    // Their nonces are spent: the same tickets cannot be counted again.
    const again = await fx.gateway.post(headers, clip);
    expect(again.status).toBe(400);
    const paid = await fx.gateway.submitSegment({ ...base, seq: 1n, tickets: 2 });
    expect(paid.status, paid.text).toBe(200);
    expect(
      createWinningTicketStore(db)
        .list()
        .map((w) => w.ticket.senderNonce)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
  }, 30_000);
});
