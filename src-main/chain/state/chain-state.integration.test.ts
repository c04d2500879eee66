// The chain-state service on the devnet, counted on the wire: a head read is one request (one
// Multicall3 aggregate3) however many accounts are watched; it sees a round change and an account
// change, and says which.
import { parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainClient, type ChainClient } from '../client.ts';
import { startTestDevnet, type TestDevnet } from '../test-support.ts';
import { startRpcProxy, type RpcProxy } from '../testing/rpc-proxy.ts';
import type { HeadChange } from './chain-state.ts';

describe('chain-state service', () => {
  let t: TestDevnet;
  let proxy: RpcProxy;
  let client: ChainClient;
  const changes: HeadChange[] = [];
  beforeAll(async () => {
    t = await startTestDevnet();
    proxy = await startRpcProxy({ upstream: t.devnet.rpcUrl });
    client = createChainClient({
      rpcUrl: proxy.url,
      controller: t.devnet.controller,
      chainId: t.devnet.chainId,
      headIntervalMs: 60_000,
    });
    client.state.onChange((c) => changes.push(c));
  }, 90_000);
  afterAll(async () => {
    client?.close();
    await proxy?.close();
    await t?.close();
  });

  it('reads the protocol, basefee, round hashes and two accounts in three requests the first time', async () => {
    const [a, b] = [t.devnet.accounts[1]!.address, t.devnet.accounts[2]!.address];
    client.state.watch(a);
    client.state.watch(b);
    proxy.reset();
    const head = await client.state.refresh();
    // The Controller resolution once, then one aggregate3 (the round's block hashes ride along
    // from the second read on: the first does not know the round yet, so it reads them after).
    expect(proxy.counts()).toEqual({ eth_call: 3 });
    expect(head.protocol.round).toBe(await client.protocol().then((p) => p.round));
    expect(head.accounts.get(a)?.ethBalance).toBe(await t.devnet.provider.getBalance(a));
    expect(head.roundBlockHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(head.roundBlockHash).not.toBe(`0x${'00'.repeat(32)}`);
    expect(head.basefee).toBe((await t.devnet.provider.getBlock('latest'))!.baseFeePerGas);
  });

  it("sees a round change in two requests (the head, the new round's block hashes)", async () => {
    const before = client.state.head()!;
    await t.devnet.advanceRound();
    proxy.reset();
    changes.length = 0;
    const head = await client.state.refresh();
    // One aggregate3, and the new round's block hashes once.
    expect(proxy.counts()).toEqual({ eth_call: 2 });
    expect(head.protocol.round).toBe(before.protocol.round + 1n);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.newRound).toBe(true);
    expect(changes[0]!.accounts).toEqual([]);
    expect(head.roundBlockHash).not.toBe(before.roundBlockHash);
    expect(head.previousRoundBlockHash).toBe(before.roundBlockHash);
  });

  it('sees an account change in one request, and only that account changed', async () => {
    const a = t.devnet.accounts[1]!.address;
    const before = client.state.head()!.accounts.get(a)!;
    await t.devnet.fund(a, { lpt: parseEther('3') });
    proxy.reset();
    changes.length = 0;
    const head = await client.state.refresh();
    expect(proxy.counts()).toEqual({ eth_call: 1 });
    expect(head.accounts.get(a)!.lptBalance).toBe(before.lptBalance + parseEther('3'));
    expect(changes[0]!.newRound).toBe(false);
    expect(changes[0]!.accounts).toEqual([a]);
  });

  it('answers a watched account from the head without a request, and an unwatched one by adding it', async () => {
    proxy.reset();
    await client.state.account(t.devnet.accounts[1]!.address);
    expect(proxy.total()).toBe(0);
    const c = t.devnet.accounts[3]!.address;
    const state = await client.state.account(c);
    expect(state.ethBalance).toBe(await t.devnet.provider.getBalance(c));
    expect(proxy.counts()).toEqual({ eth_call: 1 });
    proxy.reset();
    await client.state.account(c);
    expect(proxy.total()).toBe(0);
  });
});
