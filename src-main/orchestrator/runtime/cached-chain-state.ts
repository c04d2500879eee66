// The payments' ChainView on the chain client: block number, round and its block hash, and gas
// price are polled (every `pollMs`) so the synchronous reads the recipient makes per payment are
// cached values; per-sender reads (deposit/reserve/withdraw round, claimable reserve) and the
// active-set check are cached for `senderTtlMs`, at most `maxCachedReads` of them (LRU). An RPC outage makes the async reads throw a typed
// AppError (UNAVAILABLE / TIMEOUT, from the client's rpc wrapper) that the orchestrator turns into a
// refused payment; the synchronous reads keep the last known values until `ready()` has succeeded
// once, and `healthy()` tells the runtime whether the last poll worked.
import { Contract, getBytes } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { PROTOCOL_ABIS } from '../../chain/abi.ts';
import type { ChainClient } from '../../chain/client.ts';
import { rpc } from '../../chain/rpc-errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { ChainView, RoundView, SenderInfo } from '../payments/payment-chain-state.ts';

export interface ClientChainViewOptions {
  client: ChainClient;
  /** The ticket recipient (our orchestrator), for claimableReserve. */
  recipient: string;
  /** Face value of our winning tickets from this sender not yet redeemed (lowers the max float). */
  pendingFaceValue?: (sender: string) => bigint;
  log?: Logger;
  pollMs?: number;
  senderTtlMs?: number;
  /** Per-sender reads kept at most (least recently used go first): random senders cannot grow it. */
  maxCachedReads?: number;
  rpcTimeoutMs?: number;
}

export interface ClientChainView extends ChainView {
  /** Resolves after the first successful poll (rejects with the typed error if it fails). */
  ready(): Promise<void>;
  /** Polls now. */
  refresh(): Promise<void>;
  healthy(): boolean;
  /** Cached per-sender and active-set reads (bounded by `maxCachedReads`). */
  cachedReads(): number;
  close(): void;
}

const ZERO32 = new Uint8Array(32);

export function createClientChainView(o: ClientChainViewOptions): ClientChainView {
  const pollMs = o.pollMs ?? 2000;
  const ttl = o.senderTtlMs ?? 5000;
  const maxCached = o.maxCachedReads ?? 10_000;
  const timeoutMs = o.rpcTimeoutMs ?? 8000;
  let l1Block = 0n;
  let round: RoundView = { round: 0n, blockHash: ZERO32, previousBlockHash: ZERO32 };
  let gas = 0n;
  let ok = false;
  let first: Promise<void> | null = null;
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  let contracts: Promise<{ rounds: Contract; broker: Contract; bonding: Contract }> | null = null;

  const getContracts = () => {
    contracts ??= o.client.addresses().then((a) => ({
      rounds: new Contract(a.RoundsManager, PROTOCOL_ABIS.RoundsManager, o.client.provider),
      broker: new Contract(a.TicketBroker, PROTOCOL_ABIS.TicketBroker, o.client.provider),
      bonding: new Contract(a.BondingManager, PROTOCOL_ABIS.BondingManager, o.client.provider),
    }));
    contracts.catch(() => (contracts = null));
    return contracts;
  };
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

  async function poll(): Promise<void> {
    try {
      const c = await getContracts();
      const [blocks, last, fee] = await Promise.all([
        o.client.blockNumbers(),
        read(
          'Reading the last initialized round',
          () => c.rounds.getFunction('lastInitializedRound')() as Promise<bigint>,
        ),
        read('Reading the gas price', () => o.client.provider.getFeeData()),
      ]);
      if (last !== round.round || round.blockHash === ZERO32) {
        const [h, prev] = await Promise.all([
          read(
            'Reading the round block hash',
            () => c.rounds.getFunction('blockHashForRound')(last) as Promise<string>,
          ),
          last > 0n
            ? read(
                'Reading the round block hash',
                () => c.rounds.getFunction('blockHashForRound')(last - 1n) as Promise<string>,
              )
            : Promise.resolve('0x' + '00'.repeat(32)),
        ]);
        round = { round: last, blockHash: getBytes(h), previousBlockHash: getBytes(prev) };
      }
      l1Block = blocks.l1BlockNumber;
      gas = fee.gasPrice ?? fee.maxFeePerGas ?? 0n;
      if (!ok) o.log?.info(`Chain view ready: block ${l1Block}, round ${round.round}`);
      ok = true;
    } catch (err) {
      if (ok) o.log?.warn(`Chain view: the RPC does not answer (${(err as Error).message}); keeping the last values`);
      ok = false;
      throw err;
    }
  }

  const timer = setInterval(() => void poll().catch(() => {}), pollMs);
  timer.unref();

  const requireReady = () => {
    if (!ok && l1Block === 0n)
      throw new AppError(ErrorCode.Unavailable, 'The chain view has no data yet (RPC unreachable)');
  };

  return {
    ready() {
      first ??= poll();
      first.catch(() => (first = null));
      return first;
    },
    refresh: poll,
    healthy: () => ok,
    lastSeenL1Block() {
      requireReady();
      return l1Block;
    },
    lastInitializedRound() {
      requireReady();
      return round;
    },
    gasPrice: () => gas,
    senderInfo(sender): Promise<SenderInfo> {
      return cached(`info:${sender.toLowerCase()}`, async () => {
        const c = await getContracts();
        const [s, r] = (await read('Reading the sender deposit and reserve', () =>
          c.broker.getFunction('getSenderInfo')(sender),
        )) as [{ deposit: bigint; withdrawRound: bigint }, { fundsRemaining: bigint }];
        return { deposit: s.deposit, reserve: r.fundsRemaining, withdrawRound: s.withdrawRound };
      });
    },
    async maxFloat(sender) {
      const claimable = await cached(`float:${sender.toLowerCase()}`, async () => {
        const c = await getContracts();
        return (await read('Reading the claimable reserve', () =>
          c.broker.getFunction('claimableReserve')(sender, o.recipient),
        )) as bigint;
      });
      const pending = o.pendingFaceValue?.(sender) ?? 0n;
      return claimable > pending ? claimable - pending : 0n;
    },
    isActiveOrchestrator(address) {
      return cached(`active:${address.toLowerCase()}`, async () => {
        const c = await getContracts();
        return (await read('Reading the active set', () =>
          c.bonding.getFunction('isActiveTranscoder')(address),
        )) as boolean;
      });
    },
    cachedReads: () => cache.size,
    close: () => clearInterval(timer),
  };
}
