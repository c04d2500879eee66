// The payments' ChainView on the chain client's head (chain/state/chain-state.ts): block number,
// round and its block hashes, and the gas price ticket parameters quote (the head's basefee) are
// what the shared head read last, so the synchronous reads the recipient makes per payment cost
// nothing and this view polls nothing itself. Per-sender reads (deposit/reserve/withdraw round,
// claimable reserve) are cached per sender (LRU, at most `maxCachedReads`) until the round changes
// or `senderTtlMs`; what our own redemption paid from a sender is taken off its cached funds
// (`senderPaid`, as the contract takes it: deposit first, then our reserve share) when the cached
// read answered before the redemption was sent, instead of a read per batch (else it is read
// again). The active-set check of our own address comes from the head (watched), others' are
// cached likewise. An RPC outage makes the async reads throw a typed AppError (UNAVAILABLE /
// TIMEOUT) that the orchestrator turns into a refused payment; the synchronous reads keep the last
// known values until `ready()` has succeeded once, and `healthy()` tells the runtime whether the
// last head read worked.
import { getAddress, getBytes } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { ChainClient } from '../../chain/client.ts';
import { rpc } from '../../chain/rpc-errors.ts';
import type { ChainHead } from '../../chain/state/chain-state.ts';
import type { TicketSender } from '../../chain/ticket-batch.ts';
import type { Logger } from '../../log/logger.ts';
import type { ChainView, RoundView, SenderInfo } from '../payments/payment-chain-state.ts';

export interface ClientChainViewOptions {
  client: ChainClient;
  /** The ticket recipient (our orchestrator), for claimableReserve. */
  recipient: string;
  /** Face value of our winning tickets from this sender not yet redeemed (lowers the max float). */
  pendingFaceValue?: (sender: string) => bigint;
  log?: Logger;
  /** Longest a per-sender read is trusted (a sender's own deposit, unlock or withdraw). */
  senderTtlMs?: number;
  /** Per-sender reads kept at most (least recently used go first): random senders cannot grow it. */
  maxCachedReads?: number;
  rpcTimeoutMs?: number;
}

export interface ClientChainView extends ChainView {
  /** Resolves after the first successful poll (rejects with the typed error if it fails). */
  ready(): Promise<void>;
  /** Reads the head now. */
  refresh(): Promise<void>;
  /**
   * Our redemption, sent at `sentAt` (epoch ms), took `paid` from the sender: taken off its cached
   * funds when they were read before that; otherwise (or unknown: null) they are read again.
   */
  senderPaid(sender: string, paid: bigint | null, sentAt: number | null): void;
  healthy(): boolean;
  /** Cached per-sender and active-set reads (bounded by `maxCachedReads`). */
  cachedReads(): number;
  close(): void;
}

const ZERO32 = new Uint8Array(32);

export function createClientChainView(o: ClientChainViewOptions): ClientChainView {
  const ttl = o.senderTtlMs ?? 60_000;
  const maxCached = o.maxCachedReads ?? 10_000;
  const timeoutMs = o.rpcTimeoutMs ?? 8000;
  const state = o.client.state;
  const recipient = getAddress(o.recipient);
  let l1Block = 0n;
  let round: RoundView = { round: 0n, blockHash: ZERO32, previousBlockHash: ZERO32 };
  let gas = 0n;
  let ok = false;
  let first: Promise<void> | null = null;
  /** `answeredAt`: when the read's answer came (unset while it is in flight). */
  const cache = new Map<string, { at: number; value: Promise<unknown>; answeredAt?: number }>();
  const read = <T>(what: string, work: () => Promise<T>): Promise<T> => rpc(what, work, timeoutMs);
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    cache.delete(key); // re-inserted last: the Map's order is the LRU order
    if (hit && Date.now() - hit.at < ttl) {
      cache.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    const entry: { at: number; value: Promise<unknown>; answeredAt?: number } = { at: Date.now(), value };
    value.then(
      () => (entry.answeredAt = Date.now()),
      () => undefined,
    );
    cache.set(key, entry);
    if (cache.size > maxCached) cache.delete(cache.keys().next().value as string);
    value.catch(() => cache.get(key)?.value === value && cache.delete(key)); // an outage is not cached
    return value;
  }

  function apply(head: ChainHead): void {
    const last = head.protocol.lastInitializedRound;
    if (last !== round.round) cache.clear(); // a new round: funds and the active set may have moved
    round = {
      round: last,
      blockHash: getBytes(head.roundBlockHash),
      previousBlockHash: getBytes(head.previousRoundBlockHash),
    };
    l1Block = head.protocol.l1BlockNumber;
    gas = head.basefee;
    if (!ok) o.log?.info(`Chain view ready: block ${l1Block}, round ${round.round}`);
    ok = true;
  }

  const senderKey = (sender: string) => `sender:${sender.toLowerCase()}`;
  /** Deposit, reserve, unlock and our claimable share: one request, cached together. */
  const ticketSender = (sender: string) =>
    cached(senderKey(sender), () =>
      read('Reading the sender deposit and reserve', () => o.client.tickets.sender(sender, recipient)),
    );

  const unwatch = state.watch(recipient);
  const off = state.onChange((c) => apply(c.head));
  state.start();

  async function refresh(): Promise<void> {
    try {
      apply(await state.refresh());
    } catch (err) {
      if (ok) o.log?.warn(`Chain view: the RPC does not answer (${(err as Error).message}); keeping the last values`);
      ok = false;
      throw err;
    }
  }

  const requireReady = () => {
    if (!ok && l1Block === 0n)
      throw new AppError(ErrorCode.Unavailable, 'The chain view has no data yet (RPC unreachable)');
  };

  return {
    ready() {
      first ??= refresh();
      first.catch(() => (first = null));
      return first;
    },
    refresh,
    healthy: () => ok && state.healthy(),
    senderPaid(sender, paid, sentAt) {
      const hit = cache.get(senderKey(sender));
      if (!hit) return;
      // A read answered after the send may already show the redemption: read again
      if (paid === null || sentAt === null || hit.answeredAt === undefined || hit.answeredAt >= sentAt)
        return void cache.delete(senderKey(sender));
      hit.value = (hit.value as Promise<TicketSender>).then((funds) => afterPayment(funds, paid));
    },
    lastSeenL1Block() {
      requireReady();
      return l1Block;
    },
    lastInitializedRound() {
      requireReady();
      return round;
    },
    gasPrice: () => gas,
    async senderInfo(sender): Promise<SenderInfo> {
      const { deposit, reserve, withdrawRound } = await ticketSender(sender);
      return { deposit, reserve, withdrawRound };
    },
    async maxFloat(sender) {
      const claimable = (await ticketSender(sender)).claimableReserve;
      const pending = o.pendingFaceValue?.(sender) ?? 0n;
      return claimable > pending ? claimable - pending : 0n;
    },
    async isActiveOrchestrator(address) {
      if (getAddress(address) === recipient && ok) {
        const own = state.head()?.accounts.get(recipient);
        if (own) return own.transcoder.active;
      }
      return cached(`active:${address.toLowerCase()}`, () =>
        o.client.account(address).then((a) => a.transcoder.active),
      );
    },
    cachedReads: () => cache.size,
    close() {
      off();
      unwatch();
    },
  };
}

/** A sender's funds after a redemption paid `paid`: from the deposit first, then our reserve share. */
function afterPayment(funds: TicketSender, paid: bigint): TicketSender {
  const fromDeposit = paid < funds.deposit ? paid : funds.deposit;
  const fromReserve = paid - fromDeposit;
  const less = (x: bigint) => (x > fromReserve ? x - fromReserve : 0n);
  return {
    ...funds,
    deposit: funds.deposit - fromDeposit,
    reserve: less(funds.reserve),
    claimableReserve: less(funds.claimableReserve),
  };
}
