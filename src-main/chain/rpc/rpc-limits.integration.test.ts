// The RPC transport against a real devnet behind the counting proxy: a provider that answers 429
// for 30 s while the node has work (a staking action and a reward call in flight, reads waiting):
// nothing is lost, nothing fails before the retry limit, the state says rate-limited with a retry
// time, and calls resume after. And failover: a dead or rate-limited primary, the backup serves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainRpcState } from '../../../src-shared/contract/index.ts';
import { openDatabase, type Database } from '../../store/database.ts';
import { createChainClient, type ChainClient, type ChainClientOptions } from '../client.ts';
import { CHAIN_MIGRATIONS } from '../migrations.ts';
import { createRewardService, type RewardServiceStatus } from '../reward-service.ts';
import { devAccountSigner, startTestDevnet, type TestDevnet } from '../test-support.ts';
import { startRpcProxy, type RpcProxy } from '../testing/rpc-proxy.ts';
import { createRpcMeter } from './meter.ts';

const WINDOW_MS = 30_000; // what issue 16 asks: a provider that answers 429 for 30 s

let t: TestDevnet;
let dir: string;
let db: Database;
const clients: ChainClient[] = [];
const proxies: RpcProxy[] = [];

beforeAll(async () => {
  t = await startTestDevnet();
  dir = mkdtempSync(join(tmpdir(), 'lpm-rpc-limits-'));
  db = openDatabase(join(dir, 'store'), CHAIN_MIGRATIONS);
}, 90_000);
afterAll(async () => {
  for (const c of clients) c.close();
  for (const p of proxies) await p.close();
  db?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function proxy(): Promise<RpcProxy> {
  const p = await startRpcProxy({ upstream: t.devnet.rpcUrl });
  proxies.push(p);
  return p;
}

function client(rpcUrl: string, extra: Partial<ChainClientOptions> = {}): ChainClient & { states: ChainRpcState[] } {
  const keys = new Map(t.devnet.accounts.map((a) => [a.address, a.privateKey]));
  const c = createChainClient({
    rpcUrl,
    controller: t.devnet.controller,
    chainId: t.devnet.chainId,
    rpcTimeoutMs: 5000,
    // A free plan's shape, sped up: the devnet would otherwise be unlimited.
    rpcBudget: { ratePerSec: 20, burst: 40 },
    getSigner: async (address) => devAccountSigner(keys.get(address)!),
    ...extra,
  });
  clients.push(c);
  const states: ChainRpcState[] = [];
  c.onRpcState((s) => states.push(s));
  return Object.assign(c, { states });
}

describe('a provider that answers 429 for 30 s', () => {
  it('holds the node’s work through the window and completes it after: nothing lost, no failure', async () => {
    const p = await proxy();
    const meter = createRpcMeter();
    const c = client(p.url, { transport: { meter } });
    const O = t.devnet.accounts[6]!.address;
    const D = t.devnet.accounts[7]!.address;
    await t.devnet.fund(O, { lpt: parseEther('1000') });
    await t.devnet.fund(D, { lpt: parseEther('10') });
    for (const action of [
      { kind: 'approve', amount: parseEther('1000') },
      { kind: 'bond', amount: parseEther('1000'), to: O },
      { kind: 'transcoder', rewardCut: 100_000n, feeShare: 500_000n },
    ] as const) {
      await c.confirm((await c.prepare(O, action)).id);
    }
    await t.devnet.advanceRound();
    const round = (await c.protocol()).round;
    const reward = createRewardService({ client: c, db, orchestrator: O, intervalMs: 60_000 });
    const rewardStates: RewardServiceStatus['state'][] = [];
    reward.onChange((s) => rewardStates.push(s.state));
    const nonceO = await t.devnet.provider.getTransactionCount(O);
    const nonceD = await t.devnet.provider.getTransactionCount(D);

    p.rateLimit(WINDOW_MS, 'http-429');
    const started = Date.now();
    const failures: unknown[] = [];
    const track = <T>(work: Promise<T>): Promise<T | null> =>
      work.catch((err: unknown) => {
        failures.push(err);
        return null;
      });
    // The node's work while the provider refuses: a staking action, a reward call, reads.
    const action = track(
      (async () => {
        const preview = await c.prepare(D, { kind: 'approve', amount: parseEther('5') });
        return c.confirm(preview.id);
      })(),
    );
    const rewardTick = track(reward.tick());
    const reads = track(Promise.all([c.protocol(), c.account(O), c.transcoderPool()]));

    await new Promise((r) => setTimeout(r, 1500));
    const during = c.rpcState();
    expect(during.state).toBe('rate-limited');
    expect(during.retryAt).toBeGreaterThan(Date.now() - 1000);
    expect(during.reason).toMatch(/limit exceeded/);

    await Promise.all([action, rewardTick, reads]);
    const elapsed = Date.now() - started;
    expect(failures).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(WINDOW_MS - 500);
    // Nothing lost: the approve and the reward are on chain, each once.
    expect(await t.devnet.provider.getTransactionCount(D)).toBe(nonceD + 1);
    expect(await t.devnet.provider.getTransactionCount(O)).toBe(nonceO + 1);
    expect(reward.status().lastRewardRound).toBe(round);
    expect(rewardStates).not.toContain('failed');
    expect((await reads)?.[2].length).toBeGreaterThan(0);
    // Backoff, not a storm: a few refused exchanges over 30 s (one probe at a time), not one per call.
    expect(p.refused()).toBeGreaterThan(0);
    expect(meter.snapshot().rateLimited.primary).toBeGreaterThan(0);
    expect(meter.snapshot().rateLimited.primary).toBeLessThan(25);
    // The state said so, with a retry time, and says ok again; calls resume.
    expect(c.states.some((s) => s.state === 'rate-limited' && s.retryAt !== null)).toBe(true);
    expect(c.rpcState().state).toBe('ok');
    process.stdout.write(
      `429 window ${WINDOW_MS / 1000} s: work done after ${(elapsed / 1000).toFixed(1)} s, ` +
        `${meter.snapshot().rateLimited.primary} refused exchanges (${p.refused()} calls), 0 failures\n`,
    );
    p.reset();
    await c.blockNumbers();
    expect(p.total()).toBeGreaterThan(0);
    await reward.stop();
  }, 180_000);

  it('gives up with UNAVAILABLE after the retry limit (not TIMEOUT, not before)', async () => {
    const p = await proxy();
    const c = client(p.url, { transport: { maxRetries: 2, backoff: { baseMs: 200, capMs: 400 } } });
    p.rateLimit(20_000, 'json-rpc');
    const started = Date.now();
    await expect(c.blockNumbers()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: /rate-limited/ });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // it backed off twice (≥ 100 + 200 ms) first
  }, 30_000);
});

describe('failover to the backup RPC', () => {
  it('serves from the backup while the primary is down, and says so', async () => {
    const dead = await proxy();
    const deadUrl = dead.url;
    await dead.close();
    proxies.splice(proxies.indexOf(dead), 1);
    const backup = await proxy();
    const c = client(deadUrl, { fallbackRpcUrl: backup.url });
    const before = await c.protocol();
    expect(before.round).toBeGreaterThan(0n);
    expect(backup.total()).toBeGreaterThan(0);
    expect(c.rpcState()).toMatchObject({ state: 'fallback', hasFallback: true });
    expect(c.rpcState().retryAt).toBeGreaterThan(Date.now());
  }, 30_000);

  it('moves to the backup while the primary is rate-limited and back to the primary after', async () => {
    const primary = await proxy();
    const backup = await proxy();
    const c = client(primary.url, { fallbackRpcUrl: backup.url, transport: { backoff: { baseMs: 500, capMs: 1000 } } });
    await c.blockNumbers();
    primary.rateLimit(3000, 'json-rpc');
    primary.reset();
    backup.reset();
    await c.protocol();
    expect(backup.total()).toBeGreaterThan(0);
    expect(c.rpcState().state).toBe('fallback');
    await new Promise((r) => setTimeout(r, 4500));
    primary.reset();
    backup.reset();
    await c.blockNumbers();
    await c.blockNumbers();
    expect(primary.total()).toBeGreaterThan(0);
    expect(backup.total()).toBe(0);
    expect(c.rpcState().state).toBe('ok');
    expect(c.states.map((s) => s.state)).toEqual(expect.arrayContaining(['fallback', 'ok']));
  }, 30_000);
});
