// LIP polls on the devnet (our PollCreator/Poll with the mainnet signatures): creating a poll
// needs 100 LPT of stake; an orchestrator and its delegators vote through the chain client's
// preview → confirm; a delegator's vote overrides its orchestrator's on its stake, a voter's last
// vote counts, and the stake tally is checked against hand-computed numbers; no vote after the end.
import { Contract, parseEther, toUtf8Bytes, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BONDING_MANAGER_ABI, POLL_CREATOR_ABI, TOKEN_ABI } from './abi.ts';
import type { ChainClient } from './client.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { createPollReader, type PollReader } from '../governance/poll-reader.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from './test-support.ts';

const LPT = (n: string): bigint => parseEther(n);

describe('LIP polls on the devnet', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let polls: PollReader;
  let O: Wallet, D1: Wallet, D2: Wallet, E: Wallet;
  const selfBond = LPT('10000');
  const d1Bond = LPT('3000');
  const d2Bond = LPT('2000');

  async function vote(from: Wallet, poll: string, choice: 0 | 1): Promise<void> {
    const preview = await client.prepare(from.address, { kind: 'pollVote', poll, choice });
    await client.confirm(preview.id);
  }

  beforeAll(async () => {
    t = await startTestDevnet();
    const { devnet } = t;
    [O, D1, D2, E] = [1, 2, 3, 4].map((i) => new Wallet(devnet.accounts[i]!.privateKey, devnet.provider)) as [
      Wallet,
      Wallet,
      Wallet,
      Wallet,
    ];
    client = devnetClient(devnet);
    polls = createPollReader(client);
    const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, devnet.provider);
    for (const [w, amount] of [
      [O, selfBond],
      [D1, d1Bond],
      [D2, d2Bond],
    ] as const) {
      await devnet.fund(w.address, { lpt: amount });
      await (
        await new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, w).getFunction('approve')(
          devnet.contracts.BondingManager,
          amount,
        )
      ).wait();
      await (await (bm.connect(w) as Contract).getFunction('bond')(amount, O.address)).wait();
      if (w === O) await (await (bm.connect(O) as Contract).getFunction('transcoder')(100_000n, 500_000n)).wait();
    }
    await devnet.advanceRound(); // the total active stake counts from the next round
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  it('creates a poll, tallies votes with delegator overrides and last-vote-counts, and closes it', async () => {
    const { devnet } = t;
    expect(await polls.creator()).toBe(devnet.contracts.PollCreator);
    const creator = new Contract(devnet.contracts.PollCreator, POLL_CREATOR_ABI, devnet.provider);
    await expect(
      (creator.connect(E) as Contract).getFunction('createPoll').staticCall(toUtf8Bytes('LIP-1')),
    ).rejects.toThrow(/INSUFFICIENT_STAKE/);
    const proposal = 'QmLIP105TreasuryContributionCap';
    await (await (creator.connect(O) as Contract).getFunction('createPoll')(toUtf8Bytes(proposal))).wait();
    let [p] = await polls.polls();
    expect(p).toMatchObject({ proposal, open: true, quorum: 333_300n, quota: 500_000n, yes: 0n, no: 0n });
    expect(p!.endBlock).toBe(BigInt(p!.createdBlock) + DEVNET_PARAMS.pollPeriod);

    const preview = await client.prepare(O.address, { kind: 'pollVote', poll: p!.address, choice: 0 });
    expect(preview).toMatchObject({ contract: 'Poll', to: p!.address, method: 'vote(uint256)' });
    await client.confirm(preview.id);
    await vote(D1, p!.address, 1);
    await vote(D2, p!.address, 0);
    await vote(D2, p!.address, 1); // changed its mind: the last vote counts
    await expect(client.prepare(E.address, { kind: 'pollVote', poll: p!.address, choice: 0 })).rejects.toThrow(
      /no staked LPT/,
    );

    [p] = await polls.polls();
    // O's 15 000 total less D1's 3 000 and D2's 2 000 (who voted themselves) for Yes; 5 000 No
    expect(p!.yes).toBe(selfBond);
    expect(p!.no).toBe(d1Bond + d2Bond);
    expect(p!.totalStake).toBe(selfBond + d1Bond + d2Bond);
    expect(p!.votes.map((v) => [v.voter, v.choice, v.stake])).toEqual([
      [O.address, 'yes', selfBond],
      [D1.address, 'no', d1Bond],
      [D2.address, 'no', d2Bond],
    ]);

    await devnet.provider.send('anvil_mine', [`0x${(p!.blocksLeft + 1n).toString(16)}`]);
    [p] = await polls.polls();
    expect(p).toMatchObject({ open: false, blocksLeft: 0n, yes: selfBond, no: d1Bond + d2Bond });
    await expect(client.prepare(O.address, { kind: 'pollVote', poll: p!.address, choice: 1 })).rejects.toThrow(
      /poll ended/,
    );
  });
});
