// The reward service across rounds on a real devnet: initializes and rewards once per round,
// respects the gas ceiling, pauses through an RPC outage (anvil stopped) and resumes by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../store/database.ts';
import { createChainClient, type ChainClient } from './client.ts';
import { startDevnet, type Devnet } from './devnet/devnet.ts';
import { CHAIN_MIGRATIONS } from './migrations.ts';
import { createRewardService, type RewardService } from './reward-service.ts';
import { devAccountSigner } from './test-support.ts';

describe('reward service', () => {
  let dir: string;
  let devnet: Devnet;
  let port: number;
  let client: ChainClient;
  let db: Database;
  let service: RewardService;
  let O: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lpm-reward-'));
    devnet = await startDevnet({ dataDir: join(dir, 'data') });
    port = Number(new URL(devnet.rpcUrl).port);
    const account = devnet.accounts[6]!;
    O = account.address;
    client = createChainClient({
      rpcUrl: devnet.rpcUrl,
      controller: devnet.controller,
      chainId: devnet.chainId,
      rpcTimeoutMs: 3000,
      getSigner: async () => devAccountSigner(account.privateKey),
    });
    await devnet.fund(O, { lpt: parseEther('2000') });
    for (const action of [
      { kind: 'approve', amount: parseEther('2000') },
      { kind: 'bond', amount: parseEther('2000'), to: O },
      { kind: 'transcoder', rewardCut: 100_000n, feeShare: 500_000n },
    ] as const) {
      await client.confirm((await client.prepare(O, action)).id);
    }
    await devnet.advanceRound();
    db = openDatabase(join(dir, 'store'), CHAIN_MIGRATIONS);
    service = createRewardService({ client, db, orchestrator: O, intervalMs: 60_000 });
  });
  afterAll(async () => {
    await service?.stop();
    client?.close();
    db?.close();
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const nonce = (): Promise<number> => devnet.provider.getTransactionCount(O);

  it('calls reward once in the round, even when asked twice at once', async () => {
    const round = (await client.protocol()).round;
    const before = await nonce();
    await Promise.all([service.tick(), service.tick()]);
    await service.tick();
    expect(await nonce()).toBe(before + 1);
    const [attempt] = service.attempts();
    expect(attempt).toMatchObject({ round, action: 'reward', state: 'confirmed' });
    expect(attempt!.gasUsed).toBeGreaterThan(0n);
    expect((await client.account(O)).transcoder.lastRewardRound).toBe(round);
    expect(service.status().state).toBe('idle');
  });

  it('initializes an uninitialized round, then rewards it', async () => {
    const p = await client.protocol();
    await devnet.advanceBlocks(Number(p.roundStartBlock + p.roundLength - p.blockNumber)); // next round, not initialized
    expect((await client.protocol()).roundInitialized).toBe(false);
    await service.tick();
    const [reward, init] = service.attempts(2);
    expect(init).toMatchObject({ round: p.round + 1n, action: 'initializeRound', state: 'confirmed' });
    expect(reward).toMatchObject({ round: p.round + 1n, action: 'reward', state: 'confirmed' });
    process.stdout.write(`reward() gas, steady state (second reward, via rewardWithHint): ${reward!.gasUsed}\n`);
    process.stdout.write(`initializeRound() gas: ${init!.gasUsed}\n`);
  });

  it('skips while gas is above the ceiling and records why', async () => {
    await devnet.advanceRound();
    const capped = createRewardService({ client, db, orchestrator: O, maxGasPriceWei: 1n });
    const before = await nonce();
    await capped.tick();
    expect(await nonce()).toBe(before);
    expect(capped.attempts(1)[0]).toMatchObject({ action: 'reward', state: 'skipped' });
    expect(capped.status().state).toBe('waiting');
    // The round ends without a call: reported as missed, with the reason.
    const { round } = await client.protocol();
    expect(capped.status().missed).toBeNull();
    await devnet.advanceRound();
    await capped.tick();
    expect(capped.status().missed).toMatchObject({
      round,
      reason: expect.stringMatching(/gas price .* above the ceiling 1$/),
    });
  });

  it('pauses through an RPC outage and catches up when the chain is back', async () => {
    await devnet.stop(); // state saved to the data folder
    await service.tick();
    expect(service.status().state).toBe('paused');
    const attemptsDuringOutage = service.attempts().length;

    devnet = await startDevnet({ dataDir: join(dir, 'data'), port });
    expect(devnet.restored).toBe(true);
    const round = await devnet.advanceRound();
    await service.tick();
    expect(service.attempts().length).toBe(attemptsDuringOutage + 1);
    expect(service.attempts(1)[0]).toMatchObject({ round, action: 'reward', state: 'confirmed' });
    expect(service.status().state).toBe('idle');
  });

  it('records a refused transaction as failed and succeeds on a later attempt', async () => {
    await devnet.advanceRound();
    const wrongWallet = createChainClient({
      rpcUrl: devnet.rpcUrl,
      controller: devnet.controller,
      chainId: devnet.chainId,
      getSigner: async () => devAccountSigner(devnet.accounts[9]!.privateKey), // not the orchestrator's key
    });
    try {
      const failing = createRewardService({ client: wrongWallet, db, orchestrator: O });
      await failing.tick();
      expect(failing.attempts(1)[0]).toMatchObject({ action: 'reward', state: 'failed' });
      expect(failing.status().state).toBe('waiting');
      await service.tick();
      expect(service.attempts(1)[0]).toMatchObject({ action: 'reward', state: 'confirmed' });
    } finally {
      wrongWallet.close();
    }
  });
});
