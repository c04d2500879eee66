// The full staking lifecycle on a real anvil devnet, with every minted and credited amount checked
// against the protocol's formulas computed here independently (livepeer-protocol.md §5.7, §5.8).
import { Contract, parseEther, Wallet, type ContractTransactionResponse } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BONDING_MANAGER_ABI,
  MINTER_ABI,
  ROUNDS_MANAGER_ABI,
  SERVICE_REGISTRY_ABI,
  TICKET_BROKER_ABI,
  TOKEN_ABI,
} from './abi.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { expectRevert, revert, snapshot, startTestDevnet, type TestDevnet } from './test-support.ts';
import { signTicket } from './test-support-tickets.ts';

const E27 = 10n ** 27n;
const E9 = 10n ** 9n;
const LPT = (n: string): bigint => parseEther(n);
// PreciseMathUtils / MathUtilsV2 as the protocol defines them
const percOf27 = (x: bigint, num: bigint, den: bigint): bigint => (x * ((num * E27) / den)) / E27;
const percOf9 = (x: bigint, num: bigint, den: bigint): bigint => (x * ((num * E9) / den)) / E9;
const ppm = (x: bigint, p: bigint): bigint => (x * p) / 1_000_000n;

async function mined(
  tx: Promise<ContractTransactionResponse>,
): Promise<{ gasUsed: bigint; gasPrice: bigint; logs: readonly { topics: readonly string[]; data: string }[] }> {
  const receipt = await (await tx).wait();
  if (!receipt || receipt.status !== 1) throw new Error('transaction failed');
  return { gasUsed: receipt.gasUsed, gasPrice: receipt.gasPrice, logs: receipt.logs };
}

describe('staking lifecycle on the devnet', () => {
  let t: TestDevnet;
  let funded: string; // snapshot: accounts funded, nothing bonded
  let O: Wallet, D: Wallet, B: Wallet;
  let bm: Contract, rm: Contract, minter: Contract, tokenAs: (w: Wallet) => Contract, tb: Contract, sr: Contract;

  beforeAll(async () => {
    t = await startTestDevnet();
    const { devnet } = t;
    const p = devnet.provider;
    [O, D, B] = [1, 2, 3].map((i) => new Wallet(devnet.accounts[i]!.privateKey, p)) as [Wallet, Wallet, Wallet];
    await devnet.fund(O.address, { lpt: LPT('100000') });
    await devnet.fund(D.address, { lpt: LPT('50000') });
    bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, p);
    rm = new Contract(devnet.contracts.RoundsManager, ROUNDS_MANAGER_ABI, p);
    minter = new Contract(devnet.contracts.Minter, MINTER_ABI, p);
    tb = new Contract(devnet.contracts.TicketBroker, TICKET_BROKER_ABI, p);
    sr = new Contract(devnet.contracts.ServiceRegistry, SERVICE_REGISTRY_ABI, p);
    tokenAs = (w) => new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, w);
    funded = await snapshot(p);
  });
  afterAll(async () => t?.close());

  const as = (c: Contract, w: Wallet): Contract => c.connect(w) as Contract;

  it('runs approve → bond → transcoder → activation → rewards → delegation → fees → unbond/rebond → withdraw', async () => {
    const { devnet } = t;
    const r0 = (await rm.currentRound!()) as bigint;
    let inflation = (await minter.inflation!()) as bigint;

    // --- round r0: register as orchestrator ---
    const selfBond = LPT('10000');
    await mined(as(tokenAs(O), O).approve!(devnet.contracts.BondingManager, selfBond));
    await mined(as(bm, O).bond!(selfBond, O.address));
    await mined(as(bm, O).transcoder!(100_000n, 500_000n)); // 10 % reward cut, 50 % fee share
    await mined(as(sr, O).setServiceURI!('https://127.0.0.1:8935'));
    expect(await sr.getServiceURI!(O.address)).toBe('https://127.0.0.1:8935');
    expect(await bm.isRegisteredTranscoder!(O.address)).toBe(true);
    expect(await bm.isActiveTranscoder!(O.address)).toBe(false);
    expect((await bm.getTranscoder!(O.address)).activationRound).toBe(r0 + 1n);
    expect(await bm.getFirstTranscoderInPool!()).toBe(O.address);
    await expectRevert(as(bm, O).reward!(), 'caller must be an active transcoder');

    // --- round r1: active; reward mints the whole round (O is the only active stake) ---
    const r1 = await devnet.advanceRound();
    expect(r1).toBe(r0 + 1n);
    expect(await bm.isActiveTranscoder!(O.address)).toBe(true);
    expect(await bm.currentRoundTotalActiveStake!()).toBe(selfBond);
    inflation += DEVNET_PARAMS.inflationChange; // bonding rate far below the 50 % target
    expect(await minter.inflation!()).toBe(inflation);
    // Inflation applies to the global supply: this chain's LPT plus the L1 circulating supply (L2LPTDataCache)
    const supply1 = DEVNET_PARAMS.initialSupply + DEVNET_PARAMS.l1TotalSupply - DEVNET_PARAMS.l2SupplyFromL1;
    const mintable1 = (supply1 * inflation) / E9;
    expect(await minter.currentMintableTokens!()).toBe(mintable1);

    const minted1 = percOf9(mintable1, selfBond, selfBond);
    const treasury1 = (minted1 * DEVNET_PARAMS.treasuryRewardCutRate) / E27;
    const tr1 = minted1 - treasury1;
    const rewardTx = await mined(as(bm, O).reward!());
    const rewardLog = bm.interface.parseLog(rewardTx.logs.find((l) => bm.interface.parseLog(l)?.name === 'Reward')!)!;
    expect(rewardLog.args.amount).toBe(tr1);
    expect(await tokenAs(O).balanceOf!(devnet.contracts.Treasury)).toBe(treasury1);
    await expectRevert(as(bm, O).reward!(), 'caller has already called reward for the current round');

    const commission1 = ppm(tr1, 100_000n);
    const crf1 = E27 + percOf27(E27, tr1 - commission1, selfBond);
    expect((await bm.getTranscoderEarningsPoolForRound!(O.address, r1)).cumulativeRewardFactor).toBe(crf1);
    const oStake1 = percOf27(selfBond, crf1, E27) + commission1;
    expect(await bm.pendingStake!(O.address, 0n)).toBe(oStake1);
    expect(selfBond + tr1 - oStake1).toBeLessThan(10n ** 10n); // rounding only

    // --- round r1: a delegator bonds; pending until r2 ---
    const dBond = LPT('5000');
    await mined(as(tokenAs(D), D).approve!(devnet.contracts.BondingManager, dBond));
    await mined(as(bm, D).bond!(dBond, O.address));
    expect(await bm.delegatorStatus!(D.address)).toBe(0n); // Pending
    const S2 = selfBond + tr1 + dBond;
    expect(await bm.transcoderTotalStake!(O.address)).toBe(S2);

    // --- round r2: reward split by the cumulative factor ---
    const r2 = await devnet.advanceRound();
    expect(await bm.delegatorStatus!(D.address)).toBe(1n); // Bonded
    inflation += DEVNET_PARAMS.inflationChange;
    const mintable2 = ((supply1 + minted1) * inflation) / E9;
    expect(await minter.currentMintableTokens!()).toBe(mintable2);
    expect(await bm.currentRoundTotalActiveStake!()).toBe(S2);
    await mined(as(bm, O).reward!());
    const minted2 = percOf9(mintable2, S2, S2);
    const tr2 = minted2 - (minted2 * DEVNET_PARAMS.treasuryRewardCutRate) / E27;
    const commission2 = ppm(tr2, 100_000n);
    const del2 = tr2 - commission2;
    const crf2 = crf1 + percOf27(crf1, del2, S2);
    expect((await bm.getTranscoderEarningsPoolForRound!(O.address, r2)).cumulativeRewardFactor).toBe(crf2);
    const dStake2 = percOf27(dBond, crf2, crf1);
    expect(await bm.pendingStake!(D.address, 0n)).toBe(dStake2);
    // The delegator's share of the round: its stake / pool stake of what delegators get
    const dShare = (del2 * dBond) / S2;
    expect(dStake2 - dBond - dShare).toBeLessThan(10n ** 10n);
    expect(dShare - (dStake2 - dBond)).toBeLessThan(10n ** 10n);
    const oCum2 = commission1 + percOf27(del2, commission1, S2) + commission2;
    expect((await bm.getTranscoder!(O.address)).cumulativeRewards).toBe(oCum2);
    expect(await bm.pendingStake!(O.address, 0n)).toBe(percOf27(selfBond, crf2, E27) + oCum2);

    // --- round r2: a winning ticket credits fees to O's pool ---
    const F = parseEther('0.1');
    await mined(as(tb, B).fundDepositAndReserve!(parseEther('1'), parseEther('1'), { value: parseEther('2') }));
    // A ticket of the current round (r2), signed by B
    const { ticket, sig, rand } = await signTicket(rm, B, { recipient: O.address, faceValue: F });
    expect(BigInt(ticket.auxData.slice(0, 66))).toBe(r2);
    await mined(as(tb, O).redeemWinningTicket!(ticket, sig, rand));
    const delegatorsFees = ppm(F, 500_000n);
    const cff2 = percOf27(crf1, delegatorsFees, S2);
    expect((await bm.getTranscoderEarningsPoolForRound!(O.address, r2)).cumulativeFeeFactor).toBe(cff2);
    const oFees = percOf27(selfBond, cff2, E27) + percOf27(delegatorsFees, commission1, S2) + (F - delegatorsFees);
    const dFees = percOf27(dBond, cff2, crf1);
    expect(await bm.pendingFees!(O.address, 0n)).toBe(oFees);
    expect(await bm.pendingFees!(D.address, 0n)).toBe(dFees);
    expect(F - oFees - dFees).toBeGreaterThanOrEqual(0n);
    expect(F - oFees - dFees).toBeLessThan(10n ** 6n);

    // --- withdraw fees: ETH leaves the Minter for O's wallet ---
    await expectRevert(as(bm, O).withdrawFees!(O.address, oFees + 1n), 'insufficient fees to withdraw');
    const before = await devnet.provider.getBalance(O.address);
    const wf = await mined(as(bm, O).withdrawFees!(O.address, oFees));
    expect(await devnet.provider.getBalance(O.address)).toBe(before + oFees - wf.gasUsed * wf.gasPrice);
    expect((await bm.getDelegator!(O.address)).fees).toBe(0n);

    // --- unbond, rebond, unbond again; withdraw only after the unbonding period ---
    const part = LPT('2000');
    await mined(as(bm, D).unbond!(part));
    const lock0 = await bm.getDelegatorUnbondingLock!(D.address, 0n);
    expect(lock0.amount).toBe(part);
    expect(lock0.withdrawRound).toBe(r2 + DEVNET_PARAMS.unbondingPeriod);
    expect((await bm.getDelegator!(D.address)).bondedAmount).toBe(dStake2 - part);
    await expectRevert(as(bm, D).withdrawStake!(0n), 'withdraw round must be before or equal to the current round');
    await mined(as(bm, D).rebond!(0n));
    expect((await bm.getDelegator!(D.address)).bondedAmount).toBe(dStake2);
    expect((await bm.getDelegatorUnbondingLock!(D.address, 0n)).withdrawRound).toBe(0n);
    await expectRevert(as(bm, D).rebond!(0n), 'invalid unbonding lock ID');
    await mined(as(bm, D).unbond!(part));

    // --- round r3: reward again, split by pool stake / total active stake ---
    await devnet.advanceRound();
    const mintable3 = (await minter.currentMintableTokens!()) as bigint;
    const total3 = (await bm.currentRoundTotalActiveStake!()) as bigint;
    const pool3 = (await bm.transcoderTotalStake!(O.address)) as bigint;
    expect(pool3).toBe(total3);
    const r3tx = await mined(as(bm, O).reward!());
    const minted3 = percOf9(mintable3, pool3, total3);
    const r3log = r3tx.logs.map((l) => bm.interface.parseLog(l)).find((l) => l?.name === 'Reward')!;
    expect(r3log.args.amount).toBe(minted3 - (minted3 * DEVNET_PARAMS.treasuryRewardCutRate) / E27);

    // --- round r4: the unbonding period is over ---
    const r4 = await devnet.advanceRound();
    expect(r4).toBe(r2 + 2n);
    const dBalance = (await tokenAs(D).balanceOf!(D.address)) as bigint;
    await mined(as(bm, D).withdrawStake!(1n));
    expect(await tokenAs(D).balanceOf!(D.address)).toBe(dBalance + part);
    await expectRevert(as(bm, D).withdrawStake!(1n), 'invalid unbonding lock ID');

    // --- a locked round refuses parameter changes ---
    const start = (await rm.currentRoundStartBlock!()) as bigint;
    const lockAt = start + DEVNET_PARAMS.roundLength - ppm(DEVNET_PARAMS.roundLength, DEVNET_PARAMS.roundLockAmount);
    await devnet.advanceBlocks(Number(lockAt - BigInt(await devnet.provider.getBlockNumber())));
    expect(await rm.currentRoundLocked!()).toBe(true);
    await expectRevert(
      as(bm, O).transcoder!(50_000n, 500_000n),
      "can't update transcoder params, current round is locked",
    );
    expect(ticket.auxData.length).toBe(2 + 128);
  }, 60_000);

  it('keeps the active set at its maximum size: a larger stake evicts the smallest from the next round', async () => {
    const { devnet } = t;
    const p = devnet.provider;
    await devnet.advanceRound();
    const max = (await bm.getTranscoderPoolMaxSize!()) as bigint;
    const join = async (lpt: bigint): Promise<Wallet> => {
      // A join mines five blocks: move to a fresh round if they would reach the lock or the next round
      const start = (await rm.currentRoundStartBlock!()) as bigint;
      const lockAt = start + DEVNET_PARAMS.roundLength - ppm(DEVNET_PARAMS.roundLength, DEVNET_PARAMS.roundLockAmount);
      if (!((await rm.currentRoundInitialized!()) as boolean) || BigInt(await p.getBlockNumber()) + 6n >= lockAt)
        await devnet.advanceRound();
      const w = new Wallet(Wallet.createRandom().privateKey, p);
      await devnet.fund(w.address, { eth: parseEther('1'), lpt: LPT(lpt.toString()) });
      await mined(as(tokenAs(w), w).approve!(devnet.contracts.BondingManager, LPT(lpt.toString())));
      await mined(as(bm, w).bond!(LPT(lpt.toString()), w.address));
      await mined(as(bm, w).transcoder!(0n, 0n));
      return w;
    };
    const members: Wallet[] = [];
    for (let i = (await bm.getTranscoderPoolSize!()) as bigint; i < max; i++)
      members.push(await join(100n + 100n * BigInt(members.length)));
    expect(await bm.getTranscoderPoolSize!()).toBe(max);
    const smallest = members[0]!;
    await devnet.advanceRound(); // all members active

    const tooSmall = await join(50n);
    expect(await bm.getTranscoderPoolSize!()).toBe(max);
    const bigger = await join(150n);
    const round = (await rm.currentRound!()) as bigint;
    expect((await bm.getTranscoder!(smallest.address)).deactivationRound).toBe(round + 1n);
    expect((await bm.getTranscoder!(bigger.address)).activationRound).toBe(round + 1n);

    // The pool is sorted by stake, largest first
    const stakes: bigint[] = [];
    for (
      let a = (await bm.getFirstTranscoderInPool!()) as string;
      a !== '0x0000000000000000000000000000000000000000';
      a = (await bm.getNextTranscoderInPool!(a)) as string
    ) {
      stakes.push((await bm.transcoderTotalStake!(a)) as bigint);
    }
    expect(stakes).toHaveLength(Number(max));
    expect([...stakes].sort((x, y) => (y > x ? 1 : y < x ? -1 : 0))).toEqual(stakes);

    expect(await bm.isActiveTranscoder!(smallest.address)).toBe(true); // until the round ends
    await devnet.advanceRound();
    expect(await bm.isActiveTranscoder!(smallest.address)).toBe(false);
    expect(await bm.isActiveTranscoder!(bigger.address)).toBe(true);
    expect(await bm.isActiveTranscoder!(tooSmall.address)).toBe(false);
    expect(await bm.isRegisteredTranscoder!(tooSmall.address)).toBe(true);

    // With many orchestrators, each reward is the round's mintable tokens times its stake share
    const mintable = (await minter.currentMintableTokens!()) as bigint;
    const total = (await bm.currentRoundTotalActiveStake!()) as bigint;
    const share = (await bm.transcoderTotalStake!(bigger.address)) as bigint;
    expect(share).toBe(LPT('150'));
    const tx = await mined(as(bm, bigger).reward!());
    const minted = percOf9(mintable, share, total);
    const log = tx.logs.map((l) => bm.interface.parseLog(l)).find((l) => l?.name === 'Reward');
    expect(log?.args.amount).toBe(minted - (minted * DEVNET_PARAMS.treasuryRewardCutRate) / E27);
    expect(await minter.currentMintedTokens!()).toBe(minted);
  }, 60_000);

  it('accounts for a missed reward round (LIP-36 fallbacks) and for fees after a missed round', async () => {
    const { devnet } = t;
    const p = devnet.provider;
    await revert(p, funded);
    const selfBond = LPT('10000');
    const dBond = LPT('5000');
    await mined(as(tokenAs(O), O).approve!(devnet.contracts.BondingManager, selfBond));
    await mined(as(bm, O).bond!(selfBond, O.address));
    await mined(as(bm, O).transcoder!(100_000n, 500_000n));
    await mined(as(tokenAs(D), D).approve!(devnet.contracts.BondingManager, dBond));
    await mined(as(bm, D).bond!(dBond, O.address));
    const S1 = selfBond + dBond;

    // r1: reward
    await devnet.advanceRound();
    const mintable1 = (await minter.currentMintableTokens!()) as bigint;
    expect(await bm.currentRoundTotalActiveStake!()).toBe(S1);
    await mined(as(bm, O).reward!());
    const minted1 = percOf9(mintable1, S1, S1);
    const tr1 = minted1 - (minted1 * DEVNET_PARAMS.treasuryRewardCutRate) / E27;
    const crf1 = E27 + percOf27(E27, tr1 - ppm(tr1, 100_000n), S1);

    // r2: reward missed. r3: reward; the previous factor comes from r1, the last reward round
    await devnet.advanceRound();
    const r3 = await devnet.advanceRound();
    const S3 = S1 + tr1;
    const mintable3 = (await minter.currentMintableTokens!()) as bigint;
    expect(await bm.currentRoundTotalActiveStake!()).toBe(S3);
    await mined(as(bm, O).reward!());
    const minted3 = percOf9(mintable3, S3, S3);
    const tr3 = minted3 - (minted3 * DEVNET_PARAMS.treasuryRewardCutRate) / E27;
    const del3 = tr3 - ppm(tr3, 100_000n);
    const crf3 = crf1 + percOf27(crf1, del3, S3);
    expect((await bm.getTranscoderEarningsPoolForRound!(O.address, r3)).cumulativeRewardFactor).toBe(crf3);
    expect((await bm.getTranscoderEarningsPoolForRound!(O.address, r3 - 1n)).cumulativeRewardFactor).toBe(0n);
    expect(await bm.pendingStake!(D.address, 0n)).toBe(percOf27(dBond, crf3, E27));

    // A ticket redeemed in r3 after the missed r2: r2's factor is estimated back from r3's reward
    const F = parseEther('0.3');
    await mined(as(tb, B).fundDeposit!({ value: parseEther('1') }));
    const r3Ticket = await signTicket(rm, B, { recipient: O.address, faceValue: F });
    expect(BigInt(r3Ticket.ticket.auxData.slice(0, 66))).toBe(r3);
    await mined(as(tb, O).redeemWinningTicket!(r3Ticket.ticket, r3Ticket.sig, r3Ticket.rand));
    // Mainnet's estimate takes the round's mintable plus minted tokens (so it counts this round's
    // reward twice and lands below CRF[r1]); the devnet computes the same
    const estRewards = percOf27(mintable3 + minted3, S3, S3);
    const estNet = estRewards - (estRewards * DEVNET_PARAMS.treasuryRewardCutRate) / E27;
    const prevCrf = percOf27(crf3, S3, estNet - ppm(estNet, 100_000n) + S3);
    expect(prevCrf < crf1).toBe(true);
    const cff3 = percOf27(prevCrf, ppm(F, 500_000n), S3);
    expect((await bm.getTranscoderEarningsPoolForRound!(O.address, r3)).cumulativeFeeFactor).toBe(cff3);
    expect(await bm.pendingFees!(D.address, 0n)).toBe(percOf27(dBond, cff3, E27));
  }, 60_000);
});
