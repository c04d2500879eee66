// Governance on the devnet, end to end: stake gives voting power through BondingVotes checkpoints;
// a proposal (a Treasury payout) is created, voted by an orchestrator and by delegators who
// override it, tallied against hand-computed stake weights, and taken through
// Pending → Active → Succeeded → Queued → Executed; a second proposal is Defeated.
// Votes go through the chain client's preview → confirm, signed by a signer that checks the approval.
import { Contract, id, Interface, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/index.ts';
import { BONDING_MANAGER_ABI, TOKEN_ABI } from './abi.ts';
import type { ChainAction, ChainClient } from './client.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { createGovernanceReader, type GovernanceReader } from '../governance/proposal-reader.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from './test-support.ts';

const LPT = (n: string): bigint => parseEther(n);
const ppm = (x: bigint, p: bigint): bigint => (x * p) / 1_000_000n;

describe('governance on the devnet', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let gov: GovernanceReader;
  let O: Wallet, D1: Wallet, D2: Wallet, R: Wallet;

  // Hand-computed stake: O self-bonds 10 000, D1 delegates 3 000 and D2 2 000 to O
  const selfBond = LPT('10000');
  const d1Bond = LPT('3000');
  const d2Bond = LPT('2000');
  const total = selfBond + d1Bond + d2Bond;
  const payout = LPT('250');

  async function send(from: Wallet, action: ChainAction): Promise<void> {
    const preview = await client.prepare(from.address, action);
    await client.confirm(preview.id);
  }

  beforeAll(async () => {
    t = await startTestDevnet();
    const { devnet } = t;
    const p = devnet.provider;
    [O, D1, D2, R] = [1, 2, 3, 4].map((i) => new Wallet(devnet.accounts[i]!.privateKey, p)) as [
      Wallet,
      Wallet,
      Wallet,
      Wallet,
    ];
    client = devnetClient(devnet);
    gov = createGovernanceReader(client);
    await devnet.fund(O.address, { lpt: selfBond });
    await devnet.fund(D1.address, { lpt: d1Bond });
    await devnet.fund(D2.address, { lpt: d2Bond });
    await devnet.fund(devnet.contracts.Treasury, { lpt: LPT('1000') });
    const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, p);
    for (const [w, amount] of [
      [O, selfBond],
      [D1, d1Bond],
      [D2, d2Bond],
    ] as const) {
      await (
        await new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, w).getFunction('approve')(
          devnet.contracts.BondingManager,
          amount,
        )
      ).wait();
      await (await (bm.connect(w) as Contract).getFunction('bond')(amount, O.address)).wait();
      if (w === O) await (await (bm.connect(O) as Contract).getFunction('transcoder')(100_000n, 500_000n)).wait();
    }
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  it('gives staked LPT voting power from the next round, orchestrators with their delegated stake', async () => {
    // As mainnet's BondingVotes: getVotes is the power at the start of the next round, when the
    // checkpoint takes effect; the round just past had none
    const round = (await client.protocol()).round;
    expect((await gov.votingPower(O.address)).votes).toBe(total);
    expect(await gov.votesAt(O.address, round - 1n)).toBe(0n);
    await t.devnet.advanceRound();
    const o = await gov.votingPower(O.address);
    expect(o.votes).toBe(total);
    expect(o.delegate).toBe(O.address);
    expect(o.totalSupply).toBe(total); // O is the only active orchestrator
    const d1 = await gov.votingPower(D1.address);
    expect(d1.votes).toBe(d1Bond);
    expect(d1.delegate).toBe(O.address);
  });

  it('runs a proposal through votes with delegator overrides to execution, and defeats another', async () => {
    const { devnet } = t;
    const token = new Interface(TOKEN_ABI);
    const payoutCall = {
      targets: [devnet.contracts.LivepeerToken],
      values: [0n],
      calldatas: [token.encodeFunctionData('transfer', [R.address, payout])],
      description: '# Fund the devnet docs\nPay 250 LPT from the Treasury to R.',
    };
    const rejected = { ...payoutCall, description: '# A proposal the orchestrator opposes\nSame payout.' };

    await devnet.advanceRound(); // proposing needs power in the previous round
    await send(O, { kind: 'propose', ...payoutCall });
    await send(O, { kind: 'propose', ...rejected });
    const [p2, p1] = await gov.proposals();
    expect(p1!.title).toBe('Fund the devnet docs');
    expect(p2!.title).toBe('A proposal the orchestrator opposes');
    expect(p1!.state).toBe('Pending');
    const round = (await client.protocol()).round;
    expect(p1!.voteStart).toBe(round + DEVNET_PARAMS.votingDelay);
    expect(p1!.voteEnd).toBe(p1!.voteStart + DEVNET_PARAMS.votingPeriod);
    // The snapshot round is not past yet (BondingVotes would refuse it): read at the latest past round
    expect(p1!.quorum).toBe(ppm(total, DEVNET_PARAMS.quorumNumerator));
    expect([p1!.figuresRound, p1!.provisional]).toEqual([round - 1n, true]);

    // Voting before the proposal opens is refused before anything is sent
    await expect(client.prepare(O.address, { kind: 'castVote', proposalId: p1!.id, support: 1 })).rejects.toThrow(
      /Pending, not open/,
    );

    await devnet.advanceRound();
    await devnet.advanceRound();
    expect((await gov.proposal(p1!.id)).state).toBe('Active');

    // Proposal 1: O votes For first, then D1 overrides with Against and D2 with Abstain
    const preview = await client.prepare(O.address, {
      kind: 'castVote',
      proposalId: p1!.id,
      support: 1,
      reason: 'Docs help every operator',
    });
    expect(preview.method).toBe('castVoteWithReason(uint256,uint8,string)');
    expect(preview.simulatedResult).toBe(total.toString()); // the weight the vote returns
    await client.confirm(preview.id);
    let v = await gov.proposal(p1!.id);
    expect([v.forVotes, v.againstVotes, v.abstainVotes]).toEqual([total, 0n, 0n]);

    await send(D1, { kind: 'castVote', proposalId: p1!.id, support: 0, reason: 'Too much' });
    await send(D2, { kind: 'castVote', proposalId: p1!.id, support: 2 });
    v = await gov.proposal(p1!.id);
    expect(v.forVotes).toBe(total - d1Bond - d2Bond); // 10 000
    expect(v.againstVotes).toBe(d1Bond); // 3 000
    expect(v.abstainVotes).toBe(d2Bond); // 2 000
    expect(v.votes.map((x) => [x.voter, x.support, x.weight, x.reason])).toEqual([
      [O.address, 'for', total, 'Docs help every operator'],
      [D1.address, 'against', d1Bond, 'Too much'],
      [D2.address, 'abstain', d2Bond, ''],
    ]);
    const delegators = await gov.delegatorVotes(p1!.id, O.address);
    expect(delegators.map((x) => [x.voter, x.support, x.differsFromOrchestrator])).toEqual([
      [D1.address, 'against', true],
      [D2.address, 'abstain', true],
    ]);

    // Proposal 2: the delegator votes first (For), then O votes Against without D1's stake
    await send(D1, { kind: 'castVote', proposalId: p2!.id, support: 1 });
    await send(O, { kind: 'castVote', proposalId: p2!.id, support: 0 });
    v = await gov.proposal(p2!.id);
    expect([v.forVotes, v.againstVotes, v.abstainVotes]).toEqual([d1Bond, total - d1Bond, 0n]);

    // A second vote is refused before sending
    const code = await client.prepare(O.address, { kind: 'castVote', proposalId: p1!.id, support: 0 }).then(
      () => null,
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );
    expect(code).toBe('CONFLICT');

    // Close voting: p1 has 10 000 For > 50 % of (10 000 + 3 000); p2 has 3 000 For < 50 % of 15 000
    while ((await client.protocol()).round <= p1!.voteEnd) await devnet.advanceRound();
    expect((await gov.proposal(p1!.id)).state).toBe('Succeeded');
    expect((await gov.proposal(p2!.id)).state).toBe('Defeated');
    expect((await gov.proposal(p1!.id)).roundsLeft).toBe(0n);

    await send(O, { kind: 'queueProposal', ...payoutCall });
    expect((await gov.proposal(p1!.id)).state).toBe('Queued');
    const tokenRead = new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, devnet.provider);
    const before = (await tokenRead.getFunction('balanceOf')(R.address)) as bigint;
    await send(R, { kind: 'executeProposal', ...payoutCall }); // anyone may execute through the governor
    expect((await gov.proposal(p1!.id)).state).toBe('Executed');
    expect((await tokenRead.getFunction('balanceOf')(R.address)) as bigint).toBe(before + payout);
    expect((await tokenRead.getFunction('balanceOf')(devnet.contracts.Treasury)) as bigint).toBe(LPT('1000') - payout);
    // The defeated proposal cannot be queued
    await expect(client.prepare(O.address, { kind: 'queueProposal', ...rejected })).rejects.toThrow(/not successful/);
    expect(id(payoutCall.description)).toMatch(/^0x/);
  });
});
