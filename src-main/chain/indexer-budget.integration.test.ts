// The event indexer's RPC budget on a real devnet, through the counting proxy: a provider that
// refuses wide eth_getLogs ranges (the backfill still completes, in a stated number of calls), a
// restart that resumes from the checkpoint (one query from the next block, nothing from block 0
// again), one query per step for several orchestrators, a reorg (the stored events are the new
// chain's), the backfill's progress reports and its pacing, and what a step on the chain-state
// head, a poke after our own transaction and a page's read cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../store/database.ts';
import { createChainClient, type ChainClient } from './client.ts';
import {
  createChainIndexer,
  createEventIndexer,
  type ChainIndexer,
  type IndexerOptions,
  type IndexProgress,
} from './indexer.ts';
import { CHAIN_MIGRATIONS } from './migrations.ts';
import { startRpcProxy, type RpcProxy } from './testing/rpc-proxy.ts';
import { devnetClient, revert, snapshot, startTestDevnet, type TestDevnet } from './test-support.ts';

type Refusal = { code: number; message: string };

describe('event indexer within a provider’s limits', () => {
  let t: TestDevnet;
  let proxy: RpcProxy;
  let tx: ChainClient; // sends the transactions, straight to the devnet (not counted)
  let viaProxy: ChainClient; // what the indexers read through
  const dirs: string[] = [];
  const dbs: Database[] = [];
  /** eth_getLogs ranges asked for (refused ones included), since the last clear. */
  let ranges: { from: number; to: number }[] = [];
  /** Every (unbatched) request's method and block parameter, since the last clear. */
  let calls: { method: string; block: unknown }[] = [];
  /** Refuse eth_getLogs wider than `cap` blocks with this answer. */
  let limit: { cap: number; refusal: (cap: number) => Refusal } | null = null;
  let O: string, O2: string, D: string, D2: string;

  const store = (): { db: Database; dir: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'lpm-index-budget-'));
    dirs.push(dir);
    const db = openDatabase(dir, CHAIN_MIGRATIONS);
    dbs.push(db);
    return { db, dir };
  };
  const run = async (from: string, action: Parameters<ChainClient['prepare']>[1]): Promise<void> => {
    await tx.confirm((await tx.prepare(from, action)).id);
  };
  const getLogsCalls = (): number => proxy.counts()['eth_getLogs'] ?? 0;
  const head = (): Promise<number> => t.devnet.provider.getBlockNumber();
  const comparable = (ix: ChainIndexer) =>
    ix.events(10_000).map((e) => `${e.blockNumber}:${e.txHash}:${e.name}:${e.amount ?? ''}`);
  /** O's indexer through the proxy, `range` blocks a query. */
  const indexerOfO = (range: number, more: Partial<IndexerOptions> = {}): ChainIndexer =>
    createChainIndexer({
      client: viaProxy,
      db: store().db,
      orchestrator: O,
      initialRange: range,
      maxRange: range,
      ...more,
    });
  /** The events a fresh, unlimited index of the chain as it is now holds. */
  const reference = async (orchestrator: string): Promise<string[]> => {
    const ix = createChainIndexer({ client: tx, db: store().db, orchestrator });
    await ix.sync();
    return comparable(ix);
  };

  beforeAll(async () => {
    t = await startTestDevnet();
    proxy = await startRpcProxy({
      upstream: t.devnet.rpcUrl,
      intercept: ({ method, params }) => {
        calls.push({ method, block: Array.isArray(params) ? params[0] : undefined });
        if (method !== 'eth_getLogs') return undefined;
        const [f] = params as [{ fromBlock: string; toBlock: string }];
        const range = { from: Number(f.fromBlock), to: Number(f.toBlock) };
        ranges.push(range);
        return limit && range.to - range.from + 1 > limit.cap ? limit.refusal(limit.cap) : undefined;
      },
    });
    tx = devnetClient(t.devnet);
    viaProxy = createChainClient({ rpcUrl: proxy.url, controller: t.devnet.controller, chainId: t.devnet.chainId });
    [O, O2, D, D2] = t.devnet.accounts.slice(1, 5).map((a) => a.address) as [string, string, string, string];
    for (const [who, lpt] of [
      [O, '1000'],
      [O2, '800'],
      [D, '500'],
      [D2, '300'],
    ] as const)
      await t.devnet.fund(who, { lpt: parseEther(lpt) });
    for (const [who, to, lpt] of [
      [O, O, '1000'],
      [O2, O2, '800'],
      [D, O, '500'],
    ] as const) {
      await run(who, { kind: 'approve', amount: parseEther(lpt) });
      await run(who, { kind: 'bond', amount: parseEther(lpt), to });
    }
    await run(O, { kind: 'transcoder', rewardCut: 100_000n, feeShare: 500_000n });
    await run(O2, { kind: 'transcoder', rewardCut: 50_000n, feeShare: 500_000n });
    await t.devnet.advanceRound();
    await run(D2, { kind: 'approve', amount: parseEther('300') });
    // a history longer than the widest range the tests ask for (rounds are 50 blocks)
    for (let i = 0; i < 4; i++) await t.devnet.advanceRound();
  });
  afterAll(async () => {
    for (const db of dbs) db.close();
    tx?.close();
    viaProxy?.close();
    await proxy?.close();
    await t?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('completes a backfill through a provider that caps the range, halving or taking its suggestion', async () => {
    const expected = await reference(O);
    const last = await head();
    const blocks = last + 1; // the devnet's history starts at block 0

    // Ankr-style: "block range is too wide", no width named: 128 → 64 → 32 → 16 (3 refusals), then
    // a few probes back up (24, 20, 18, 17: refused) find that 16 is the cap
    limit = { cap: 16, refusal: () => ({ code: -32600, message: 'block range is too wide' }) };
    proxy.reset();
    ranges = [];
    const halving = createChainIndexer({ client: viaProxy, db: store().db, orchestrator: O, initialRange: 128 });
    const result = await halving.sync();
    expect(result.toBlock).toBe(last);
    expect(comparable(halving)).toEqual(expected);
    const widths = ranges.map((r) => r.to - r.from + 1);
    expect(widths.slice(0, 4)).toEqual([128, 64, 32, 16]);
    expect(widths.filter((w) => w > 16)).toEqual([128, 64, 32, 24, 20, 18, 17]);
    expect(getLogsCalls()).toBe(7 + Math.ceil(blocks / 16));

    // A provider that names its cap: one refusal, then ranges of exactly that width
    limit = { cap: 10, refusal: (cap) => ({ code: -32602, message: `query exceeds max block range ${cap}` }) };
    proxy.reset();
    const told = createChainIndexer({ client: viaProxy, db: store().db, orchestrator: O, initialRange: 10_000 });
    await told.sync();
    expect(comparable(told)).toEqual(expected);
    expect(getLogsCalls()).toBe(1 + Math.ceil(blocks / 10));
    limit = null;
  });

  it('resumes from its checkpoint after a restart: one eth_getLogs from the next block', async () => {
    limit = { cap: 16, refusal: () => ({ code: -32600, message: 'block range is too wide' }) };
    const { dir, db } = store();
    await createChainIndexer({ client: viaProxy, db, orchestrator: O, initialRange: 16 }).sync();
    const checkpoint = await head();
    await run(D, { kind: 'unbond', amount: parseEther('100') });
    db.close();
    dbs.splice(dbs.indexOf(db), 1);
    const reopened = openDatabase(dir, CHAIN_MIGRATIONS); // as after an app restart
    dbs.push(reopened);
    proxy.reset();
    ranges = [];
    const restarted = createChainIndexer({ client: viaProxy, db: reopened, orchestrator: O, initialRange: 16 });
    const result = await restarted.sync();
    expect(getLogsCalls()).toBe(1);
    expect(ranges).toEqual([{ from: checkpoint + 1, to: await head() }]);
    expect(result.added).toBe(2); // EarningsClaimed + Unbond
    expect(restarted.events(2).map((e) => e.name)).toEqual(['Unbond', 'EarningsClaimed']);
    // The whole resume: the head, the checkpoint's hash (reorg check), one query
    expect(proxy.total()).toBeLessThanOrEqual(4);
    expect(restarted.progress()).toMatchObject({ complete: true, percent: 100, indexedBlock: await head() });
    limit = null;
  });

  it('reads the events of every watched orchestrator in one eth_getLogs per step', async () => {
    limit = null;
    const hub = createEventIndexer({ client: viaProxy, db: store().db });
    const [a, b] = [hub.watch(O), hub.watch(O2)];
    proxy.reset();
    await a.sync();
    expect(getLogsCalls()).toBe(1);
    await run(D2, { kind: 'bond', amount: parseEther('100'), to: O2 });
    proxy.reset();
    const step = await b.sync();
    expect(getLogsCalls()).toBe(1);
    expect(step.added).toBe(1); // D2's Bond, for O2 only
    expect(comparable(a)).toEqual(await reference(O));
    expect(comparable(b)).toEqual(await reference(O2));
    expect(b.delegators().map((d) => d.address)).toContain(D2);
    await hub.stop();
  });

  it('after a reorg, drops what the old chain had and holds what the new chain has', async () => {
    limit = null;
    const ix = createChainIndexer({ client: viaProxy, db: store().db, orchestrator: O2, reorgDepth: 16 });
    await ix.sync();
    const snap = await snapshot(t.devnet.provider);
    await run(D2, { kind: 'bond', amount: parseEther('50'), to: O2 }); // only on the old chain
    await ix.sync();
    const oldChain = comparable(ix);
    await revert(t.devnet.provider, snap);
    await run(D2, { kind: 'bond', amount: parseEther('20'), to: O2 }); // only on the new chain
    await t.devnet.advanceBlocks(3); // and longer than the old one
    proxy.reset();
    ranges = [];
    const result = await ix.sync();
    expect(result.rewoundTo).not.toBeNull();
    // re-read from the rewound checkpoint only (16 blocks back), in one query
    expect(result.fromBlock).toBe(result.rewoundTo! + 1);
    expect(ranges).toEqual([{ from: result.rewoundTo! + 1, to: await head() }]);
    const newChain = comparable(ix);
    expect(newChain).toEqual(await reference(O2));
    expect(newChain).not.toEqual(oldChain);
    expect(ix.events(1)[0]).toMatchObject({ name: 'Bond', amount: parseEther('20') });
  });

  it('serves what is indexed during a backfill instead of waiting for it', async () => {
    limit = null;
    const ix = createChainIndexer({ client: viaProxy, db: store().db, orchestrator: O, initialRange: 4, maxRange: 4 });
    ix.start();
    while (ix.progress().indexedBlock === null) await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    await ix.settled();
    expect(performance.now() - t0).toBeLessThan(500);
    expect(ix.progress()).toMatchObject({ complete: false, state: 'syncing' });
    expect(ix.delegators().length).toBeLessThanOrEqual(2); // partial so far, never an error
    await ix.stop();
  });

  it('loses nothing when the provider rate-limits in the middle of a backfill', async () => {
    limit = null;
    const ix = createChainIndexer({ client: viaProxy, db: store().db, orchestrator: O, initialRange: 8, maxRange: 8 });
    const first = ix.sync().catch((err: unknown) => err);
    while (ix.progress().indexedBlock === null) await new Promise((r) => setTimeout(r, 10));
    proxy.reset();
    proxy.rateLimit(1500, 'json-rpc');
    await first; // fails, or (if ethers' own retries outlast the limit) completes
    expect(proxy.refused()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1600));
    await ix.sync();
    expect(ix.progress()).toMatchObject({ complete: true, indexedBlock: await head() });
    expect(comparable(ix)).toEqual(await reference(O));
  });

  it('reports the backfill’s progress until the history is complete', async () => {
    limit = null;
    const reports: IndexProgress[] = [];
    const ix = indexerOfO(32, { progressEveryMs: 0, onProgress: (p) => reports.push(p) });
    await ix.sync();
    const last = await head();
    expect(reports.length).toBeGreaterThanOrEqual(Math.ceil((last + 1) / 32));
    expect(reports[0]).toMatchObject({ orchestrator: O, complete: false, headBlock: last, startBlock: 0 });
    expect(reports[0]!.percent).toBeLessThan(100);
    const blocks = reports.map((r) => r.indexedBlock ?? -1);
    expect(blocks).toEqual([...blocks].sort((x, y) => x - y));
    expect(reports.at(-1)).toMatchObject({ complete: true, percent: 100, indexedBlock: last, state: 'idle' });
  });

  it('paces a backfill: at least the stated pause between two of its queries, none once caught up', async () => {
    limit = null;
    const pause = 150;
    const times: number[] = [];
    const ix = indexerOfO(64, { backfillPauseMs: pause, onLogs: () => times.push(performance.now()) });
    ranges = [];
    await ix.sync();
    const queries = Math.ceil(((await head()) + 1) / 64);
    expect(ranges).toHaveLength(queries);
    // Every query of this backfill finds the orchestrators' set-up events or NewRound: each reports logs
    const gaps = times.slice(1).map((x, i) => x - times[i]!);
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(pause - 5);
    // Caught up: the next step's one query is not held back
    await t.devnet.advanceBlocks(2);
    const t0 = performance.now();
    await ix.sync();
    expect(performance.now() - t0).toBeLessThan(pause);
  });

  it('steps on a head without reading the latest block; a poke is one eth_getLogs; a page’s read costs nothing', async () => {
    limit = null;
    const hub = createEventIndexer({ client: viaProxy, db: store().db, intervalMs: 0 });
    const ix = hub.watch(O);
    await ix.sync();
    const blockReads = () => calls.filter((c) => c.method === 'eth_getBlockByNumber').map((c) => c.block);
    const counted = async (work: () => Promise<unknown>) => {
      proxy.reset();
      calls = [];
      await work();
      return { getLogs: getLogsCalls(), blocks: blockReads(), total: proxy.total() };
    };

    // A head from the chain-state service (its number, no hash): one query and the reorg check's
    // read of the checkpoint block; the head block's hash comes with the Bond's log
    await run(D2, { kind: 'bond', amount: parseEther('10'), to: O });
    const headStep = await counted(async () => {
      hub.onHead(await head());
      await ix.settled();
    });
    expect(headStep.getLogs).toBe(1);
    expect(headStep.blocks).toHaveLength(1);
    expect(headStep.blocks).not.toContain('latest');
    expect(ix.progress()).toMatchObject({ complete: true, indexedBlock: await head() });

    // The same head again, and a page's read after the step: no request
    const idle = await counted(async () => {
      hub.onHead(await head());
      await ix.settled();
      return [ix.delegators(), ix.earningsByRound(), ix.progress()];
    });
    expect(idle.total).toBe(0);

    // Our confirmed transaction's block: one eth_getLogs, no block read; its event is in at once
    await run(D2, { kind: 'bond', amount: parseEther('10'), to: O });
    const txBlock = await head();
    const poked = await counted(async () => {
      hub.poke(txBlock);
      await ix.settled();
    });
    expect(poked).toMatchObject({ getLogs: 1, blocks: [], total: 1 });
    expect(ix.events(1)[0]).toMatchObject({ name: 'Bond', blockNumber: txBlock });
    expect(comparable(ix)).toEqual(await reference(O));
    // Poked again for a block it read: nothing
    expect((await counted(async () => (hub.poke(txBlock), ix.settled()))).total).toBe(0);
    // The node's own transactions while a page reads: one peek, then none for 10 s
    await run(D2, { kind: 'bond', amount: parseEther('1'), to: O });
    const own = await counted(async () => {
      hub.poke(await head(), { background: true });
      await ix.settled();
      await run(D2, { kind: 'bond', amount: parseEther('1'), to: O });
      hub.poke(await head(), { background: true });
      await ix.settled();
    });
    expect(own.getLogs).toBe(1);
    // The next head's step checks for a reorg and moves the checkpoint; the peeked events stay, once
    const next = await counted(async () => {
      hub.onHead(await head());
      await ix.settled();
    });
    expect(next.getLogs).toBe(1);
    expect(next.blocks).toHaveLength(1);
    expect(ix.progress()).toMatchObject({ complete: true, indexedBlock: await head() });
    expect(comparable(ix)).toEqual(await reference(O));

    // A peeked block that a reorg then drops: the next step replaces its events with the new chain's
    const snap = await snapshot(t.devnet.provider);
    await run(D2, { kind: 'bond', amount: parseEther('7'), to: O }); // only on the old chain
    hub.poke(await head());
    await ix.settled();
    expect(ix.events(1)[0]).toMatchObject({ name: 'Bond', amount: parseEther('7') });
    await revert(t.devnet.provider, snap);
    await run(D2, { kind: 'bond', amount: parseEther('3'), to: O }); // only on the new chain
    await t.devnet.advanceBlocks(2);
    hub.onHead(await head());
    await ix.settled();
    expect(comparable(ix)).toEqual(await reference(O));
    expect(ix.events(1)[0]).toMatchObject({ name: 'Bond', amount: parseEther('3') });
    await hub.stop();
  });
});
