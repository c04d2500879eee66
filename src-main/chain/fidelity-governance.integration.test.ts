// Governance reads as the real BondingVotes and LivepeerGovernor answer them on Arbitrum One
// (livepeer/protocol contracts/bonding/BondingVotes.sol, treasury/LivepeerGovernor.sol on
// OpenZeppelin Governor 4.9), on the devnet and through the app's governance reader:
// 1. rounds that are not past are refused (FutureLookup), so a pending proposal's quorum and
//    weights are read at the latest past round, marked provisional.
// 7. a delegator's voting power includes its unclaimed rewards (what pendingStake reports).
// Also: name, version, CLOCK_MODE and quorumDenominator are view; DelegatorBondedAmountChanged
// carries the last claim rounds.
import { Contract, Interface, parseEther, Wallet, type TransactionReceipt } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BONDING_MANAGER_ABI, BONDING_VOTES_ABI, LIVEPEER_GOVERNOR_ABI, TOKEN_ABI } from './abi.ts';
import type { ChainAction, ChainClient } from './client.ts';
import { loadArtifact } from './devnet/artifacts.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { createGovernanceReader, type GovernanceReader } from '../governance/proposal-reader.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from './test-support.ts';

const LPT = (n: string): bigint => parseEther(n);
const ppm = (x: bigint, p: bigint): bigint => (x * p) / 1_000_000n;

describe('governance reads as on mainnet', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let gov: GovernanceReader;
  let O: Wallet, D: Wallet;
  let bm: Contract, votes: Contract, governor: Contract;
  const selfBond = LPT('10000');
  const dBond = LPT('3000');

  const send = async (from: Wallet, action: ChainAction): Promise<string> =>
    (await client.confirm((await client.prepare(from.address, action)).id)).hash;
  const round = async (): Promise<bigint> => (await client.protocol()).round;
  /** The custom error a call reverts with, as ethers decodes it from the mainnet ABI. */
  const customError = (promise: Promise<unknown>): Promise<[string, unknown[]] | null> =>
    promise.then(
      () => null,
      (e: { revert?: { name: string; args: unknown[] } }) => (e.revert ? [e.revert.name, [...e.revert.args]] : null),
    );

  beforeAll(async () => {
    t = await startTestDevnet();
    const { devnet } = t;
    const p = devnet.provider;
    [O, D] = [1, 2].map((i) => new Wallet(devnet.accounts[i]!.privateKey, p)) as [Wallet, Wallet];
    client = devnetClient(devnet);
    gov = createGovernanceReader(client);
    bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, p);
    votes = new Contract(devnet.contracts.BondingVotes, BONDING_VOTES_ABI, p);
    governor = new Contract(devnet.contracts.LivepeerGovernor, LIVEPEER_GOVERNOR_ABI, p);
    for (const [w, amount] of [
      [O, selfBond],
      [D, dBond],
    ] as const) {
      await devnet.fund(w.address, { lpt: amount });
      await (
        await new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, w).getFunction('approve')(bm.target, amount)
      ).wait();
      await (await (bm.connect(w) as Contract).getFunction('bond')(amount, O.address)).wait();
    }
    await (await (bm.connect(O) as Contract).getFunction('transcoder')(100_000n, 500_000n)).wait();
    await devnet.advanceRound();
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  it('1. refuses rounds that are not past; a pending proposal is read at the latest past round', async () => {
    const r = await round();
    const lookup = ['FutureLookup', [r, r - 1n]];
    expect(await customError(votes.getFunction('getPastVotes')(O.address, r))).toEqual(lookup);
    expect(await customError(votes.getFunction('getPastTotalSupply')(r))).toEqual(lookup);
    expect(await customError(votes.getFunction('delegatedAt')(D.address, r + 1n))).toEqual([
      'FutureLookup',
      [r + 1n, r - 1n],
    ]);
    expect(await votes.getFunction('getPastVotes')(O.address, r - 1n)).toBe(selfBond + dBond);
    // The governor's quorum reads BondingVotes: the same refusal comes back through it
    await expect(governor.getFunction('quorum')(r)).rejects.toThrow(/0x7f07449b/);

    await send(O, {
      kind: 'propose',
      targets: [t.devnet.contracts.LivepeerToken],
      values: [0n],
      calldatas: [new Interface(TOKEN_ABI).encodeFunctionData('transfer', [D.address, 1n])],
      description: '# Pending for two rounds\nRead while its snapshot is in the future.',
    });
    // Created in round r with voteStart r + 1: both rounds are refused while it is Pending
    let [p] = await gov.proposals();
    expect(p).toMatchObject({ state: 'Pending', voteStart: r + DEVNET_PARAMS.votingDelay, figuresRound: r - 1n });
    expect(p!.provisional).toBe(true);
    expect(p!.quorum).toBe(ppm(selfBond + dBond, DEVNET_PARAMS.quorumNumerator));
    expect(await gov.votesAt(O.address, p!.voteStart)).toBe(selfBond + dBond);
    await t.devnet.advanceRound();
    [p] = await gov.proposals();
    expect(p).toMatchObject({ state: 'Pending', figuresRound: r, provisional: true });
    await t.devnet.advanceRound();
    [p] = await gov.proposals();
    expect(p).toMatchObject({ state: 'Active', figuresRound: p!.voteStart, provisional: false });
  });

  it("7. counts a delegator's unclaimed rewards in its voting power, as pendingStake does", async () => {
    await (await (bm.connect(O) as Contract).getFunction('reward')()).wait();
    const pending = (await bm.getFunction('pendingStake')(D.address, 0n)) as bigint;
    expect(pending).toBeGreaterThan(dBond); // rewards not claimed yet
    expect((await bm.getFunction('getDelegator')(D.address)).bondedAmount).toBe(dBond);
    expect((await gov.votingPower(D.address)).votes).toBe(pending);
    const orchestrator = (await bm.getFunction('transcoderTotalStake')(O.address)) as bigint;
    expect((await gov.votingPower(O.address)).votes).toBe(orchestrator); // its whole delegated stake

    const r = await round();
    await t.devnet.advanceRound();
    expect(await gov.votesAt(D.address, r)).toBe(pending);

    // Claiming moves the rewards into bondedAmount: the power stays, and the mainnet event says so
    const lastClaim = (await bm.getFunction('getDelegator')(D.address)).lastClaimRound as bigint;
    const hash = await send(D, { kind: 'claimEarnings' });
    expect((await gov.votingPower(D.address)).votes).toBe(pending);
    const receipt = (await t.devnet.provider.getTransactionReceipt(hash)) as TransactionReceipt;
    const changed = receipt.logs
      .map((l) => votes.interface.parseLog(l))
      .find((e) => e?.name === 'DelegatorBondedAmountChanged');
    expect(changed?.args.toArray()).toEqual([D.address, dBond, lastClaim, pending, r + 1n]);
  });

  it('keeps the governor views and BondingVotes events of the mainnet ABI', () => {
    // OpenZeppelin Governor 4.9 as LivepeerGovernor uses it: these four are view, hashProposal pure
    const abi = loadArtifact('LivepeerGovernor').abi as { type: string; name?: string; stateMutability?: string }[];
    const mutability = (name: string) => abi.find((f) => f.type === 'function' && f.name === name)?.stateMutability;
    expect(['name', 'version', 'CLOCK_MODE', 'quorumDenominator'].map(mutability)).toEqual([
      'view',
      'view',
      'view',
      'view',
    ]);
    expect(mutability('hashProposal')).toBe('pure');
  });
});
