// Indexes the watched orchestrators' protocol events into SQLite: bonds, unbonds, rebonds and
// claims of their delegators, their rewards, redeemed tickets (what they paid: WinningTicketTransfer,
// not the face value) and fee withdrawals, plus NewRound to place each event in a round.
//
// One indexer serves every watched orchestrator: each step reads the protocol's logs once for all
// of them (indexer/protocol-events.ts), in block ranges the provider accepts (indexer/log-reader.ts),
// from a checkpoint per orchestrator and network kept in the store (indexer/checkpoint.ts). On a
// fresh index it backfills from the protocol's first block (indexer/network-defaults.ts) and
// reports its progress. A step runs on a new head (`onHead`, driven by the chain-state service)
// at most once per interval, to that head's block (no read of the latest block of its own); a
// fallback timer steps only when no head has come for an interval. A reorg (the checkpoint's
// block hash changed) rewinds a bounded number of blocks and re-reads them.
import { getAddress, type Log } from 'ethers';
import { AppError, ErrorCode, type ChainIndexProgress } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import { transaction, type Database } from '../store/database.ts';
import type { ChainClient } from './client.ts';
import { dropEventsAbove, readCheckpoint, writeCheckpoint, type Checkpoint } from './indexer/checkpoint.ts';
import {
  delegatorsOf,
  earningsOf,
  eventsOf,
  type IndexedDelegator,
  type IndexedEvent,
  type RoundEarnings,
} from './indexer/index-views.ts';
import { createLogReader, type LogReader } from './indexer/log-reader.ts';
import { indexDefaults } from './indexer/network-defaults.ts';
import { protocolFilter, storeLogs } from './indexer/protocol-events.ts';
import { rpc } from './rpc-errors.ts';

export type { IndexedDelegator, IndexedEvent, RoundEarnings } from './indexer/index-views.ts';
export type IndexProgress = ChainIndexProgress;
export type IndexerState = IndexProgress['state'];

export interface IndexerOptions {
  client: ChainClient;
  db: Database;
  log?: Logger;
  /** First block to read on a fresh index (default: the protocol's first block on Arbitrum One, 0 elsewhere). */
  startBlock?: number;
  /** Blocks per eth_getLogs to start with, and the most ever asked (defaults per network). */
  initialRange?: number;
  maxRange?: number;
  /** How far back a reorg rewinds. */
  reorgDepth?: number;
  /** The fallback timer, and the least time between two steps driven by `onHead`. */
  intervalMs?: number;
  /** The pause between two queries of a backfill (default per network: 2 s on Arbitrum One, none on the devnet). */
  backfillPauseMs?: number;
  /** Each orchestrator's progress: at most once a second during a backfill, and after each step. */
  onProgress?: (progress: IndexProgress) => void;
  /** The least time between two progress reports during a backfill (default 1 s). */
  progressEveryMs?: number;
  /** Every batch of protocol logs read, before it is stored (the pool cache follows its events). */
  onLogs?: (logs: readonly Log[]) => void;
}

export interface SyncResult {
  fromBlock: number;
  toBlock: number;
  added: number;
  rewoundTo: number | null;
}

/** One orchestrator's view of the index. */
export interface ChainIndexer {
  /** Step now (after any running step) and report this orchestrator's part. */
  sync(): Promise<SyncResult>;
  start(): void;
  stop(): Promise<void>;
  state(): { state: IndexerState; message: string; lastBlock: number | null };
  progress(): IndexProgress;
  /** Resolves once the index can be read (network and contracts known) and the running step is done
   * or has run for `maxWaitMs` more; not at all for a backfill with more than one query left. */
  settled(maxWaitMs?: number): Promise<void>;
  delegators(): IndexedDelegator[];
  earningsByRound(): RoundEarnings[];
  events(limit?: number): IndexedEvent[];
}

export interface EventIndexer {
  /** Index this orchestrator too (its view; the same view for the same address). */
  watch(orchestrator: string): ChainIndexer;
  /** A head from the chain-state service: steps to it when it is past the index and the interval
   * since the last step has passed (a head within the interval waits for the next one). */
  onHead(blockNumber: number, blockHash?: string): void;
  /**
   * Our transaction confirmed in `blockNumber`: its events are read now (one eth_getLogs up to that
   * block, no block read), unless the index holds it; the next step checks for a reorg, reads the
   * same blocks again and moves the checkpoint. `background` (the node's own redemptions): only
   * while someone reads the index (a page asked within the last two minutes), and at most one such
   * peek in 10 s (the rest wait for the next step or peek). Without a block: a step.
   */
  poke(blockNumber?: number, options?: { background?: boolean }): void;
  start(): void;
  stop(): Promise<void>;
}

interface Tip {
  number: number;
  hash: string | null;
}
interface StepPart {
  fromBlock: number;
  added: number;
  rewoundTo: number | null;
}

/** How long after a page's read the node's own transactions are still read at once, and at most how
 * often (a busy devnet node redeems several batches a minute). */
const READ_RECENTLY_MS = 2 * 60_000;
const BACKGROUND_PEEK_GAP_MS = 10_000;

export function createEventIndexer(options: IndexerOptions): EventIndexer {
  const { client, db } = options;
  const reorgDepth = options.reorgDepth ?? 64;
  const watched = new Map<string, ChainIndexer>();
  let config: {
    base: string;
    startBlock: number;
    intervalMs: number;
    backfillPauseMs: number;
    reader: LogReader;
  } | null = null;
  let status: { state: IndexerState; message: string } = { state: 'stopped', message: 'Not running' };
  let running: Promise<Map<string, StepPart> & { toBlock: number }> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lastStepAt = 0;
  let lastTip = -1;
  /** The last head `onHead` gave, and when (the fallback timer keeps quiet while heads come). */
  let lastHead: Tip | null = null;
  let lastHeadAt = 0;
  /** A step asked for behind the running one (a poke): `settled` waits for it too. */
  let queued: Promise<unknown> | null = null;
  /** When a page last read the index (`settled`), and the highest block a peek read (-1 once a step passed it). */
  let lastReadAt = 0;
  let peekedThrough = -1;
  let lastBackgroundPeekAt = 0;
  let stopping = false;
  let lastReport = 0;

  const interval = (): number => config?.intervalMs ?? options.intervalMs ?? 15_000;
  const call = <T>(what: string, work: () => Promise<T>): Promise<T> => rpc(what, work, 15_000);

  async function setup(): Promise<NonNullable<typeof config>> {
    if (config) return config;
    const chainId = await client.chainId();
    const defaults = indexDefaults(chainId);
    const base = `${chainId}:${(await client.addresses()).Controller}`.toLowerCase();
    config = {
      base,
      startBlock: options.startBlock ?? defaults.startBlock,
      intervalMs: options.intervalMs ?? defaults.intervalMs,
      backfillPauseMs: options.backfillPauseMs ?? defaults.backfillPauseMs,
      reader: createLogReader({
        provider: client.provider,
        initialRange: options.initialRange ?? defaults.initialRange,
        maxRange: options.maxRange ?? Math.max(options.initialRange ?? 1, defaults.maxRange),
        ...(options.log ? { log: options.log } : {}),
      }),
    };
    return config;
  }

  const scopeOf = (base: string, orchestrator: string): string => `${base}:${orchestrator}`.toLowerCase();

  async function blockHash(n: number): Promise<string | null> {
    const block = await call(`Reading block ${n}`, () => client.provider.getBlock(n));
    return block?.hash ?? null;
  }

  function progressOf(orchestrator: string): IndexProgress {
    const cp = config ? readCheckpoint(db, scopeOf(config.base, orchestrator), config.startBlock) : null;
    const head = cp?.head ? cp.head : null;
    const indexed = cp && cp.last >= cp.startBlock ? cp.last : null;
    const span = head === null || !cp ? 0 : head - cp.startBlock + 1;
    const done = cp ? cp.last - cp.startBlock + 1 : 0;
    return {
      orchestrator,
      ...status,
      startBlock: cp?.startBlock ?? options.startBlock ?? 0,
      indexedBlock: indexed,
      headBlock: head,
      percent: span > 0 ? Math.max(0, Math.min(100, Math.floor((done / span) * 1000) / 10)) : 0,
      complete: head !== null && cp !== null && cp.last >= head,
    };
  }

  function report(force: boolean): void {
    if (!options.onProgress || (!force && Date.now() - lastReport < (options.progressEveryMs ?? 1000))) return;
    lastReport = Date.now();
    for (const o of watched.keys()) options.onProgress(progressOf(o));
  }

  /** Rewinds the orchestrators whose checkpoint block is no longer the chain's. */
  async function checkReorgs(
    tip: Tip,
    entries: { o: string; scope: string; cp: Checkpoint }[],
    parts: Map<string, StepPart>,
  ): Promise<void> {
    const groups = new Map<string, typeof entries>();
    for (const e of entries) {
      if (e.cp.hash === '') continue; // deep below the head when read: final
      const key = `${e.cp.last}:${e.cp.hash}`;
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const group of groups.values()) {
      const cp = group[0]?.cp;
      if (!cp) continue;
      const onChain =
        cp.last > tip.number ? null : cp.last === tip.number && tip.hash ? tip.hash : await blockHash(cp.last);
      if (onChain === cp.hash) continue;
      const target = Math.max(cp.startBlock - 1, Math.min(tip.number, cp.last) - reorgDepth);
      const targetHash = target < cp.startBlock ? '' : ((await blockHash(target)) ?? '');
      transaction(db, () => {
        for (const e of group) {
          dropEventsAbove(db, e.scope, target);
          writeCheckpoint(db, e.scope, { ...e.cp, last: target, hash: targetHash });
          parts.set(e.o, { added: 0, ...parts.get(e.o), fromBlock: target + 1, rewoundTo: target });
        }
      });
      options.log?.warn(`Chain reorganized below block ${cp.last}: re-indexing from ${target + 1}`);
    }
  }

  type StepParts = Map<string, StepPart> & { toBlock: number };

  /** A peek: the logs up to our transaction's block, stored without moving the checkpoints. */
  async function peekOnce(block: number): Promise<StepParts> {
    const cfg = await setup();
    const entries = [...watched.keys()].map((o) => {
      const scope = scopeOf(cfg.base, o);
      return { o, scope, cp: readCheckpoint(db, scope, cfg.startBlock) };
    });
    const low = Math.min(...entries.map((e) => e.cp.last));
    const parts: StepParts = Object.assign(new Map<string, StepPart>(), { toBlock: block });
    if (entries.length === 0 || low >= block) return parts;
    // A backfill under way (checkpoints apart or far behind): a step, which reads in order
    if (entries.some((e) => e.cp.last !== low) || block - low > cfg.reader.width()) return stepOnce(block);
    const { logs, to } = await cfg.reader.read(protocolFilter(await client.addresses()), low + 1, block);
    if (logs.length > 0) options.onLogs?.(logs);
    transaction(db, () => {
      for (const e of entries)
        parts.set(e.o, { fromBlock: low + 1, added: storeLogs(db, e.scope, getAddress(e.o), logs), rewoundTo: null });
    });
    parts.toBlock = to;
    peekedThrough = Math.max(peekedThrough, to);
    return parts;
  }

  async function stepOnce(givenTip?: Tip | number): Promise<StepParts> {
    const cfg = await setup();
    const given = typeof givenTip === 'number' ? { number: givenTip, hash: null } : givenTip;
    const tip: Tip =
      given ??
      (await call('Reading the latest block', async () => {
        const b = await client.provider.getBlock('latest');
        if (!b) throw new AppError(ErrorCode.Unavailable, 'The chain RPC returned no latest block');
        return { number: b.number, hash: b.hash };
      }));
    lastTip = Math.max(lastTip, tip.number);
    const read = () =>
      [...watched.keys()].map((o) => {
        const scope = scopeOf(cfg.base, o);
        return { o, scope, cp: readCheckpoint(db, scope, cfg.startBlock) };
      });
    const parts = Object.assign(new Map<string, StepPart>(), { toBlock: tip.number });
    for (const e of read()) parts.set(e.o, { fromBlock: e.cp.last + 1, added: 0, rewoundTo: null });
    await checkReorgs(tip, read(), parts);
    const filter = protocolFilter(await client.addresses());
    // The lowest checkpoints first: orchestrators at the same block share each query
    while (!stopping) {
      const pending = read().filter((e) => e.cp.last < tip.number);
      if (pending.length === 0) break;
      const low = Math.min(...pending.map((e) => e.cp.last));
      const group = pending.filter((e) => e.cp.last === low);
      const { logs, to } = await cfg.reader.read(filter, low + 1, tip.number);
      if (logs.length > 0) options.onLogs?.(logs);
      // The last block's hash: the head's, or a log's in that block (free), or read; deep history is final
      const hash =
        to === tip.number && tip.hash
          ? tip.hash
          : tip.number - to > reorgDepth
            ? ''
            : (logs.findLast((l) => l.blockNumber === to)?.blockHash ?? (await blockHash(to)) ?? '');
      transaction(db, () => {
        for (const e of group) {
          const part = parts.get(e.o) ?? { fromBlock: low + 1, added: 0, rewoundTo: null };
          dropEventsAbove(db, e.scope, low, to); // what a peek stored there, read again now
          part.added += storeLogs(db, e.scope, getAddress(e.o), logs);
          parts.set(e.o, part);
          writeCheckpoint(db, e.scope, { ...e.cp, last: to, hash, head: tip.number });
        }
      });
      status = { state: 'syncing', message: `Indexing history: block ${to} of ${tip.number}` };
      report(false);
      // More history to read: leave room in the request budget for everything else
      if (to < tip.number && cfg.backfillPauseMs > 0 && !stopping) await pause(cfg.backfillPauseMs);
    }
    return parts;
  }

  function step(tip?: Tip, peek?: number): Promise<StepParts> {
    running ??= (async () => {
      if (peek === undefined) lastStepAt = Date.now();
      try {
        status = { state: 'syncing', message: 'Reading new blocks' };
        const result = peek === undefined ? await stepOnce(tip) : await peekOnce(peek);
        if (peek === undefined && result.toBlock >= peekedThrough) peekedThrough = -1;
        status = { state: 'idle', message: `Indexed through block ${result.toBlock}` };
        return result;
      } catch (err) {
        const transient =
          err instanceof AppError && (err.code === ErrorCode.Unavailable || err.code === ErrorCode.Timeout);
        status = {
          state: transient ? 'paused' : 'idle',
          message: transient ? 'Chain RPC unavailable; will catch up' : `Indexing failed: ${String(err)}`,
        };
        throw err;
      } finally {
        running = null;
        if (stopping) status = { state: 'stopped', message: 'Not running' };
        report(true);
      }
    })();
    return running;
  }

  const background = (tip?: Tip): void => void step(tip).catch(() => undefined);

  /** The lowest checkpoint of the watched orchestrators (-1 before the network is known). */
  function indexedThrough(): number {
    const cfg = config;
    if (!cfg) return -1;
    return Math.min(...[...watched.keys()].map((o) => readCheckpoint(db, scopeOf(cfg.base, o), cfg.startBlock).last));
  }

  /** A peek at `block` after the running step, unless by then the index holds it (no block: a step). */
  function stepAfter(block: number | undefined): void {
    const next = (running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        if (block === undefined) return step(lastHead ?? undefined);
        if (Math.max(indexedThrough(), peekedThrough) < block) return step(undefined, block);
      })
      .catch(() => undefined);
    queued = next;
    void next.finally(() => {
      if (queued === next) queued = null;
    });
  }

  /** A backfill's pause, cut short by `stop`. */
  let wake: (() => void) | null = null;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        wake = null;
        resolve();
      };
    });

  function view(orchestrator: string): ChainIndexer {
    const scope = (): string | null => (config ? scopeOf(config.base, orchestrator) : null);
    return {
      async sync() {
        await running?.catch(() => undefined);
        const result = await step();
        const part = result.get(orchestrator) ?? { fromBlock: result.toBlock + 1, added: 0, rewoundTo: null };
        return { ...part, toBlock: result.toBlock };
      },
      start: () => hub.start(),
      stop: () => hub.stop(),
      state: () => {
        const p = progressOf(orchestrator);
        return { state: p.state, message: p.message, lastBlock: p.indexedBlock };
      },
      progress: () => progressOf(orchestrator),
      async settled(maxWaitMs = 3000) {
        lastReadAt = Date.now();
        const cfg = await setup();
        // A step after a transaction takes a moment; a backfill takes long: serve what is there
        const p = progressOf(orchestrator);
        const left = p.headBlock === null ? 0 : p.headBlock - (p.indexedBlock ?? p.startBlock - 1);
        if (!p.complete && left > cfg.reader.width()) return;
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
        await Promise.race([Promise.all([running?.catch(() => undefined), queued]), waited]);
        clearTimeout(timer);
      },
      delegators: () => {
        const s = scope();
        return s ? delegatorsOf(db, s, orchestrator) : [];
      },
      earningsByRound: () => {
        const s = scope();
        return s ? earningsOf(db, s, orchestrator) : [];
      },
      events: (limit = 200) => {
        const s = scope();
        return s ? eventsOf(db, s, limit) : [];
      },
    };
  }

  const hub: EventIndexer = {
    watch(input) {
      const orchestrator = getAddress(input);
      let v = watched.get(orchestrator);
      if (!v) {
        v = view(orchestrator);
        watched.set(orchestrator, v);
        if (timer) background(lastHead ?? undefined); // start its backfill now rather than at the next head
      }
      return v;
    },
    onHead(blockNumber, blockHash) {
      lastHeadAt = Date.now();
      lastHead = { number: blockNumber, hash: blockHash ?? null };
      if (running || blockNumber <= lastTip || Date.now() - lastStepAt < interval()) return;
      background(lastHead);
    },
    poke(blockNumber, o) {
      if (o?.background) {
        // Nobody looks, or a peek for another of them just now: the next step (or peek) reads it
        if (Date.now() - lastReadAt > READ_RECENTLY_MS || Date.now() - lastBackgroundPeekAt < BACKGROUND_PEEK_GAP_MS)
          return;
        lastBackgroundPeekAt = Date.now();
      }
      stepAfter(blockNumber);
    },
    start() {
      if (timer) return;
      stopping = false;
      background(lastHead ?? undefined);
      // The fallback: steps only when no head arrived for an interval (onHead drives otherwise)
      timer = setInterval(() => {
        const quiet = Date.now() - Math.max(lastStepAt, lastHeadAt) >= interval();
        if (!running && quiet) background();
      }, 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      stopping = true;
      wake?.();
      await running?.catch(() => undefined);
      status = { state: 'stopped', message: 'Not running' };
    },
  };
  return hub;
}

/** An indexer for one orchestrator (tests, the CLI): its own event indexer watching only it. */
export function createChainIndexer(options: IndexerOptions & { orchestrator: string }): ChainIndexer {
  return createEventIndexer(options).watch(options.orchestrator);
}
