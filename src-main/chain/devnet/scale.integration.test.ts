// Mainnet scale on the devnet: the setting seeds a running small devnet, the pool the app shows
// (the chain service's `pool`) is the BondingManager's sorted list member for member, and a restart
// restores the seeded state instead of seeding again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, ZeroAddress } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import type { DevnetScale } from '../../../src-shared/contract/index.ts';
import { createLogSink } from '../../log/logger.ts';
import { openDatabase } from '../../store/database.ts';
import { BONDING_MANAGER_ABI } from '../abi.ts';
import { createChainRuntime, type ChainRuntime } from '../chain-runtime.ts';
import { createChainService } from '../chain-service.ts';
import { CHAIN_MIGRATIONS } from '../migrations.ts';
import { MAINNET_SCALE } from './scale.ts';

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
});
