// Redeems the winning tickets the store holds (docs/livepeer-protocol.md §4.5-4.8), in batches: at
// each head read of the chain-state service, the tickets whose parameters have expired
// (paramsExpirationBlock ≤ the L1 block, as go-livepeer's redeemer waits for) and whose batching
// window is over (below) go into one TicketBroker.batchRedeemWinningTickets transaction (at most
// MAX_TICKETS_PER_BATCH). Before it is built, each ticket is checked on its own (what it would pay, and its redemption simulated, all
// tickets in one request: chain/ticket-batch.ts); a refused ticket is failed or retried with its
// reason as before and stays out of the batch. The batch goes through the chain client's preview →
// confirm (confirmed at once: running the node is the user's consent to redeem; it is reported on
// `chain.tx` like a manual one), and the receipt's WinningTicketRedeemed events say which tickets
// it redeemed and what each paid; a ticket the batch did not redeem is checked again next time.
//
// Persisted state machine (winning_tickets.state):
//   pending ──(params expired, gas share ≤ payable)──> submitted ──(in the receipt)──> redeemed
//      │   └─(RPC failure, gas too high, not in the receipt: retry later, attempts + 1)─┘
//      └─(ticket past its validity, or the contract refuses) ──> failed/skipped
// Every ticket of a batch is written `submitted` before the transaction is signed, and the hash as
// soon as it is known, so a node killed at any moment never sends a ticket twice: on restart the
// submitted tickets are first checked on chain (TicketBroker.usedTickets, one request for all) and
// only re-sent when the chain has not used them and their transaction (if it had a hash) is not
// known to the RPC (redemption-settle.ts).
//
// The round: redemption needs it initialized (the contract reverts the whole batch otherwise). On
// Arbitrum One round initializer bots and the reward service usually do it within a block or two;
// when the check finds it not initialized the queue initializes it itself (as go-livepeer's round
// initializer would), and a ticket that meets an uninitialized round is never charged an attempt:
// it waits for the next head without a backoff, so a round change cannot run it out of validity.
//
// Cadence: due tickets wait in a batching window (redemption-window.ts: until the oldest has waited
// `batchWindowMs`, a full batch is due, one nears the end of its validity, or a sender's float runs
// low), then go together.
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { ChainClient } from '../../chain/client.ts';
import { MAX_TICKETS_PER_BATCH, redemptionKey, redemptionsInReceipt } from '../../chain/ticket-batch.ts';
import type { TicketPayout } from '../../chain/ticket-payout.ts';
import { maxFeePerGas } from '../../chain/tx/fees.ts';
import type { Logger } from '../../log/logger.ts';
import type { StoredWinningTicket, WinningTicketStore } from '../payments/winning-ticket-store.ts';
import { asRedemption, splitGas } from './redemption-tickets.ts';
import { settleSubmitted } from './redemption-settle.ts';
import { createBatchWindow, floatPressing } from './redemption-window.ts';

export interface RedemptionQueueOptions {
  store: WinningTicketStore;
  client: ChainClient;
  /** The orchestrator account (ticket recipient) that sends the redemptions. */
  from: string;
  log: Logger;
  /** Current L1 block and last initialized round (from the ChainView). */
  l1Block: () => bigint;
  round: () => bigint;
  /** TicketBroker.ticketValidityPeriod in rounds (devnet and mainnet: 2). */
  validityRounds?: bigint;
  /** A pass also runs this often without a new head (a backstop; heads drive the passes). */
  tickMs?: number;
  /** First retry delay; doubles per attempt up to 5 minutes. */
  retryBaseMs?: number;
  /** Tickets per batch transaction (at most MAX_TICKETS_PER_BATCH). */
  maxBatch?: number;
  /**
   * How long due tickets wait for others to share their batch (redemption-window.ts; the runtime
   * passes the network's default, BATCH_WINDOW_MS). Default 0: each pass redeems what is due.
   */
  batchWindowMs?: number;
  /**
   * What the node still floats a sender (its reserve share less our unredeemed winners: the chain
   * view's maxFloat, cached): due tickets go before the window is over when it runs low.
   */
  senderFloat?: (sender: string) => Promise<bigint>;
  /**
   * A redemption took `paid` from `sender`, in a transaction sent at `sentAt` (epoch ms); null when
   * not known (settled after a restart). The node's chain view updates its cached funds of the sender.
   */
  onSenderPaid?: (sender: string, paid: bigint | null, sentAt: number | null) => void;
  now?: () => number;
}

export interface RedemptionQueue {
  /** Runs one pass now (after one in progress); resolves when it is done. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

/** What the contract refuses because of the round, not the ticket: waits for the next head, no attempt. */
const roundTrouble = (e: AppError): boolean =>
  e.code === ErrorCode.RoundLocked || /round is not initialized/i.test(e.message);

export function createRedemptionQueue(o: RedemptionQueueOptions): RedemptionQueue {
  const log = o.log.child('redeemer');
  const now = o.now ?? Date.now;
  const validity = o.validityRounds ?? 2n;
  const base = o.retryBaseMs ?? 5000;
  const maxBatch = Math.min(o.maxBatch ?? MAX_TICKETS_PER_BATCH, MAX_TICKETS_PER_BATCH);
  let running: Promise<void> | null = null;
  let closed = false;
  /** Gas limit per ticket of the last batch previewed: a free first look at whether gas is too high. */
  let gasPerTicket: bigint | null = null;
  const batching = createBatchWindow({
    windowMs: o.batchWindowMs ?? 0,
    maxBatch,
    validityRounds: validity,
    head: () => o.client.state.head(),
    now,
  });

  const retryAt = (t: StoredWinningTicket) => now() + Math.min(base * 2 ** t.attempts, 5 * 60_000);
  const retry = (t: StoredWinningTicket, reason: string): void => {
    o.store.setState(t.hash, 'pending', { error: `Retrying: ${reason}`, retryAt: retryAt(t) });
    log.warn(`Redemption of ${t.hash} will be retried: ${reason}`);
  };
  const fail = (t: StoredWinningTicket, reason: string): void => {
    o.store.setState(t.hash, 'failed', { error: `Refused by the contract: ${reason}` });
    log.warn(`Redemption of ${t.hash} failed: ${reason}`);
  };
  /** Not the ticket's fault (the round): next head, no attempt counted. */
  const wait = (t: StoredWinningTicket, error: string): void => o.store.setState(t.hash, 'pending', { error });

  /** TicketBroker: valid while currentRound < creationRound + ticketValidityPeriod. */
  function expired(t: StoredWinningTicket): boolean {
    const creation = t.ticket.expiration.creationRound;
    if (o.round() < creation + validity) return false;
    const gasWait = t.error?.startsWith('Waiting: gas') ?? false;
    o.store.setState(t.hash, gasWait ? 'skipped' : 'failed', {
      error: `Expired: created in round ${creation}, valid through round ${creation + validity - 1n}`,
    });
    log.warn(`Winning ticket ${t.hash} expired before it could be redeemed`);
    return true;
  }

  async function initializeRound(round: bigint): Promise<void> {
    log.info(`Initializing round ${round} before redeeming`);
    try {
      const init = await o.client.prepare(o.from, { kind: 'initializeRound' });
      await o.client.confirm(init.id, { resimulate: false });
    } catch (err) {
      // The reward service (or anyone) initialized it meanwhile: that is all redemption needs.
      if (!/already initialized/i.test((err as Error).message)) throw err;
    }
  }

  /** The tickets the contract would redeem now, with what each pays; the others are dealt with. */
  async function checked(
    batch: StoredWinningTicket[],
  ): Promise<{ items: { t: StoredWinningTicket; payout: TicketPayout }[]; gas: bigint }> {
    let checks = await o.client.tickets.check(o.from, batch.map(asRedemption));
    if (!checks.roundInitialized) {
      await initializeRound(checks.round);
      checks = await o.client.tickets.check(o.from, batch.map(asRedemption));
    }
    if (!checks.roundInitialized || checks.lastBlockOfRound) {
      const why = checks.roundInitialized
        ? `round ${checks.round} ends with this block; redeeming in the next round`
        : `round ${checks.round} is not initialized yet`;
      for (const t of batch) wait(t, `Waiting: ${why}`);
      return { items: [], gas: 0n };
    }
    const ok: { t: StoredWinningTicket; payout: TicketPayout }[] = [];
    batch.forEach((t, i) => {
      const c = checks.tickets[i];
      if (!c) return retry(t, 'the chain did not answer for this ticket');
      if (c.ok) ok.push({ t, payout: c.payout });
      else if (roundTrouble(c.error)) wait(t, `Waiting: ${c.error.message}`);
      // A refusal by the contract is final (the sender's funds cannot cover it, the ticket was
      // already used); RPC trouble and a refusal that passes by itself are retried later.
      else if (c.error.code === ErrorCode.Reverted || c.error.code === ErrorCode.BadInput) fail(t, c.error.message);
      else retry(t, c.error.message);
    });
    return { items: ok, gas: checks.gas };
  }

  async function redeemBatch(batch: StoredWinningTicket[]): Promise<void> {
    let { items, gas } = await checked(batch);
    while (items.length > 0) {
      const preview = await o.client.prepare(o.from, {
        kind: 'redeemTickets',
        gas,
        items: items.map(({ t, payout }) => ({ ...asRedemption(t), payable: payout.payable })),
      });
      // Each ticket must be worth its share of the gas (a lone ticket: all of it)
      const n = BigInt(items.length);
      gasPerTicket = preview.gasLimit / n;
      const share = (preview.maxCostWei + n - 1n) / n;
      const short = items.filter(({ payout }) => share > payout.payable);
      if (short.length === 0) return send(preview.id, items);
      o.client.discard(preview.id);
      for (const { t, payout } of short) gasWait(t, share, payout.payable, true);
      // The rest, estimated again without them
      ({ items, gas } = await checked(items.filter((i) => !short.includes(i)).map((i) => i.t)));
    }
  }

  async function send(previewId: string, items: { t: StoredWinningTicket; payout: TicketPayout }[]): Promise<void> {
    const tickets = items.map((i) => i.t);
    // Persist "submitted" before signing: from here on a restart checks the chain before re-sending.
    for (const t of tickets) o.store.setState(t.hash, 'submitted', { error: null });
    const sentAt = Date.now(); // the wall clock, as the chain view's reads are timed
    const off = o.client.onProgress((p) => {
      if (p.previewId !== previewId || p.state !== 'submitted' || !p.hash) return;
      for (const t of tickets) o.store.setState(t.hash, 'submitted', { txHash: p.hash });
    });
    try {
      const outcome = await o.client.confirm(previewId, { resimulate: false });
      const redeemed = redemptionsInReceipt(outcome, (await o.client.addresses()).TicketBroker);
      settleMined(tickets, outcome.hash, outcome.costWei, redeemed, sentAt);
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError(ErrorCode.Unavailable, (err as Error).message);
      for (const t of tickets) {
        const state = o.store.get(t.hash);
        if (state?.state === 'submitted' && state.txHash && e.code !== ErrorCode.Reverted) {
          log.warn(`Redemption of ${t.hash} sent but unconfirmed (${e.message}); checking again later`);
        } else if (roundTrouble(e)) {
          wait(t, `Waiting: ${e.message}`); // the round changed under the batch: initialized next head
        } else {
          retry(t, e.message); // checked on its own next time: its own reason if it is the ticket
        }
      }
    } finally {
      off();
    }
  }

  /** The batch is mined: each ticket is redeemed (its event) or checked again; gas shared by the redeemed. */
  function settleMined(
    tickets: StoredWinningTicket[],
    txHash: string,
    cost: bigint,
    redeemed: Map<string, bigint>,
    sentAt: number,
  ) {
    const paidBy = (t: StoredWinningTicket) => redeemed.get(redemptionKey(asRedemption(t)));
    const done = tickets.filter((t) => paidBy(t) !== undefined);
    const gas = splitGas(done.length > 0 ? done : tickets, cost);
    for (const t of tickets) {
      const paid = paidBy(t);
      const gasCost = gas.get(t.hash) ?? null;
      if (paid === undefined) {
        const reason = `the batch ${txHash} did not redeem it; checking it on its own`;
        o.store.setState(t.hash, 'pending', { error: `Retrying: ${reason}`, retryAt: retryAt(t), gasCost });
        log.warn(`Redemption of ${t.hash} will be retried: ${reason}`);
        continue;
      }
      o.onSenderPaid?.(t.ticket.sender, paid, sentAt);
      o.store.setState(t.hash, 'redeemed', { txHash, paid, gasCost, error: null });
      log.info(
        `Redeemed a winning ticket from ${t.ticket.sender}: paid ${paid} of ${t.ticket.faceValue} wei (tx ${txHash})`,
      );
    }
  }

  const gasWait = (t: StoredWinningTicket, cost: bigint, payable: bigint, retry: boolean): void =>
    o.store.setState(t.hash, 'pending', {
      error: `Waiting: gas up to ${cost} wei exceeds the ${payable} wei the sender would pay (face value ${t.ticket.faceValue} wei)`,
      ...(retry ? { retryAt: retryAt(t) } : {}),
    });

  /**
   * Tickets whose face value (the most they can pay) is below what the last batch's gas per ticket
   * costs at the head's basefee wait without a request and without an attempt counted: they are
   * looked at again at each head, so they go as soon as the basefee falls.
   */
  function worthGas(t: StoredWinningTicket): boolean {
    const basefee = o.client.state.head()?.basefee;
    if (gasPerTicket === null || basefee === undefined) return true;
    const cost = gasPerTicket * maxFeePerGas(basefee);
    if (cost <= t.ticket.faceValue) return true;
    gasWait(t, cost, t.ticket.faceValue, false);
    return false;
  }

  /**
   * Whether the sender of a due ticket has float left for only a few more winners like its pending
   * ones (redemption-window.ts). Only senders of due tickets: redeeming frees no one else's float.
   */
  async function floatRunningOut(ready: StoredWinningTicket[], pending: StoredWinningTicket[]): Promise<boolean> {
    if (!o.senderFloat || ready.length === 0 || (o.batchWindowMs ?? 0) <= 0) return false;
    const bySender = new Map<string, bigint[]>(ready.map((t) => [t.ticket.sender.toLowerCase(), []]));
    for (const t of pending) bySender.get(t.ticket.sender.toLowerCase())?.push(t.ticket.faceValue);
    for (const [sender, faceValues] of bySender) {
      // A failed read tells nothing: the window decides (the batch would meet the same RPC)
      const float = await o.senderFloat(sender).catch(() => null);
      if (float !== null && floatPressing(float, faceValues)) return true;
    }
    return false;
  }

  async function pass(): Promise<void> {
    if (o.store.list('submitted').length > 0) {
      try {
        await settleSubmitted(o.client, o.store, log, (t) => o.onSenderPaid?.(t.ticket.sender, null, null));
      } catch (err) {
        log.warn(`Could not check the submitted tickets on chain: ${(err as Error).message}`);
        return;
      }
    }
    const l1 = o.l1Block();
    const pending = o.store.list('pending');
    const ready = pending.filter(
      (t) => t.paramsExpirationBlock <= l1 && t.nextAttemptAt <= now() && !expired(t) && worthGas(t),
    );
    const due = batching.release(ready, pending, await floatRunningOut(ready, pending));
    for (let i = 0; i < due.length && !closed; i += maxBatch) {
      const batch = due.slice(i, i + maxBatch);
      try {
        await redeemBatch(batch);
      } catch (err) {
        const e = err instanceof AppError ? err : null;
        const reason = e?.message ?? (err as Error).message;
        for (const t of batch) {
          if (o.store.get(t.hash)?.state !== 'pending') continue;
          if (e && roundTrouble(e)) wait(t, `Waiting: ${reason}`);
          else retry(t, reason);
        }
      }
    }
  }

  const run = (): Promise<void> =>
    pass()
      .catch((err: unknown) => log.error(`Redemption pass failed: ${(err as Error).message}`))
      .finally(() => (running = null));
  const tick = async (): Promise<void> => {
    if (running) await running;
    if (closed) return;
    running ??= run();
    return running;
  };
  const timer = setInterval(() => void (running ?? tick()), o.tickMs ?? 30_000);
  timer.unref();
  // Every head read (5 s devnet, 12 s Arbitrum), new block or not: a pass with nothing due costs
  // no request, and a winner must not wait for a block that an idle devnet never mines
  const offHead = o.client.state.onChange(() => {
    if (!running && !closed) void tick();
  });
  return {
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      offHead();
      await running;
    },
  };
}
