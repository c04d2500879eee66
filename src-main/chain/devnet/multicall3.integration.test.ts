// Multicall3 on the devnet at its canonical address: aggregate3 answers as the canonical contract
// does. The expected bytes are encoded by ethers' Interface from the mainnet ABI (not by our code),
// and each sub-call's answer is compared with the same call made directly.
import { Interface } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MULTICALL3_ADDRESS, PROTOCOL_ABIS } from '../abi.ts';
import { startTestDevnet, type TestDevnet } from '../test-support.ts';

const MC = new Interface([
  'function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)',
  'function getBlockNumber() view returns (uint256)',
  'function getBasefee() view returns (uint256)',
  'function getEthBalance(address) view returns (uint256)',
  'function getChainId() view returns (uint256)',
]);
const ROUNDS = new Interface(PROTOCOL_ABIS.RoundsManager);
const TOKEN = new Interface(PROTOCOL_ABIS.LivepeerToken);

describe('Multicall3 on the devnet', () => {
  let t: TestDevnet;
  beforeAll(async () => {
    t = await startTestDevnet();
  }, 90_000);
  afterAll(() => t?.close());

  const ethCall = (to: string, data: string) =>
    t.devnet.provider.send('eth_call', [{ to, data }, 'latest']) as Promise<string>;

  it('has code at the canonical address', async () => {
    expect((await t.devnet.provider.getCode(MULTICALL3_ADDRESS)).length).toBeGreaterThan(100);
  });

  it('aggregate3 returns each call as a direct call would, a refusal only where allowed', async () => {
    const faucet = t.devnet.accounts[0]!.address;
    const calls: [string, boolean, string][] = [
      [t.devnet.contracts.RoundsManager, false, ROUNDS.encodeFunctionData('currentRound')],
      [t.devnet.contracts.LivepeerToken, false, TOKEN.encodeFunctionData('balanceOf', [faucet])],
      [MULTICALL3_ADDRESS, false, MC.encodeFunctionData('getEthBalance', [faucet])],
      [MULTICALL3_ADDRESS, false, MC.encodeFunctionData('getChainId')],
      // transfer from the Multicall3 (no tokens) reverts: allowed to fail
      [t.devnet.contracts.LivepeerToken, true, TOKEN.encodeFunctionData('transfer', [faucet, 1n])],
    ];
    const raw = await ethCall(MULTICALL3_ADDRESS, MC.encodeFunctionData('aggregate3', [calls]));
    const [results] = MC.decodeFunctionResult('aggregate3', raw) as unknown as [[boolean, string][]];
    expect(results.length).toBe(5);
    expect(results.slice(0, 4).map((r) => r[0])).toEqual([true, true, true, true]);
    expect(results[0]![1]).toBe(await ethCall(calls[0]![0], calls[0]![2]));
    expect(results[1]![1]).toBe(await ethCall(calls[1]![0], calls[1]![2]));
    expect(BigInt(results[2]![1])).toBe(await t.devnet.provider.getBalance(faucet));
    expect(BigInt(results[3]![1])).toBe(31337n);
    expect(results[4]![0]).toBe(false);
    // The whole batch reverts when a call that may not fail fails
    const strict = MC.encodeFunctionData('aggregate3', [[[calls[4]![0], false, calls[4]![2]]]]);
    await expect(ethCall(MULTICALL3_ADDRESS, strict)).rejects.toThrow();
  });

  it('answers the block getters from the block the call runs in', async () => {
    const block = await t.devnet.provider.getBlock('latest');
    const number = BigInt(await ethCall(MULTICALL3_ADDRESS, MC.encodeFunctionData('getBlockNumber')));
    const basefee = BigInt(await ethCall(MULTICALL3_ADDRESS, MC.encodeFunctionData('getBasefee')));
    expect(number).toBe(BigInt(block!.number));
    expect(basefee).toBe(block!.baseFeePerGas);
  });
});
