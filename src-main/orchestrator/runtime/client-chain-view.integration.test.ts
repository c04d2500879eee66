// The ChainView over the chain client: values as the contracts report them (devnet), and an RPC
// outage as a typed refusal (AppError UNAVAILABLE/TIMEOUT), never a crash or a made-up value.
import { createServer } from 'node:net';
import { Contract, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { ROUNDS_MANAGER_ABI } from '../../chain/abi.ts';
import { createChainClient } from '../../chain/client.ts';
import { startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { fundTicketBroker } from '../gateway/demo-broadcaster.ts';
import { createClientChainView } from './cached-chain-state.ts';

let t: TestDevnet;
beforeAll(async () => {
  t = await startTestDevnet();
}, 60_000);
afterAll(async () => t?.close());

it('reads round, block hash, block number, sender funds, claimable reserve and the active set', async () => {
  const client = createChainClient({ rpcUrl: t.devnet.rpcUrl, controller: t.devnet.controller, chainId: 31337 });
  const sender = new Wallet(t.devnet.accounts[3]!.privateKey, t.devnet.provider);
  const recipient = t.devnet.accounts[1]!.address;
  await fundTicketBroker(sender, t.devnet.contracts.TicketBroker, parseEther('2'), parseEther('1'));
  const view = createClientChainView({ client, recipient, pendingFaceValue: () => parseEther('0.25') });
  try {
    await view.ready();
    const rm = new Contract(t.devnet.contracts.RoundsManager, ROUNDS_MANAGER_ABI, t.devnet.provider);
    const round = (await rm.getFunction('lastInitializedRound')()) as bigint;
    expect(view.lastInitializedRound().round).toBe(round);
    expect(Buffer.from(view.lastInitializedRound().blockHash).toString('hex')).toBe(
      ((await rm.getFunction('blockHashForRound')(round)) as string).slice(2),
    );
    expect(view.lastSeenL1Block()).toBe(BigInt(await t.devnet.provider.getBlockNumber()));
    expect(view.gasPrice()).toBeGreaterThan(0n);
    expect(await view.senderInfo(sender.address)).toEqual({
      deposit: parseEther('2'),
      reserve: parseEther('1'),
      withdrawRound: 0n,
    });
    // No active orchestrator: the claimable reserve is 0, so the float is 0 (not negative).
    expect(await view.isActiveOrchestrator(recipient)).toBe(false);
    expect(await view.maxFloat(sender.address)).toBe(0n);
  } finally {
    view.close();
    client.close();
  }
}, 60_000);

it('keeps at most maxCachedReads per-sender reads, however many senders ask', async () => {
  const client = createChainClient({ rpcUrl: t.devnet.rpcUrl, controller: t.devnet.controller, chainId: 31337 });
  const view = createClientChainView({ client, recipient: t.devnet.accounts[1]!.address, maxCachedReads: 5 });
  try {
    await view.ready();
    for (let i = 0; i < 40; i++) {
      const info = await view.senderInfo(Wallet.createRandom().address);
      expect(info.deposit).toBe(0n);
      expect(view.cachedReads()).toBeLessThanOrEqual(5);
    }
    expect(view.cachedReads()).toBe(5);
  } finally {
    view.close();
    client.close();
  }
}, 60_000);

it('refuses with a typed error while the RPC is down', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const client = createChainClient({
    rpcUrl: `http://127.0.0.1:${port}`,
    controller: t.devnet.controller,
    chainId: 31337,
    rpcTimeoutMs: 1500,
  });
  const view = createClientChainView({ client, recipient: t.devnet.accounts[1]!.address, rpcTimeoutMs: 1500 });
  try {
    const err = await view.ready().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect([ErrorCode.Unavailable, ErrorCode.Timeout]).toContain((err as AppError).code);
    expect(view.healthy()).toBe(false);
    expect(() => view.lastSeenL1Block()).toThrow(AppError);
    const sErr = await view.senderInfo(t.devnet.accounts[3]!.address).then(
      () => null,
      (e: unknown) => e,
    );
    expect(sErr).toBeInstanceOf(AppError);
  } finally {
    view.close();
    client.close();
  }
}, 30_000);
