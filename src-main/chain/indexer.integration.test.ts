// The event indexer on a real devnet: delegators and per-round earnings from events, incremental
// syncs, a restart (new indexer over the same SQLite file) and a reorg (evm_revert).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbiCoder,
  concat,
  Contract,
  getBytes,
  keccak256,
  MaxUint256,
  parseEther,
  solidityPackedKeccak256,
  Wallet,
} from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/index.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI } from './abi.ts';
import { createChainClient, type ChainClient } from './client.ts';
import { createChainIndexer } from './indexer.ts';
import { CHAIN_MIGRATIONS } from './migrations.ts';
import { createRewardService } from './reward-service.ts';
import { devAccountSigner, startTestDevnet, type TestDevnet } from './test-support.ts';

describe('chain indexer', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let storeDir: string;
  let db: Database;
  let O: string, D: string, B: Wallet;
  const rewards: bigint[] = [];
  const coder = AbiCoder.defaultAbiCoder();

  beforeAll(async () => {
    t = await startTestDevnet();
    storeDir = mkdtempSync(join(tmpdir(), 'lpm-index-'));
    db = openDatabase(storeDir, CHAIN_MIGRATIONS);
    const keys = new Map(t.devnet.accounts.map((a) => [a.address, a.privateKey]));
    [O, D] = [t.devnet.accounts[1]!.address, t.devnet.accounts[2]!.address];
    B = new Wallet(t.devnet.accounts[3]!.privateKey, t.devnet.provider);
    client = createChainClient({
      rpcUrl: t.devnet.rpcUrl,
      controller: t.devnet.controller,
      chainId: t.devnet.chainId,
      getSigner: async (a) => devAccountSigner(keys.get(a)!),
    });
    const run = async (from: string, action: Parameters<ChainClient['prepare']>[1]): Promise<void> => {
      await client.confirm((await client.prepare(from, action)).id);
    };
    await t.devnet.fund(O, { lpt: parseEther('1000') });
    await t.devnet.fund(D, { lpt: parseEther('500') });
    await run(O, { kind: 'approve', amount: parseEther('1000') });
    await run(O, { kind: 'bond', amount: parseEther('1000'), to: O });
    await run(O, { kind: 'transcoder', rewardCut: 100_000n, feeShare: 500_000n });
    await run(D, { kind: 'approve', amount: parseEther('500') });
    await run(D, { kind: 'bond', amount: parseEther('500'), to: O });
    const service = createRewardService({ client, db, orchestrator: O });
    for (let i = 0; i < 2; i++) {
      await t.devnet.advanceRound();
      await service.tick();
      rewards.push(service.attempts(1)[0]!.gasUsed!);
    }
    // a winning ticket in the last round
    await (
      await new Contract(t.devnet.contracts.TicketBroker, ['function fundDeposit() payable'], B).fundDeposit!({
        value: parseEther('1'),
      })
    ).wait();
    const rm = new Contract(t.devnet.contracts.RoundsManager, ROUNDS_MANAGER_ABI, t.devnet.provider);
    const round = (await rm.currentRound!()) as bigint;
    const rand = 42n;
    const ticket = {
      recipient: O,
      sender: B.address,
      faceValue: parseEther('0.2'),
      winProb: MaxUint256,
      senderNonce: 1n,
      recipientRandHash: keccak256(coder.encode(['uint256'], [rand])),
      auxData: concat([coder.encode(['uint256'], [round]), (await rm.blockHashForRound!(round)) as string]),
    };
    const hash = solidityPackedKeccak256(
      ['address', 'address', 'uint256', 'uint256', 'uint256', 'bytes32', 'bytes'],
      Object.values(ticket),
    );
    await run(O, { kind: 'redeemTicket', ticket, sig: await B.signMessage(getBytes(hash)), recipientRand: rand });
  });
  afterAll(async () => {
    client?.close();
    db?.close();
    await t?.close();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('indexes delegators and per-round rewards, fees and gas', async () => {
    const indexer = createChainIndexer({ client, db, orchestrator: O });
    const first = await indexer.sync();
    expect(first.added).toBeGreaterThan(5);
    const bm = new Contract(t.devnet.contracts.BondingManager, BONDING_MANAGER_ABI, t.devnet.provider);
    const delegators = indexer.delegators();
    expect(delegators.map((d) => d.address).sort()).toEqual([O, D].sort());
    for (const d of delegators)
      expect(d.bondedAmount, d.address).toBe((await bm.getDelegator!(d.address)).bondedAmount);

    const earnings = indexer.earningsByRound();
    const rewardRows = earnings.filter((e) => e.rewards > 0n);
    expect(rewardRows).toHaveLength(2);
    const rewardEvents = await bm.queryFilter(bm.filters.Reward!(O));
    expect(rewardRows.map((e) => e.rewards)).toEqual(
      rewardEvents.map((e) => (e as unknown as { args: { amount: bigint } }).args.amount),
    );
    expect(rewardRows.every((e) => e.gasCostWei > 0n)).toBe(true);
    const last = earnings[earnings.length - 1]!;
    expect(last.fees).toBe(parseEther('0.2'));
    expect(last.tickets).toBe(1);
    expect(rewards.length).toBe(2);
  });

  it('is incremental and survives a restart over the same store', async () => {
    const again = createChainIndexer({ client, db, orchestrator: O });
    expect((await again.sync()).added).toBe(0);
    await client.confirm((await client.prepare(D, { kind: 'unbond', amount: parseEther('100') })).id);
    db.close();
    db = openDatabase(storeDir, CHAIN_MIGRATIONS); // as after an app restart
    const restarted = createChainIndexer({ client, db, orchestrator: O });
    const result = await restarted.sync();
    expect(result.added).toBe(2); // EarningsClaimed + Unbond
    expect(restarted.events(2).map((e) => e.name)).toEqual(['Unbond', 'EarningsClaimed']);
  });

  it('drops events of blocks that a reorg removed', async () => {
    const indexer = createChainIndexer({ client, db, orchestrator: O, reorgDepth: 8 });
    await indexer.sync();
    const snap = (await t.devnet.provider.send('evm_snapshot', [])) as string;
    await client.confirm((await client.prepare(D, { kind: 'unbond', amount: parseEther('50') })).id);
    await indexer.sync();
    expect(indexer.events(1)[0]!.name).toBe('Unbond');
    const unbondsBefore = indexer.events().filter((e) => e.name === 'Unbond').length;
    await t.devnet.provider.send('evm_revert', [snap]);
    await t.devnet.advanceBlocks(3); // a different chain, longer than the old one
    const result = await indexer.sync();
    expect(result.rewoundTo).not.toBeNull();
    expect(indexer.events().filter((e) => e.name === 'Unbond').length).toBe(unbondsBefore - 1);
  });

  it('reports an unreachable RPC as a pause, not a failure', async () => {
    const dead = createChainClient({
      rpcUrl: 'http://127.0.0.1:9',
      controller: t.devnet.controller,
      chainId: 31337,
      rpcTimeoutMs: 2000,
    });
    const indexer = createChainIndexer({ client: dead, db, orchestrator: O });
    const err = await indexer.sync().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNAVAILABLE');
    expect(indexer.state().state).toBe('paused');
    dead.close();
  });
});
