// Redeems the winning tickets the store holds (docs/livepeer-protocol.md §4.5-4.8), one at a time:
// a ticket waits until its ticket parameters expire (paramsExpirationBlock ≤ the L1 block, as
// go-livepeer's redeemer), then goes through the chain client's preview → confirm (the preview is
// confirmed at once: running the node is the user's consent to redeem, and every transaction is
// still simulated, previewed and reported on `chain.tx` like a manual one).
//
// Persisted state machine (winning_tickets.state):
//   pending ──(params expired, gas ≤ payable)──> submitted ──(receipt)──> redeemed
//      │   └─(RPC failure, gas too high: retry later, attempts + 1)─┘            │
//      └─(ticket past its validity, or the contract refuses) ──> failed/skipped    └─(revert) ──> failed
// `submitted` is written before the transaction is signed, and its hash as soon as it is known, so
// a node killed at any moment never sends a ticket twice: on restart a submitted ticket is first
// checked on chain (TicketBroker.usedTickets) and only re-sent when the chain has not used it and
// its transaction (if it had a hash) is not known to the RPC.
// The payable amount is what the real TicketBroker would pay (the sender's deposit and reserve
// share, possibly less than the face value); what a redemption paid is read from its receipt
// (WinningTicketTransfer) into the earnings ledger.
import { hexlify, Contract } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { PROTOCOL_ABIS } from '../../chain/abi.ts';
import { paidInReceipt } from '../../chain/ticket-payout.ts';
import type { ChainClient } from '../../chain/client.ts';
import type { Logger } from '../../log/logger.ts';
import { auxData } from '../payments/ticket.ts';
import type { StoredWinningTicket, WinningTicketStore } from '../payments/winning-ticket-store.ts';

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
  tickMs?: number;
  /** First retry delay; doubles per attempt up to 5 minutes. */
  retryBaseMs?: number;
  now?: () => number;
}

export interface RedemptionQueue {
  /** Runs one pass now (tests); resolves when it is done. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export function createRedemptionQueue(o: RedemptionQueueOptions): RedemptionQueue {
  const log = o.log.child('redeemer');
  const now = o.now ?? Date.now;
  const validity = o.validityRounds ?? 2n;
  const base = o.retryBaseMs ?? 5000;
  let running: Promise<void> | null = null;
  let closed = false;
  let broker: Contract | null = null;

  const used = async (hash: string): Promise<boolean> => {
    broker ??= new Contract((await o.client.addresses()).TicketBroker, PROTOCOL_ABIS.TicketBroker, o.client.provider);
    return (await broker.getFunction('usedTickets')(hash)) as boolean;
  };
  /** What a mined redemption paid (its WinningTicketTransfer), null if its receipt is not available. */
  const paidBy = async (txHash: string): Promise<bigint | null> => {
    const receipt = await o.client.provider.getTransactionReceipt(txHash);
    return receipt ? paidInReceipt(receipt, (await o.client.addresses()).TicketBroker) : null;
  };
  const retryAt = (t: StoredWinningTicket) => now() + Math.min(base * 2 ** t.attempts, 5 * 60_000);

  async function redeem(t: StoredWinningTicket): Promise<void> {
    const k = t.ticket;
    const creation = k.expiration.creationRound;
    // TicketBroker: valid while currentRound < creationRound + ticketValidityPeriod.
    if (o.round() >= creation + validity) {
      const gasWait = t.error?.startsWith('Waiting: gas') ?? false;
      o.store.setState(t.hash, gasWait ? 'skipped' : 'failed', {
        error: `Expired: created in round ${creation}, valid through round ${creation + validity - 1n}`,
      });
      log.warn(`Winning ticket ${t.hash} expired before it could be redeemed`);
      return;
    }
    // Redemption needs an initialized round; anyone may initialize it (the reward service usually has).
    // The shared head says (a stale "initialized" fails the send with a retry, a stale "not" is caught below).
    const { protocol } = await o.client.state.current();
    if (!protocol.roundInitialized) {
      log.info(`Initializing round ${protocol.round} before redeeming`);
      try {
        const init = await o.client.prepare(o.from, { kind: 'initializeRound' });
        await o.client.confirm(init.id);
      } catch (err) {
        // The reward service (or anyone) initialized it meanwhile: that is all redemption needs.
        if (!/already initialized/i.test((err as Error).message)) throw err;
      }
    }
    const preview = await o.client.prepare(o.from, {
      kind: 'redeemTicket',
      ticket: {
        recipient: k.recipient,
        sender: k.sender,
        faceValue: k.faceValue,
        winProb: k.winProb,
        senderNonce: BigInt(k.senderNonce),
        recipientRandHash: hexlify(k.recipientRandHash),
        auxData: hexlify(auxData(k.expiration)),
      },
      sig: hexlify(t.sig),
      recipientRand: t.recipientRand,
    });
    const payable = preview.payableWei ?? k.faceValue;
    if (preview.maxCostWei > payable) {
      o.client.discard(preview.id);
      o.store.setState(t.hash, 'pending', {
        error: `Waiting: gas up to ${preview.maxCostWei} wei exceeds the ${payable} wei the sender would pay (face value ${k.faceValue} wei)`,
        retryAt: retryAt(t),
      });
      return;
    }
    // Persist "submitted" before signing: from here on a restart checks the chain before re-sending.
    o.store.setState(t.hash, 'submitted', { error: null });
    const off = o.client.onProgress((p) => {
      if (p.previewId === preview.id && p.state === 'submitted' && p.hash)
        o.store.setState(t.hash, 'submitted', { txHash: p.hash });
    });
    try {
      const outcome = await o.client.confirm(preview.id);
      const paid = await paidBy(outcome.hash);
      o.store.setState(t.hash, 'redeemed', { txHash: outcome.hash, gasCost: outcome.costWei, paid, error: null });
      log.info(
        `Redeemed a winning ticket from ${k.sender}: paid ${paid ?? '?'} of ${k.faceValue} wei (tx ${outcome.hash})`,
      );
    } finally {
      off();
    }
  }

  /** After a restart: a ticket left `submitted` is redeemed, pending again, or still in flight. */
  async function settleSubmitted(t: StoredWinningTicket): Promise<void> {
    if (await used(t.hash)) {
      let gasCost: bigint | null = null;
      let paid: bigint | null = null;
      if (t.txHash) {
        const r = await o.client.provider.getTransactionReceipt(t.txHash);
        if (r) {
          gasCost = r.gasUsed * r.gasPrice;
          paid = paidInReceipt(r, (await o.client.addresses()).TicketBroker);
        }
      }
      o.store.setState(t.hash, 'redeemed', { gasCost, paid, error: null });
      return;
    }
    if (t.txHash) {
      const tx = await o.client.provider.getTransaction(t.txHash);
      const receipt = tx ? await o.client.provider.getTransactionReceipt(t.txHash) : null;
      if (tx && !receipt) return; // still in the mempool: wait for it
    }
    o.store.setState(t.hash, 'pending', { error: 'Resubmitting: the earlier attempt did not reach the chain' });
  }

  async function pass(): Promise<void> {
    for (const t of o.store.list('submitted')) {
      if (closed) return;
      try {
        await settleSubmitted(t);
      } catch (err) {
        log.warn(`Could not check ticket ${t.hash} on chain: ${(err as Error).message}`);
        return;
      }
    }
    const l1 = o.l1Block();
    for (const t of o.store.list('pending')) {
      if (closed) return;
      if (t.paramsExpirationBlock > l1 || t.nextAttemptAt > now()) continue;
      try {
        await redeem(t);
      } catch (err) {
        const e = err instanceof AppError ? err : null;
        const reason = e?.message ?? (err as Error).message;
        // A refusal by the contract is final (for example the sender's funds cannot cover it, or the
        // ticket was already used); RPC trouble and a locked wallet are retried later.
        // A round that changed between the check and the send is initialized on the next pass.
        const roundMoved = /round is not initialized/i.test(reason);
        const final = !roundMoved && (e?.code === ErrorCode.Reverted || e?.code === ErrorCode.BadInput);
        const state = o.store.get(t.hash);
        if (state?.state === 'submitted' && !final && state.txHash) {
          log.warn(`Redemption of ${t.hash} sent but unconfirmed (${reason}); checking again later`);
          continue;
        }
        o.store.setState(t.hash, final ? 'failed' : 'pending', {
          error: final ? `Refused by the contract: ${reason}` : `Retrying: ${reason}`,
          ...(final ? {} : { retryAt: retryAt(state ?? t) }),
        });
        log.warn(`Redemption of ${t.hash} ${final ? 'failed' : 'will be retried'}: ${reason}`);
      }
    }
  }

  const tick = (): Promise<void> => {
    running ??= pass()
      .catch((err) => log.error(`Redemption pass failed: ${(err as Error).message}`))
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void tick(), o.tickMs ?? 2000);
  timer.unref();
  return {
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
