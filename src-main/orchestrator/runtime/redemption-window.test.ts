// The batching window alone: when due winners wait and when they all go.
import { describe, expect, it } from 'vitest';
import type { ChainHead } from '../../chain/state/chain-state.ts';
import type { StoredWinningTicket } from '../payments/winning-ticket-store.ts';
import { createBatchWindow, floatPressing, nearValidityEnd } from './redemption-window.ts';

/** A head in `round`, which started at block 1000 and is 50 blocks long, at `block`. */
const headAt = (round: bigint, block: bigint): ChainHead =>
  ({ protocol: { round, roundStartBlock: 1000n, roundLength: 50n, l1BlockNumber: block } }) as unknown as ChainHead;
const ticket = (hash: string, creationRound = 10n): StoredWinningTicket =>
  ({ hash, ticket: { expiration: { creationRound } } }) as unknown as StoredWinningTicket;

describe('the batching window', () => {
  let clock = 0;
  let head: ChainHead | null = headAt(10n, 1005n);
  const make = (maxBatch = 20) =>
    createBatchWindow({ windowMs: 60_000, maxBatch, validityRounds: 2n, head: () => head, now: () => clock });

  it('holds due tickets until the oldest has waited the window, then releases all of them', () => {
    clock = 0;
    head = headAt(10n, 1005n);
    const w = make();
    const [a, b, c] = [ticket('a'), ticket('b'), ticket('c')];
    expect(w.release([a], [a])).toEqual([]);
    clock = 30_000;
    expect(w.release([a, b], [a, b])).toEqual([]);
    clock = 59_999;
    expect(w.release([a, b, c], [a, b, c])).toEqual([]);
    clock = 60_000;
    expect(w.release([a, b, c], [a, b, c])).toEqual([a, b, c]);
  });

  it('releases a full batch at once', () => {
    clock = 0;
    head = headAt(10n, 1005n);
    const w = make(3);
    expect(w.release([ticket('a'), ticket('b')], [])).toEqual([]);
    expect(w.release([ticket('a'), ticket('b'), ticket('c')], [])).toHaveLength(3);
  });

  it('releases everything due when one ticket has less than half a round of validity left', () => {
    clock = 0;
    // Created in round 9: valid through round 10, which ends at block 1050
    head = headAt(10n, 1024n);
    expect(nearValidityEnd(ticket('old', 9n), head, 2n)).toBe(false); // 26 blocks left
    expect(make().release([ticket('old', 9n), ticket('new')], [])).toEqual([]);
    head = headAt(10n, 1025n);
    expect(nearValidityEnd(ticket('old', 9n), head, 2n)).toBe(true); // 25 left
    expect(make().release([ticket('new'), ticket('old', 9n)], [])).toHaveLength(2);
    expect(nearValidityEnd(ticket('new', 10n), head, 2n)).toBe(false); // 75 left
    // No head to tell by: no wait
    expect(nearValidityEnd(ticket('new'), null, 2n)).toBe(true);
  });

  it('keeps a ticket waiting for a retry in the window, and forgets one no longer pending', () => {
    clock = 0;
    head = headAt(10n, 1005n);
    const w = make();
    const [a, b] = [ticket('a'), ticket('b')];
    expect(w.release([a], [a])).toEqual([]);
    clock = 60_000;
    // a is pending but not due (a retry later): b waits its own window
    expect(w.release([b], [a, b])).toEqual([]);
    clock = 61_000;
    expect(w.release([a, b], [a, b])).toEqual([a, b]); // a's place was kept
    // a no longer pending (redeemed): forgotten, so were it seen due again it would wait anew
    expect(w.release([], [b])).toEqual([]);
    expect(w.release([a], [a, b])).toEqual([]);
  });

  it("releases at once when a sender's float has room for fewer than four more winners of its size", () => {
    clock = 0;
    head = headAt(10n, 1005n);
    const cent = 10n ** 16n;
    expect(floatPressing(4n * cent, [cent, cent / 2n])).toBe(false);
    expect(floatPressing(4n * cent - 1n, [cent, cent / 2n])).toBe(true);
    expect(floatPressing(0n, [])).toBe(false);
    const w = make();
    expect(w.release([ticket('a')], [], false)).toEqual([]);
    expect(w.release([ticket('a')], [], true)).toHaveLength(1);
  });
});
