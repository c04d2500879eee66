// Staking as the real BondingManager and Minter behave on Arbitrum One (livepeer/protocol
// contracts/bonding/BondingManager.sol, token/Minter.sol, and arbitrum-lpt-bridge's
// L2LPTDataCache), on the devnet and through the app's chain client:
// 5. bond(0, newOrchestrator) moves the whole existing stake: the app allows amount 0 for that.
// 6. inflation is computed on the global supply: this chain's LPT plus the L1 circulating supply
//    cached by L2LPTDataCache; the app shows it and projects the next round's rewards from it.
import { Contract, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { BONDING_MANAGER_ABI, MINTER_ABI, TOKEN_ABI } from './abi.ts';
import type { ChainClient } from './client.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from './test-support.ts';

const LPT = (n: string): bigint => parseEther(n);
const E9 = 1_000_000_000n;

describe('staking as on mainnet', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let A: Wallet, C: Wallet, D: Wallet;
  let bm: Contract;

  const send = async (from: Wallet, action: Parameters<ChainClient['prepare']>[1]) =>
    client.confirm((await client.prepare(from.address, action)).id);

  beforeAll(async () => {
    t = await startTestDevnet();
    const { devnet } = t;
    const p = devnet.provider;
    [A, C, D] = [1, 2, 3].map((i) => new Wallet(devnet.accounts[i]!.privateKey, p)) as [Wallet, Wallet, Wallet];
    client = devnetClient(devnet);
    bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, p);
    for (const [w, amount] of [
      [A, LPT('1000')],
      [C, LPT('2000')],
      [D, LPT('500')],
    ] as const) {
      await devnet.fund(w.address, { lpt: amount });
      await send(w, { kind: 'approve', amount });
    }
    await send(A, { kind: 'bond', amount: LPT('1000'), to: A.address });
    await send(C, { kind: 'bond', amount: LPT('2000'), to: C.address });
    await send(D, { kind: 'bond', amount: LPT('500'), to: A.address });
    await devnet.advanceRound();
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  it('5. moves the whole stake to another orchestrator with an amount of 0', async () => {
    const preview = await client.prepare(D.address, { kind: 'bond', amount: 0n, to: C.address });
    expect(preview.summary).toMatch(/^Move your 500\.0 LPT of stake to orchestrator/);
    const lptBefore = (await client.account(D.address)).lptBalance;
    await client.confirm(preview.id);
    const d = await bm.getFunction('getDelegator')(D.address);
    expect([d.delegateAddress, d.bondedAmount]).toEqual([C.address, LPT('500')]);
    expect(await bm.getFunction('transcoderTotalStake')(A.address)).toBe(LPT('1000'));
    expect(await bm.getFunction('transcoderTotalStake')(C.address)).toBe(LPT('2500'));
    expect((await client.account(D.address)).lptBalance).toBe(lptBefore); // no LPT left the wallet

    // 0 with nothing to move is refused before sending
    const code = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );
    expect(await code(client.prepare(D.address, { kind: 'bond', amount: 0n, to: C.address }))).toBe(ErrorCode.BadInput);
    const fresh = new Wallet(Wallet.createRandom().privateKey, t.devnet.provider);
    expect(await code(client.prepare(fresh.address, { kind: 'bond', amount: 0n, to: C.address }))).toBe(
      ErrorCode.BadInput,
    );
  });

  it('6. inflates the global supply (L2 token + L1 circulating) and projects the next round from it', async () => {
    const minter = new Contract(t.devnet.contracts.Minter, MINTER_ABI, t.devnet.provider);
    const token = new Contract(t.devnet.contracts.LivepeerToken, TOKEN_ABI, t.devnet.provider);
    const l1Circulating = DEVNET_PARAMS.l1TotalSupply - DEVNET_PARAMS.l2SupplyFromL1;
    const l2 = (await token.getFunction('totalSupply')()) as bigint;
    expect(await minter.getFunction('getGlobalTotalSupply')()).toBe(l2 + l1Circulating);

    const p = await client.protocol();
    expect(p.totalSupply).toBe(l2);
    expect(p.supply.globalSupply).toBe(l2 + l1Circulating);
    expect(p.supply.l1CirculatingSupply).toBe(l1Circulating);
    // Mainnet's setInflation: the bonding rate against the global supply, one inflationChange step
    const rate = (p.nextRoundTotalActiveStake * E9) / p.supply.globalSupply;
    expect(p.supply.nextBondingRate).toBe(rate);
    const stepped = rate < DEVNET_PARAMS.targetBondingRate ? p.inflation + DEVNET_PARAMS.inflationChange : p.inflation;
    expect(p.supply.nextInflation).toBe(stepped);
    expect(p.supply.nextMintableTokens).toBe((p.supply.globalSupply * stepped) / E9);

    // The projection is what the next round's initialization sets (no stake or supply change in between)
    await t.devnet.advanceRound();
    expect(await minter.getFunction('inflation')()).toBe(p.supply.nextInflation);
    expect(await minter.getFunction('currentMintableTokens')()).toBe(p.supply.nextMintableTokens);
  });
});
