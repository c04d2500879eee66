// The governance service on a real devnet: the overview's numbers, a vote with a reason prepared by
// the service and sent through the chain client's confirm, a delegator's override as the
// orchestrator sees it, and the proposal-opened announcement (once per proposal).
import { Contract, Interface, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { governance, type GovernanceProposalOpened } from '../../src-shared/contract/index.ts';
import { BONDING_MANAGER_ABI, TOKEN_ABI } from '../chain/abi.ts';
import type { ChainClient } from '../chain/client.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from '../chain/test-support.ts';
import { createLogSink } from '../log/logger.ts';
import { throughRouter, type WireService } from '../app/testing/through-router.ts';
import { createGovernanceRuntime, type GovernanceRuntime } from './governance-service.ts';

const LPT = (n: string): bigint => parseEther(n);

describe('governance service', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let runtime: GovernanceRuntime;
  /** The service as the UI calls it: through the router, wire form in and out. */
  let service: WireService<typeof governance>;
  let O: Wallet, D: Wallet;
  const opened: GovernanceProposalOpened[] = [];

  beforeAll(async () => {
    t = await startTestDevnet();
    const { devnet } = t;
    [O, D] = [6, 7].map((i) => new Wallet(devnet.accounts[i]!.privateKey, devnet.provider)) as [Wallet, Wallet];
    client = devnetClient(devnet);
    runtime = createGovernanceRuntime({
      client: async () => client,
      secondsPerBlock: () => 2,
      log: createLogSink({ printLevel: 'error' }).root,
      onProposalOpened: (p) => opened.push(p),
    });
    service = throughRouter(governance, runtime.service);
    const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, devnet.provider);
    for (const [w, amount] of [
      [O, LPT('8000')],
      [D, LPT('2000')],
    ] as const) {
      await devnet.fund(w.address, { lpt: amount });
      const token = new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, w);
      await (await token.getFunction('approve')(devnet.contracts.BondingManager, amount)).wait();
      await (await (bm.connect(w) as Contract).getFunction('bond')(amount, O.address)).wait();
      if (w === O) await (await (bm.connect(O) as Contract).getFunction('transcoder')(0n, 1_000_000n)).wait();
    }
    await devnet.advanceRound();
    await devnet.advanceRound();
    const calldata = new Interface(TOKEN_ABI).encodeFunctionData('transfer', [O.address, 0n]);
    const p = await client.prepare(O.address, {
      kind: 'propose',
      targets: [devnet.contracts.LivepeerToken],
      values: [0n],
      calldatas: [calldata],
      description: '# Raise the devnet quota\n\nA test proposal.',
    });
    await client.confirm(p.id);
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  it('shows a pending proposal and the account voting power', async () => {
    const o = await service.overview({ account: O.address });
    expect(o.available).toBe(true);
    expect(o.votingPower).toBe(LPT('10000').toString());
    expect(o.delegate).toBe(O.address);
    expect(o.proposals).toHaveLength(1);
    const p = o.proposals[0]!;
    expect(p.title).toBe('Raise the devnet quota');
    expect(p.state).toBe('Pending');
    expect(p.quorum).toBe(((LPT('10000') * 333_300n) / 1_000_000n).toString());
    expect(p.roundsLeft).toBe('7'); // this round, the 1-round delay and the 5-round period
    expect(p.secondsLeft).toBe(Number(p.blocksLeft) * 2);
    await runtime.poll();
    expect(opened).toEqual([]); // not open yet
  });

  it('announces the proposal once when it opens, then votes with a reason and sees the override', async () => {
    await t.devnet.advanceRound();
    await t.devnet.advanceRound();
    await runtime.poll();
    await runtime.poll();
    expect(opened).toHaveLength(1);
    expect(opened[0]!.title).toBe('Raise the devnet quota');
    const id = opened[0]!.id;

    const preview = await service.prepareVote({ from: O.address, proposalId: id, support: 'for', reason: 'Yes' });
    expect(preview.summary).toContain('Vote for');
    expect(preview.simulatedResult).toBe(LPT('10000').toString());
    await client.confirm(preview.id);
    const dv = await service.prepareVote({ from: D.address, proposalId: id, support: 'against' });
    await client.confirm(dv.id);

    const o = await service.overview({ account: O.address });
    const p = o.proposals[0]!;
    expect(p.state).toBe('Active');
    expect(p.myVote).toMatchObject({ support: 'for', reason: 'Yes', weight: LPT('10000').toString() });
    expect(p.myWeight).toBe(LPT('10000').toString());
    expect([p.forVotes, p.againstVotes, p.abstainVotes]).toEqual([LPT('8000').toString(), LPT('2000').toString(), '0']);
    expect(p.delegatorVotes).toEqual([
      expect.objectContaining({ voter: D.address, support: 'against', differsFromOrchestrator: true }),
    ]);
    await expect(service.prepareVote({ from: D.address, proposalId: id, support: 'for' })).rejects.toThrow(
      /already voted/,
    );
  });

  it('previews a treasury proposal, and refuses to queue or execute one that has not passed', async () => {
    const o = await service.overview({ account: O.address });
    const id = o.proposals[0]!.id;
    await expect(service.prepareQueue({ from: O.address, proposalId: id })).rejects.toThrow(
      /is Active; it can be queued only when Succeeded/,
    );
    await expect(service.prepareExecute({ from: O.address, proposalId: id })).rejects.toThrow(
      /executed only when Queued/,
    );
    const preview = await service.preparePropose({
      from: O.address,
      title: 'Pay D',
      text: 'Ten LPT.',
      payoutTo: D.address,
      payoutAmount: LPT('10').toString(),
    });
    expect(preview.method).toBe('propose(address[],uint256[],bytes[],string)');
    expect(preview.args[3]).toBe('# Pay D\n\nTen LPT.');
    client.discard(preview.id);
  });
});
