// The batching window of the redemption queue: winners do not go one small batch per head. A due
// ticket (its parameters expired) waits until the oldest due ticket has waited the window, or a
// full batch is due, or a due ticket nears the end of its validity; then every due ticket goes, in
// one batch. Each batch costs a handful of requests and a transaction's base gas whatever its size,
// so fewer, fuller batches save both.
//
// Nor does it cost the node payments: unredeemed winners count against what the node floats their
// sender (maxFloat: its reserve share less our pending winners), and a sender with no float left is
// refused new ticket parameters. So the due tickets also go when a sender's float has room for
// fewer than FLOAT_ROOM more winners of the size it pays (`pressing`).
//
// The window never costs a ticket: a ticket is "urgent" (goes at the next pass) once less than half
// a round of L1 blocks is left of its validity (TicketBroker: valid while currentRound <
// creationRound + ticketValidityPeriod), far more than any window takes: half a round is ~9.5 h on
// Arbitrum One and 25 blocks (≥ 50 s of 2 s blocks, as the devnet's round is 50) on the devnet. The
// clock is kept in memory: after a restart a ticket waits a window again (from when the new queue
// first sees it due), which the urgency rule keeps safe.
import type { ChainHead } from '../../chain/state/chain-state.ts';
import type { StoredWinningTicket } from '../payments/winning-ticket-store.ts';

/**
 * Defaults per network. The devnet: a minute, so the demo still shows a winner redeemed within about
 * a minute of its parameters expiring (one batch a minute instead of one every head or two, where one
 * demo ticket in four wins). Arbitrum One: five minutes; winners are rare there (a few a day) and
 * valid for two rounds (~38 h), so the wait risks nothing and a second winner in it shares the gas.
 */
export const BATCH_WINDOW_MS = { devnet: 60_000, 'arbitrum-one': 5 * 60_000 } as const;

/** Winners of the largest pending size a sender's float must still have room for. */
export const FLOAT_ROOM = 4n;

/** The sender's float has room for fewer than FLOAT_ROOM more winners as large as its largest pending one. */
export function floatPressing(float: bigint, pendingFaceValues: readonly bigint[]): boolean {
  const largest = pendingFaceValues.reduce((a, b) => (b > a ? b : a), 0n);
  return float < FLOAT_ROOM * largest;
}

export interface BatchWindow {
  /**
   * Which of the due tickets go now: all of them, or none yet. `pending` is every pending ticket (a
   * ticket waiting for a retry or cheaper gas keeps its place in the window); `pressing`: a
   * sender's float is running out (`floatPressing`).
   */
  release(
    due: readonly StoredWinningTicket[],
    pending: readonly StoredWinningTicket[],
    pressing?: boolean,
  ): StoredWinningTicket[];
}

export interface BatchWindowOptions {
  windowMs: number;
  /** Tickets per batch: that many due go at once. */
  maxBatch: number;
  /** TicketBroker.ticketValidityPeriod in rounds. */
  validityRounds: bigint;
  head: () => ChainHead | null;
  now: () => number;
}

/** Less than half a round of blocks left of the ticket's validity (or nothing to tell by: no wait). */
export function nearValidityEnd(t: StoredWinningTicket, head: ChainHead | null, validityRounds: bigint): boolean {
  const p = head?.protocol;
  if (!p || p.roundLength <= 0n) return true;
  const lastRound = t.ticket.expiration.creationRound + validityRounds - 1n;
  const end = p.roundStartBlock + p.roundLength * (lastRound - p.round + 1n); // the first block it is invalid in
  return end - p.l1BlockNumber <= p.roundLength / 2n;
}

export function createBatchWindow(o: BatchWindowOptions): BatchWindow {
  const dueSince = new Map<string, number>();
  return {
    release(due, pending, pressing = false) {
      const live = new Set(pending.map((t) => t.hash));
      for (const hash of dueSince.keys()) if (!live.has(hash)) dueSince.delete(hash);
      if (due.length === 0) return [];
      const now = o.now();
      for (const t of due) if (!dueSince.has(t.hash)) dueSince.set(t.hash, now);
      const oldest = Math.min(...due.map((t) => dueSince.get(t.hash) ?? now));
      const go =
        pressing ||
        now - oldest >= o.windowMs ||
        due.length >= o.maxBatch ||
        due.some((t) => nearValidityEnd(t, o.head(), o.validityRounds));
      return go ? [...due] : [];
    },
  };
}
