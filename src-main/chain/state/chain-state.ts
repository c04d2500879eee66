// The one place the main process watches the chain. Every `intervalMs` it reads the head: the
// block numbers, basefee, the protocol state (round, initialization, lock, active set, inflation),
// the last initialized round's block hashes and every watched account, all in ONE Multicall3
// request (the reader batches the reads started together). There is no separate head request:
// the batch carries the block number itself, and on Arbitrum One the L1 block rounds count in
// moves every ~12 s, so a cheaper "has anything changed" probe would answer yes at that cadence
// anyway. Consumers (the node's chain view, the reward service, the redemption queue, the round
// watcher, the balance watch, the UI) read the cached head and follow `onChange`; none polls.
import { getAddress } from 'ethers';
import { readAccount } from '../reads/account.ts';
import { readProtocol } from '../reads/protocol.ts';
import type { ChainReader } from '../reads/reader.ts';
import type { AccountState, ProtocolState } from '../types.ts';

export interface ChainHead {
  protocol: ProtocolState;
  /** The head block's basefee: the gas price ticket parameters quote (Arbitrum charges basefee). */
  basefee: bigint;
  /** Block hashes of the last initialized round and the one before (ticket parameters). */
  roundBlockHash: string;
  previousRoundBlockHash: string;
  /** Watched accounts by checksummed address. */
  accounts: ReadonlyMap<string, AccountState>;
  readAt: number;
}

export interface HeadChange {
  head: ChainHead;
  previous: ChainHead | null;
  newBlock: boolean;
  /** The round or its initialization changed. */
  newRound: boolean;
  /** Anything besides the block numbers changed (protocol figures or basefee). */
  protocolChanged: boolean;
  /** Watched accounts whose state changed (or that are new). */
  accounts: string[];
}

export interface ChainState {
  /** Starts the head timer (idempotent). */
  start(): void;
  stop(): void;
  head(): ChainHead | null;
  /** The head, read now if there is none yet. */
  current(): Promise<ChainHead>;
  /** Reads the head now (shares a read in flight). */
  refresh(): Promise<ChainHead>;
  /**
   * Something we sent changed the chain (a confirmed transaction): read again after any read in
   * flight (which may predate it), and answer `current`/`account` from that read once it lands.
   */
  refreshAfterChange(): Promise<ChainHead>;
  /** Whether the last read worked. */
  healthy(): boolean;
  /** Adds an account to every head read until the returned function is called (counted). */
  watch(address: string): () => void;
  /** An account's state: from the head when watched, else read now and watched for a while. */
  account(address: string): Promise<AccountState>;
  onChange(listener: (change: HeadChange) => void): () => void;
  /** Head reads done (tests and the bench). */
  reads(): number;
}

export interface ChainStateOptions {
  reader: ChainReader;
  /** Head read interval: a few seconds on the devnet, an L1 block (12 s) on Arbitrum One. */
  intervalMs: number;
  /** How long an account asked for (not watched) stays in the head reads. */
  askedTtlMs?: number;
  onError?: (err: unknown) => void;
}

const ZERO_HASH = `0x${'00'.repeat(32)}`;

/** bigint-safe comparison key. */
const key = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

export function createChainState(o: ChainStateOptions): ChainState {
  const r = o.reader;
  const askedTtl = o.askedTtlMs ?? 2 * 60_000;
  const watched = new Map<string, number>(); // address → watch count
  const asked = new Map<string, number>(); // address → asked until
  const listeners = new Set<(c: HeadChange) => void>();
  let head: ChainHead | null = null;
  let inFlight: Promise<ChainHead> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let ok = false;
  let reads = 0;

  const hashes = (round: bigint): Promise<[string, string]> =>
    Promise.all([
      r.view<string>('RoundsManager', 'blockHashForRound', round),
      round > 0n ? r.view<string>('RoundsManager', 'blockHashForRound', round - 1n) : Promise.resolve(ZERO_HASH),
    ]);

  async function read(): Promise<ChainHead> {
    const now = Date.now();
    for (const [a, until] of asked) if (until < now) asked.delete(a);
    const addresses = [...new Set([...watched.keys(), ...asked.keys()])];
    const knownRound = head?.protocol.lastInitializedRound ?? 0n;
    reads += 1;
    // Started together: one aggregate3 (an account with unbonding locks adds a second one).
    const [protocol, basefee, known, ...accounts] = await Promise.all([
      readProtocol(r),
      r.multicall<bigint>('getBasefee'),
      hashes(knownRound),
      ...addresses.map((a) => readAccount(r, a)),
    ]);
    // A new round: its block hashes (once per round).
    const [roundBlockHash, previousRoundBlockHash] =
      protocol.lastInitializedRound === knownRound ? known : await hashes(protocol.lastInitializedRound);
    return {
      protocol,
      basefee,
      roundBlockHash,
      previousRoundBlockHash,
      accounts: new Map(accounts.map((a) => [a.address, a])),
      readAt: now,
    };
  }

  function publish(next: ChainHead): void {
    const previous = head;
    head = next;
    const p = previous?.protocol;
    const figures = (x: ProtocolState | undefined) => x && key({ ...x, blockNumber: 0n, l1BlockNumber: 0n });
    const change: HeadChange = {
      head: next,
      previous,
      newBlock: !p || p.blockNumber !== next.protocol.blockNumber,
      newRound: !p || p.round !== next.protocol.round || p.roundInitialized !== next.protocol.roundInitialized,
      protocolChanged: figures(p) !== figures(next.protocol) || previous?.basefee !== next.basefee,
      accounts: [...next.accounts.values()]
        .filter((a) => key(a) !== key(previous?.accounts.get(a.address)))
        .map((a) => a.address),
    };
    for (const l of listeners) l(change);
  }

  /** The read started after our last change, until it lands: answers wait for it. */
  let fresh: Promise<ChainHead> | null = null;

  function refreshAfterChange(): Promise<ChainHead> {
    const before = inFlight ?? Promise.resolve();
    const next = before.catch(() => undefined).then(() => refresh());
    fresh = next;
    void next
      .catch(() => undefined)
      .finally(() => {
        if (fresh === next) fresh = null;
      });
    return next;
  }

  /** Waits for a read after our last change (if one is on its way); its failure leaves the cache. */
  const settled = (): Promise<unknown> => (fresh ? fresh.catch(() => undefined) : Promise.resolve());

  function refresh(): Promise<ChainHead> {
    inFlight ??= read()
      .then(
        (next) => {
          ok = true;
          publish(next);
          return next;
        },
        (err: unknown) => {
          ok = false;
          o.onError?.(err);
          throw err;
        },
      )
      .finally(() => (inFlight = null));
    return inFlight;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void refresh().catch(() => undefined), o.intervalMs);
      timer.unref();
      void refresh().catch(() => undefined);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    head: () => head,
    current: async () => {
      await settled();
      return head ?? refresh();
    },
    refresh,
    refreshAfterChange,
    healthy: () => ok,
    watch(input) {
      const address = getAddress(input);
      watched.set(address, (watched.get(address) ?? 0) + 1);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const n = (watched.get(address) ?? 1) - 1;
        if (n > 0) watched.set(address, n);
        else watched.delete(address);
      };
    },
    async account(input) {
      const address = getAddress(input);
      await settled();
      const cached = head?.accounts.get(address);
      if (cached && (watched.has(address) || asked.has(address))) {
        if (asked.has(address)) asked.set(address, Date.now() + askedTtl);
        return cached;
      }
      asked.set(address, Date.now() + askedTtl);
      const next = await refresh();
      const found = next.accounts.get(address);
      // A refresh already in flight did not include it: read it alone (and from now on with the head).
      return found ?? readAccount(r, address);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reads: () => reads,
  };
}
