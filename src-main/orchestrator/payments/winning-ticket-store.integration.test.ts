// Winning tickets survive a restart (real SQLite file, closed and reopened), are stored once per
// ticket hash, and come back byte for byte: the hash still matches and the ticket still wins.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBytes, hexlify, randomBytes, Wallet } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.ts';
import { bytesToBig } from './bytes.ts';
import type { ReceivedTicket } from './recipient.ts';
import { isWinningTicket, MAX_WIN_PROB, recipientRandHash, ticketHash, type Ticket } from './ticket.ts';
import { createWinningTicketStore, NODE_MIGRATIONS } from './winning-ticket-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function winner(nonce: number): Promise<ReceivedTicket> {
  const sender = new Wallet(Wallet.createRandom().privateKey);
  const rand = bytesToBig(randomBytes(32));
  const ticket: Ticket = {
    recipient: Wallet.createRandom().address,
    sender: sender.address,
    faceValue: 10n ** 17n,
    winProb: MAX_WIN_PROB,
    senderNonce: nonce,
    recipientRandHash: recipientRandHash(rand),
    expiration: { creationRound: 12n, creationRoundBlockHash: randomBytes(32) },
  };
  const sig = getBytes(await sender.signMessage(ticketHash(ticket)));
  return { ticket, sig, recipientRand: rand, paramsExpirationBlock: 1040n };
}

describe('winning ticket store', () => {
  it('keeps tickets across a restart, once each, with their redemption state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-wts-'));
    dirs.push(dir);
    const a = await winner(1);
    const b = await winner(2);
    let db = openDatabase(dir, NODE_MIGRATIONS);
    let store = createWinningTicketStore(db);
    await store.add([a, b]);
    await store.add([a]); // a retried payment does not store it twice
    store.setState(hexlify(ticketHash(b.ticket)), 'submitted', { txHash: '0x' + 'ab'.repeat(32) });
    db.close();

    db = openDatabase(dir, NODE_MIGRATIONS);
    store = createWinningTicketStore(db);
    const all = store.list();
    expect(all).toHaveLength(2);
    const pending = store.list('pending');
    expect(pending).toHaveLength(1);
    const back = pending[0];
    expect(back?.hash).toBe(hexlify(ticketHash(a.ticket)));
    expect(hexlify(ticketHash(back!.ticket))).toBe(back?.hash);
    expect(back?.recipientRand).toBe(a.recipientRand);
    expect(back?.paramsExpirationBlock).toBe(1040n);
    expect(isWinningTicket(back!.sig, back!.recipientRand, back!.ticket.winProb)).toBe(true);
    expect(store.list('submitted')[0]?.txHash).toBe('0x' + 'ab'.repeat(32));
    db.close();
  });

  it('keeps tickets per network: the selected network lists, totals and redeems only its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-wts-'));
    dirs.push(dir);
    const db = openDatabase(dir, NODE_MIGRATIONS);
    let selected = 'devnet';
    const store = createWinningTicketStore(db, Date.now, () => selected);
    const devnetTicket = await winner(1);
    await store.add([devnetTicket]);
    store.setState(hexlify(ticketHash(devnetTicket.ticket)), 'redeemed', { paid: 38n * 10n ** 16n });
    await store.add([await winner(2)]);
    expect(store.totals()).toMatchObject({ redeemed: 38n * 10n ** 16n, pending: 10n ** 17n, won: 2 });

    selected = 'arbitrum-one';
    expect(store.recent(10)).toEqual([]);
    expect(store.list('pending')).toEqual([]);
    expect(store.totals()).toMatchObject({ redeemed: 0n, pending: 0n, won: 0, lastRedeemedAt: null });
    const sender = devnetTicket.ticket.sender;
    expect(store.pendingFaceValue(sender)).toBe(0n);
    const hash = hexlify(ticketHash(devnetTicket.ticket));
    expect(store.current(hash)).toBeNull();
    expect(store.get(hash)?.state).toBe('redeemed'); // the queue still finds it by hash

    selected = 'devnet';
    expect(store.recent(10)).toHaveLength(2);
    db.close();
  });
});
