// Mainnet scale on the devnet: the setting seeds a running small devnet, the pool the app shows
// (the chain service's `pool`) is the BondingManager's sorted list member for member, a restart
// restores the seeded state instead of seeding again, the cold pool read is one request, and the
// pool shown follows Bond events between rounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, parseEther, type Wallet, ZeroAddress } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import type { DevnetScale } from '../../../src-shared/contract/index.ts';
import { createLogSink } from '../../log/logger.ts';
import { openDatabase } from '../../store/database.ts';
import { BONDING_MANAGER_ABI, TOKEN_ABI } from '../abi.ts';
import { createChainRuntime, type ChainRuntime } from '../chain-runtime.ts';
import { createChainService } from '../chain-service.ts';
import { CHAIN_MIGRATIONS } from '../migrations.ts';
import { readPool, walkPool } from '../reads/pool.ts';
import { createReader } from '../reads/reader.ts';
import { startRpcProxy } from '../testing/rpc-proxy.ts';
import { MAINNET_SCALE, planMainnetScale } from './scale.ts';

const caller = { transport: 'internal', authenticated: true } as const;

/** The pool as the chain has it: walked from the head with plain ethers calls. */
async function chainPool(runtime: ChainRuntime): Promise<{ address: string; stake: bigint }[]> {
  const devnet = runtime.devnet()!;
  const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, devnet.provider);
  const members: { address: string; stake: bigint }[] = [];
  for (let a = (await bm.getFunction('getFirstTranscoderInPool')()) as string; a !== ZeroAddress;) {
    members.push({ address: a, stake: (await bm.getFunction('transcoderTotalStake')(a)) as bigint });
    a = (await bm.getFunction('getNextTranscoderInPool')(a)) as string;
  }
  return members;
}

describe('mainnet scale on the devnet', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-scale-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  let scale: DevnetScale = 'small';
  const runtimeFor = () =>
    createChainRuntime({
      dataDir,
      db: openDatabase(dataDir, CHAIN_MIGRATIONS),
      log: createLogSink({ write: () => undefined }).root,
      network: () => ({ kind: 'devnet' }),
      devnetScale: () => scale,
    });

  it('seeds a running small devnet when the setting says mainnet, and the pool shown equals the chain', async () => {
    const runtime = runtimeFor();
    try {
      const pool = createChainService(runtime).pool;
      expect(await pool({}, caller)).toEqual([]);
      scale = 'mainnet';
      const shown = await pool({}, caller);
      const devnet = runtime.devnet()!;
      expect(devnet.scale).toBe('mainnet');
      expect(devnet.seeded?.orchestrators).toBe(MAINNET_SCALE.orchestrators);
      process.stdout.write(`mainnet-scale seeding: ${devnet.seeded?.ms} ms, ${devnet.seeded?.transactions} txs\n`);

      const onChain = await chainPool(runtime);
      expect(onChain).toHaveLength(MAINNET_SCALE.orchestrators);
      expect(shown).toEqual(onChain); // every member, its stake and its place
      const stakes = onChain.map((m) => m.stake);
      expect([...stakes].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(stakes);
      // A long tail: the largest holds far more than the smallest
      expect(stakes[0]! / stakes.at(-1)!).toBeGreaterThan(50n);
      const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, devnet.provider);
      expect(await bm.getFunction('getTranscoderPoolMaxSize')()).toBe(MAINNET_SCALE.activeSetSize);
      const t = (await bm.getFunction('getTranscoder')(onChain[0]!.address)) as { lastRewardRound: bigint };
      expect(t.lastRewardRound).toBeGreaterThan(0n); // reward history
    } finally {
      await runtime.close();
    }
  }, 240_000);

  it('a restart restores the seeded devnet without seeding again', async () => {
    const runtime = runtimeFor();
    try {
      const shown = await createChainService(runtime).pool({}, caller);
      const devnet = runtime.devnet()!;
      expect(devnet.restored).toBe(true);
      expect(devnet.scale).toBe('mainnet');
      expect(devnet.seeded).toBeNull();
      expect(shown).toEqual(await chainPool(runtime));
    } finally {
      await runtime.close();
    }
  }, 120_000);

  it('reads the 100-member pool cold in one request (the walk: one per member)', async () => {
    const runtime = runtimeFor();
    await runtime.connection(); // the seeded devnet, restored
    const devnet = runtime.devnet()!;
    const proxy = await startRpcProxy({ upstream: devnet.rpcUrl });
    const reader = createReader({ rpcUrl: proxy.url, controller: devnet.controller, chainId: devnet.chainId });
    try {
      await reader.addresses(); // the Controller's answer is kept for good: not the pool's cost
      const onChain = await chainPool(runtime);
      proxy.reset();
      let started = performance.now();
      expect(await readPool(reader, [])).toEqual(onChain);
      const cold = { requests: proxy.total(), ms: Math.round(performance.now() - started) };
      proxy.reset();
      started = performance.now();
      expect(await walkPool(reader, [])).toEqual(onChain);
      const walk = { requests: proxy.total(), ms: Math.round(performance.now() - started) };
      process.stdout.write(`cold pool read, ${onChain.length} members: ${JSON.stringify({ cold, walk })}\n`);
      expect(cold.requests).toBe(1);
      expect(walk.requests).toBe(onChain.length + 1);
    } finally {
      reader.provider.destroy();
      await proxy.close();
      await runtime.close();
    }
  }, 120_000);

  it('the pool shown follows Bond events without a new round, and equals the chain walked member by member', async () => {
    const runtime = runtimeFor();
    try {
      const pool = () => createChainService(runtime).pool({}, caller);
      const { client } = await runtime.connection();
      const devnet = runtime.devnet()!;
      const plan = planMainnetScale();
      const [a, b] = [plan.orchestrators[0]!.wallet.address, plan.orchestrators[1]!.wallet.address];
      // The runtime's own event indexer (the node's), whose logs feed the pool cache
      const indexer = await runtime.indexer(a);
      await indexer.sync();
      expect(await pool()).toEqual(await chainPool(runtime));
      const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, devnet.provider);
      const token = new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, devnet.provider);
      const send = async (wallet: Wallet, contract: Contract, fn: string, ...args: unknown[]) =>
        (await (contract.connect(wallet.connect(devnet.provider)) as Contract).getFunction(fn)(...args)).wait();
      const round = (await client.protocol()).round;

      // A delegator of the largest member bonds 5,000 LPT more to it
      const d = plan.delegators.find((x) => x.orchestrator === 0)!.wallet;
      await devnet.fund(d.address, { lpt: parseEther('5000'), eth: parseEther('1') });
      await send(d, token, 'approve', devnet.contracts.BondingManager, parseEther('5000'));
      await send(d, bm, 'bond', parseEther('5000'), a);
      await indexer.sync();
      const afterBond = await pool();
      expect(afterBond).toEqual(await chainPool(runtime));
      expect(afterBond.find((m) => m.address === a)!.stake).toBe(
        (await chainPool(runtime)).find((m) => m.address === a)!.stake,
      );

      // It moves its whole bond to the second member: the totals the head carries do not move,
      // so only the Bond event (newDelegate b, oldDelegate a) can tell the pool changed
      const totals = async () => {
        const p = await client.protocol();
        return [p.totalActiveStake, p.nextRoundTotalActiveStake, p.activeSetSize, p.mintedTokens];
      };
      const before = await totals();
      await send(d, bm, 'bond', 0n, b);
      expect(await totals()).toEqual(before);
      await indexer.sync();
      const afterMove = await pool();
      expect(afterMove).toEqual(await chainPool(runtime)); // every member, its stake and its place
      expect(afterMove).not.toEqual(afterBond);
      expect((await client.protocol()).round).toBe(round); // no new round was needed
    } finally {
      await runtime.close();
    }
  }, 180_000);
});
