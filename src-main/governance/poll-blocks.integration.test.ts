// A LIP poll's end block counts in the protocol's `block.number`. On Arbitrum One that is the L1
// estimate while eth_blockNumber answers the far larger L2 number, so comparing the end block with
// eth_blockNumber shows every poll as ended and refuses every vote. Real parts: the devnet's anvil
// chain and our PollCreator/Poll, reached through the counting RPC proxy, which rewrites
// eth_blockNumber to an L2-style number (the contracts still see anvil's own block.number).
import { Contract, parseEther, toBeHex, toUtf8Bytes, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARB_SYS_ADDRESS, BONDING_MANAGER_ABI, POLL_ABI, POLL_CREATOR_ABI, TOKEN_ABI } from '../chain/abi.ts';
import { createChainClient, type ChainClient } from '../chain/client.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from '../chain/test-support.ts';
import { startRpcProxy, type RpcProxy } from '../chain/testing/rpc-proxy.ts';
import { createPollReader, type PollReader } from './poll-reader.ts';

const LPT = (n: string): bigint => parseEther(n);
/** How far eth_blockNumber runs ahead of block.number, in the order of Arbitrum One's L2/L1 gap. */
const L2_AHEAD = 250_000_000n;
/** A stand-in ArbSys whose arbBlockNumber() answers block.number + 0x10a3b2c0 (PUSH4, NUMBER, ADD, return it). */
const ARB_SYS_L2_AHEAD = '0x6310a3b2c0430160005260206000f3';

describe('LIP polls where eth_blockNumber is an L2 number (as on Arbitrum One)', () => {
  let t: TestDevnet;
  let proxy: RpcProxy;
  let client: ChainClient;
  let polls: PollReader;
  let O: Wallet, D: Wallet;
  const selfBond = LPT('10000');
  const dBond = LPT('3000');

  async function bond(w: Wallet, amount: bigint, to: string): Promise<void> {
    const { devnet } = t;
    await devnet.fund(w.address, { lpt: amount });
    const token = new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, w);
    await (await token.getFunction('approve')(devnet.contracts.BondingManager, amount)).wait();
    const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, w);
    await (await bm.getFunction('bond')(amount, to)).wait();
  }
  const block = async (): Promise<bigint> => BigInt(await t.devnet.provider.getBlockNumber());
  const mineTo = async (n: bigint): Promise<void> => {
    const now = await block();
    if (n > now) await t.devnet.provider.send('anvil_mine', [toBeHex(n - now)]);
    expect(await block()).toBe(n);
  };

  beforeAll(async () => {
    t = await startTestDevnet();
    const { devnet } = t;
    proxy = await startRpcProxy({
      upstream: devnet.rpcUrl,
      rewrite: (method, result) =>
        method === 'eth_blockNumber' ? toBeHex(BigInt(result as string) + L2_AHEAD) : result,
    });
    [O, D] = [1, 2].map((i) => new Wallet(devnet.accounts[i]!.privateKey, devnet.provider)) as [Wallet, Wallet];
    client = devnetClient({ ...devnet, rpcUrl: proxy.url });
    polls = createPollReader(client);
    await bond(O, selfBond, O.address);
    const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, O);
    await (await bm.getFunction('transcoder')(100_000n, 500_000n)).wait();
    await bond(D, dBond, O.address);
    await devnet.advanceRound();
  });
  afterAll(async () => {
    client?.close();
    await proxy?.close();
    await t?.close();
  });

  it('lists the poll open with the blocks left, takes votes up to the end block, refuses after, tallies at the end (also read as Arbitrum)', async () => {
    const { devnet } = t;
    expect(BigInt(await client.provider.getBlockNumber())).toBeGreaterThan((await block()) + L2_AHEAD - 1n);
    const creator = new Contract(devnet.contracts.PollCreator, POLL_CREATOR_ABI, O);
    await (await creator.getFunction('createPoll')(toUtf8Bytes('QmArbitrumPoll'))).wait();

    let [p] = await polls.polls();
    expect(p).toMatchObject({ proposal: 'QmArbitrumPoll', open: true, tallyBlock: null });
    expect(p!.blocksLeft).toBe(p!.endBlock - (await block()));
    expect(await new Contract(p!.address, POLL_ABI, devnet.provider).getFunction('endBlock')()).toBe(p!.endBlock);

    // D votes No early; O's Yes is mined in the end block itself, which the contract still accepts
    await client.confirm((await client.prepare(D.address, { kind: 'pollVote', poll: p!.address, choice: 1 })).id);
    await mineTo(p!.endBlock - 1n);
    await client.confirm((await client.prepare(O.address, { kind: 'pollVote', poll: p!.address, choice: 0 })).id);
    expect(await block()).toBe(p!.endBlock);
    [p] = await polls.polls();
    expect(p).toMatchObject({ open: true, blocksLeft: 0n, yes: selfBond, no: dBond });

    await mineTo(p!.endBlock + 1n);
    await expect(client.prepare(O.address, { kind: 'pollVote', poll: p!.address, choice: 1 })).rejects.toThrow(
      `The poll ended at block ${p!.endBlock}`,
    );
    // Stake bonded after the end does not count: the tally reads stakes at the end block
    await devnet.advanceRound();
    await bond(D, LPT('500'), O.address);
    [p] = await polls.polls();
    const ended = { open: false, blocksLeft: 0n, tallyBlock: Number(p!.endBlock), yes: selfBond, no: dBond };
    expect(p).toMatchObject(ended);
    expect(p!.votes.map((v) => [v.voter, v.choice, v.stake])).toEqual([
      [D.address, 'no', dBond],
      [O.address, 'yes', selfBond],
    ]);

    // The same chain read as Arbitrum One: ArbSys (0x64) answers an L2 number, so the end block is
    // no blockTag and the reader bisects for the last block whose block.number is at most the end
    // block (here the end block itself, as anvil's block.number is its own block number)
    await devnet.provider.send('anvil_setCode', [ARB_SYS_ADDRESS, ARB_SYS_L2_AHEAD]);
    const arbitrum = createChainClient({ rpcUrl: devnet.rpcUrl, controller: devnet.controller, chainId: 42161 });
    try {
      const blocks = await arbitrum.blockNumbers();
      expect(blocks.blockNumber).toBe(blocks.l1BlockNumber + 0x10a3b2c0n);
      [p] = await createPollReader(arbitrum).polls();
      expect(p).toMatchObject(ended);
    } finally {
      arbitrum.close();
    }
  });
});
