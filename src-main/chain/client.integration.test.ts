// The chain client against a real devnet: reads, preview → confirm with a signer that checks the
// approval, progress events, and the typed errors raised before anything is sent.
import { parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/index.ts';
import { createChainClient, type ChainClient, type TxProgress } from './client.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { devAccountSigner, devnetClient, startTestDevnet, type TestDevnet } from './test-support.ts';

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => new Error('it succeeded'),
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`not an AppError: ${String(err)}`);
  return err;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('chain client on the devnet', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let O: string;
  const progress: TxProgress[] = [];

  beforeAll(async () => {
    t = await startTestDevnet();
    O = t.devnet.accounts[5]!.address;
    await t.devnet.fund(O, { lpt: parseEther('5000') });
    client = devnetClient(t.devnet);
    client.onProgress((p) => progress.push(p));
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  it('resolves every contract through the Controller and reads protocol state', async () => {
    const addrs = await client.addresses();
    for (const [name, address] of Object.entries(addrs))
      expect(address, name).toBe(t.devnet.contracts[name as keyof typeof addrs]);
    const p = await client.protocol();
    expect(p.chainId).toBe(31337n);
    expect(p.roundLength).toBe(DEVNET_PARAMS.roundLength);
    expect(p.roundInitialized).toBe(true);
    expect(p.l1BlockNumber).toBe(p.blockNumber); // plain block numbers on the devnet
    expect(p.activeSetMaxSize).toBe(DEVNET_PARAMS.numActiveTranscoders);
    expect(p.totalSupply).toBe(DEVNET_PARAMS.initialSupply);
  });

  it('refuses bad input and impossible actions with typed errors before sending', async () => {
    const nonce = await t.devnet.provider.getTransactionCount(O);
    expect(await codeOf(client.prepare(O, { kind: 'bond', amount: 0n, to: O }))).toBe('BAD_INPUT');
    expect(await codeOf(client.prepare(O, { kind: 'bond', amount: 1n, to: 'not-an-address' }))).toBe('BAD_INPUT');
    expect(await codeOf(client.prepare(O, { kind: 'bond', amount: parseEther('9999'), to: O }))).toBe(
      'INSUFFICIENT_BALANCE',
    );
    expect(await codeOf(client.prepare(O, { kind: 'bond', amount: parseEther('10'), to: O }))).toBe(
      'INSUFFICIENT_ALLOWANCE',
    );
    expect(await codeOf(client.prepare(O, { kind: 'transcoder', rewardCut: 2_000_000n, feeShare: 0n }))).toBe(
      'BAD_INPUT',
    );
    expect(await codeOf(client.prepare(O, { kind: 'transcoder', rewardCut: 0n, feeShare: 0n }))).toBe('CONFLICT'); // not bonded
    expect(await codeOf(client.prepare(O, { kind: 'unbond', amount: 1n }))).toBe('INSUFFICIENT_BALANCE');
    expect(await codeOf(client.prepare(O, { kind: 'withdrawStake', lockId: 0n }))).toBe('NOT_FOUND');
    expect(await codeOf(client.prepare(O, { kind: 'setServiceUri', uri: 'http://plain' }))).toBe('BAD_INPUT');
    const broke = Wallet.createRandom().address;
    expect(await codeOf(client.prepare(broke, { kind: 'approve', amount: 1n }))).toBe('INSUFFICIENT_BALANCE'); // no ETH for gas
    expect(await t.devnet.provider.getTransactionCount(O)).toBe(nonce);
  });

  it('previews, then sends on confirm with progress, and each preview is single use', async () => {
    const amount = parseEther('1000');
    const approve = await client.prepare(O, { kind: 'approve', amount });
    expect(approve.to).toBe(t.devnet.contracts.LivepeerToken);
    expect(approve.method).toBe('approve(address,uint256)');
    expect(approve.args).toEqual([t.devnet.contracts.BondingManager, amount.toString()]);
    expect(approve.simulatedResult).toBe('true');
    expect(approve.summary).toContain('exactly 1000.0 LPT');
    expect(approve.gasLimit).toBeGreaterThan(21_000n);
    expect(approve.maxCostWei).toBe(approve.gasLimit * approve.maxFeePerGas);
    progress.length = 0;
    const outcome = await client.confirm(approve.id);
    expect(progress.map((p) => p.state)).toEqual(['signing', 'submitted', 'confirmed']);
    expect(progress[2]!.gasUsed).toBe(outcome.gasUsed);
    expect((await client.account(O)).bondingAllowance).toBe(amount);
    expect(await codeOf(client.confirm(approve.id))).toBe('NOT_FOUND');

    const bond = await client.prepare(O, { kind: 'bond', amount, to: O });
    expect(bond.method).toBe('bondWithHint(uint256,address,address,address,address,address)');
    await client.confirm(bond.id);
    await client.confirm((await client.prepare(O, { kind: 'transcoder', rewardCut: 50_000n, feeShare: 250_000n })).id);
    await client.confirm((await client.prepare(O, { kind: 'setServiceUri', uri: 'https://127.0.0.1:8935' })).id);
    expect(await codeOf(client.prepare(O, { kind: 'reward' }))).toBe('CONFLICT'); // not active until next round

    await t.devnet.advanceRound();
    const rewarded = await client.confirm((await client.prepare(O, { kind: 'reward' })).id);
    process.stdout.write(`reward() gas via the client (rewardWithHint, first reward): ${rewarded.gasUsed}\n`);
    const account = await client.account(O);
    expect(account.transcoder.active).toBe(true);
    expect(account.transcoder.serviceUri).toBe('https://127.0.0.1:8935');
    expect(account.transcoder.rewardCut).toBe(50_000n);
    expect(account.delegator.status).toBe('Bonded');
    expect(account.delegator.pendingStake).toBeGreaterThan(amount);
    expect(await client.transcoderPool()).toEqual([{ address: O, stake: account.transcoder.totalStake }]);
    expect(await codeOf(client.prepare(O, { kind: 'reward' }))).toBe('CONFLICT'); // once per round
  });

  it('refuses transcoder changes in a locked round', async () => {
    const p = await client.protocol();
    const lockStart =
      p.roundStartBlock +
      DEVNET_PARAMS.roundLength -
      (DEVNET_PARAMS.roundLength * DEVNET_PARAMS.roundLockAmount) / 1_000_000n;
    const snap = (await t.devnet.provider.send('evm_snapshot', [])) as string;
    await t.devnet.advanceBlocks(Number(lockStart - p.blockNumber));
    const locked = await errorOf(client.prepare(O, { kind: 'transcoder', rewardCut: 0n, feeShare: 0n }));
    expect(locked.code).toBe('ROUND_LOCKED');
    expect(locked.message).toMatch(/can change again when round \d+ starts, in about \d+ blocks?$/);
    await t.devnet.provider.send('evm_revert', [snap]);
  });

  it('names initializeRound as the fix when a round nobody initialized blocks an action, in preview and on confirm', async () => {
    const snap = (await t.devnet.provider.send('evm_snapshot', [])) as string;
    const early = await client.prepare(O, { kind: 'claimEarnings' }); // previewed in an initialized round
    const p = await client.protocol();
    await t.devnet.advanceBlocks(Number(p.roundStartBlock + p.roundLength - p.blockNumber));
    const blocked = await errorOf(client.prepare(O, { kind: 'claimEarnings' }));
    expect([blocked.code, blocked.details?.fix, blocked.details?.round]).toEqual([
      'ROUND_LOCKED',
      'initializeRound',
      String(p.round + 1n),
    ]);
    const stale = await errorOf(client.confirm(early.id));
    expect([stale.code, stale.details?.fix]).toEqual(['ROUND_LOCKED', 'initializeRound']);
    await client.confirm((await client.prepare(O, { kind: 'initializeRound' })).id);
    await client.confirm((await client.prepare(O, { kind: 'claimEarnings' })).id);
    await t.devnet.provider.send('evm_revert', [snap]);
  });

  it('re-simulates on confirm and sends nothing when the state changed in between', async () => {
    const lock = await client.prepare(O, { kind: 'unbond', amount: parseEther('10') });
    const other = await client.prepare(O, { kind: 'unbond', amount: (await client.account(O)).delegator.pendingStake });
    await client.confirm(other.id); // unbonds everything
    const nonce = await t.devnet.provider.getTransactionCount(O);
    const err = await client.confirm(lock.id).catch((e: unknown) => e as AppError);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('REVERTED');
    expect((err as AppError).details?.['reason']).toBe('caller must be bonded');
    expect(await t.devnet.provider.getTransactionCount(O)).toBe(nonce);
  });

  it('reports a transaction that fails once mined, with the decoded reason', async () => {
    await client.confirm((await client.prepare(O, { kind: 'rebondFromUnbonded', to: O, lockId: 0n })).id);
    await t.devnet.advanceRound(); // pending until the next round
    const stake = (await client.account(O)).delegator.pendingStake;
    const first = await client.prepare(O, { kind: 'unbond', amount: stake });
    const second = await client.prepare(O, { kind: 'unbond', amount: stake });
    await t.devnet.provider.send('evm_setAutomine', [false]);
    try {
      progress.length = 0;
      const a = client.confirm(first.id);
      await until(() => progress.some((p) => p.previewId === first.id && p.state === 'submitted'));
      const b = client.confirm(second.id).catch((e: unknown) => e as AppError);
      await until(() => progress.some((p) => p.previewId === second.id && p.state === 'submitted'));
      await t.devnet.provider.send('evm_mine', []);
      await a;
      const err = await b;
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('REVERTED');
      const failed = progress.find((p) => p.previewId === second.id && p.state === 'failed');
      expect(failed?.reason).toBe('caller must be bonded');
      expect(failed?.gasUsed).toBeGreaterThan(0n);
    } finally {
      await t.devnet.provider.send('evm_setAutomine', [true]);
    }
  });

  it('the signer refuses a transaction that differs from the approval', async () => {
    const signer = devAccountSigner(t.devnet.accounts[5]!.privateKey);
    const approval = {
      previewId: 'x',
      chainId: 31337n,
      to: t.devnet.contracts.LivepeerToken,
      data: '0x1234',
      value: 0n,
    };
    const tx = {
      type: 2,
      chainId: 31337n,
      to: t.devnet.contracts.LivepeerToken,
      data: '0x1234',
      value: 1n,
      nonce: 0,
      gasLimit: 100000n,
      maxFeePerGas: 1n,
      maxPriorityFeePerGas: 1n,
    };
    await expect(signer.signTransaction(tx, approval)).rejects.toThrow('does not match');
    await expect(signer.signTransaction({ ...tx, value: 0n }, approval)).resolves.toMatch(/^0x02/);
  });

  it('reports an RPC that is down as UNAVAILABLE', async () => {
    const dead = createChainClient({
      rpcUrl: 'http://127.0.0.1:9',
      controller: t.devnet.controller,
      chainId: 31337,
      rpcTimeoutMs: 2000,
    });
    expect(await codeOf(dead.protocol())).toBe('UNAVAILABLE');
    expect(await codeOf(dead.prepare(O, { kind: 'reward' }))).toBe('UNAVAILABLE');
    dead.close();
  });
});
