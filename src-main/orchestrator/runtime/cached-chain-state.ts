// The payments' ChainView on the chain client's head (chain/state/chain-state.ts): block number,
// round and its block hashes, and the gas price ticket parameters quote (the head's basefee) are
// what the shared head read last, so the synchronous reads the recipient makes per payment cost
// nothing and this view polls nothing itself. Per-sender reads (deposit/reserve/withdraw round,
// claimable reserve) are cached per sender (LRU, at most `maxCachedReads`) until the round changes,
// `forgetSender` (our redemption paid from it) or `senderTtlMs`; the active-set check of our own
// address comes from the head (watched), others' are cached likewise. An RPC outage makes the async
// reads throw a typed AppError (UNAVAILABLE / TIMEOUT) that the orchestrator turns into a refused
// payment; the synchronous reads keep the last known values until `ready()` has succeeded once,
// and `healthy()` tells the runtime whether the last head read worked.
import { getAddress, getBytes } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { ChainClient } from '../../chain/client.ts';
import { rpc } from '../../chain/rpc-errors.ts';
import type { ChainHead } from '../../chain/state/chain-state.ts';
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
  /** Drops a sender's cached reads (a redemption from it paid). */
  forgetSender(sender: string): void;
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
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  const read = <T>(what: string, work: () => Promise<T>): Promise<T> => rpc(what, work, timeoutMs);
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    cache.delete(key); // re-inserted last: the Map's order is the LRU order
    if (hit && Date.now() - hit.at < ttl) {
      cache.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    cache.set(key, { at: Date.now(), value });
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

  /** Deposit, reserve, unlock and our claimable share: one request, cached together. */
  const ticketSender = (sender: string) =>
    cached(`sender:${sender.toLowerCase()}`, () =>
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
    forgetSender(sender) {
      cache.delete(`sender:${sender.toLowerCase()}`);
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
