// On Arbitrum the protocol counts rounds in L1 blocks: inside a contract `block.number` is the L1
// estimate there, and ArbSys (0x64) gives the L2 block number. The client reads both in one
// Multicall3 batch. Real parts: anvil runs as chain 42161 with Multicall3 at its canonical address
// and, at 0x64, a stand-in ArbSys whose arbBlockNumber() answers a fixed L2 number.
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARB_SYS_ADDRESS, ARBITRUM_ONE_CONTROLLER } from './abi.ts';
import { createChainClient } from './client.ts';
import { startAnvil, type AnvilProcess } from './devnet/anvil.ts';
import { placeMulticall3 } from './devnet/devnet.ts';

/** Runtime code that returns 0x10a3b2c0 to any call: PUSH4 v, PUSH1 0, MSTORE, PUSH1 32, PUSH1 0, RETURN. */
const L2_BLOCK = 0x10a3b2c0n;
const ARB_SYS_STAND_IN = '0x6310a3b2c060005260206000f3';

describe('block numbers', () => {
  const anvils: AnvilProcess[] = [];
  const chainOn = async (chainId: number): Promise<string> => {
    const a = await startAnvil({ chainId });
    anvils.push(a);
    const provider = new JsonRpcProvider(a.rpcUrl, chainId, { staticNetwork: true });
    await placeMulticall3(provider);
    await provider.send('anvil_setCode', [ARB_SYS_ADDRESS, ARB_SYS_STAND_IN]);
    await provider.send('anvil_mine', ['0x2a']); // block 42
    provider.destroy();
    return a.rpcUrl;
  };
  let arbitrum: string;
  let other: string;
  beforeAll(async () => {
    [arbitrum, other] = await Promise.all([chainOn(42161), chainOn(31337)]);
  }, 60_000);
  afterAll(() => Promise.all(anvils.map((a) => a.stop())));

  it('on Arbitrum One: the L1 estimate from block.number, the L2 number from ArbSys', async () => {
    const client = createChainClient({ rpcUrl: arbitrum, controller: ARBITRUM_ONE_CONTROLLER, chainId: 42161 });
    expect(await client.blockNumbers()).toEqual({ blockNumber: L2_BLOCK, l1BlockNumber: 42n });
    client.close();
  });

  it('on other chains: the block number itself, ArbSys not asked', async () => {
    const client = createChainClient({ rpcUrl: other, controller: ARBITRUM_ONE_CONTROLLER, chainId: 31337 });
    expect(await client.blockNumbers()).toEqual({ blockNumber: 42n, l1BlockNumber: 42n });
    client.close();
  });
});
