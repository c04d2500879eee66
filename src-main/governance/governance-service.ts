// The `governance` service: proposals with tallies and time left, the user's voting power and
// their delegators' votes, votes prepared as chain previews (confirmed by chain.confirm), and a
// poll that announces each proposal once when its voting opens.
import { Interface } from 'ethers';
import {
  AppError,
  ErrorCode,
  type governance,
  type GovernanceProposalOpened,
  type GovernanceVote,
} from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { Logger } from '../log/logger.ts';
import type { ChainClient } from '../chain/client.ts';
import { toWire } from '../chain/chain-service.ts';
import { createGovernanceReader, type CastVote, type GovernanceReader } from '../chain/governance.ts';
import { toAppError } from '../chain/rpc-errors.ts';
import { TOKEN_ABI } from '../chain/abi.ts';
import { createPollReader, type PollReader } from '../chain/governance-polls.ts';

export interface GovernanceServiceOptions {
  /** The live chain client (the chain runtime's connection). */
  client: () => Promise<ChainClient>;
  /** Seconds per block of the round clock (12 on Arbitrum's L1 clock; the devnet's mining interval). */
  secondsPerBlock: () => number;
  log: Logger;
  onProposalOpened?: (opened: GovernanceProposalOpened) => void;
}

export interface GovernanceRuntime {
  service: ServiceImpl<typeof governance>;
  /** Announces proposals that turned Active since the last poll (the host polls on each new round). */
  poll(): Promise<void>;
}

const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
const ARBITRUM_GOVERNANCE_FROM_BLOCK = 162_890_000;

const wireVote = (v: CastVote): GovernanceVote => ({
  voter: v.voter,
  support: v.support,
  weight: v.weight.toString(),
  reason: v.reason,
  hash: v.hash,
});

export function createGovernanceRuntime(options: GovernanceServiceOptions): GovernanceRuntime {
  const readers = new WeakMap<ChainClient, GovernanceReader>();
  const announced = new Set<string>();

  const pollReaders = new WeakMap<ChainClient, PollReader>();
  async function pollReader(client: ChainClient): Promise<PollReader> {
    let r = pollReaders.get(client);
    if (!r) {
      // Arbitrum One: from the same block as the governor's events (older LIP polls are not listed)
      const fromBlock = (await client.chainId()) === 42161n ? ARBITRUM_GOVERNANCE_FROM_BLOCK : 0;
      r = createPollReader(client, { fromBlock });
      pollReaders.set(client, r);
    }
    return r;
  }

  async function reader(): Promise<{ client: ChainClient; gov: GovernanceReader }> {
    const client = await options.client();
    let gov = readers.get(client);
    if (!gov) {
      // On Arbitrum One, scan governor events from the first treasury proposal's block (as a public
      // indexer records it; not verified here) instead of from genesis
      const fromBlock = (await client.chainId()) === 42161n ? ARBITRUM_GOVERNANCE_FROM_BLOCK : 0;
      gov = createGovernanceReader(client, { fromBlock });
      readers.set(client, gov);
    }
    return { client, gov };
  }

  const service: ServiceImpl<typeof governance> = {
    async overview({ account }) {
      const empty = {
        round: null,
        account: account ?? null,
        votingPower: '0',
        delegate: null,
        totalSupply: '0',
        proposals: [],
      };
      let gov: GovernanceReader;
      try {
        gov = (await reader()).gov;
        if (!(await gov.available())) {
          return { ...empty, available: false, error: 'This network has no governance contracts registered' };
        }
      } catch (err) {
        return { ...empty, available: false, error: toAppError(err, 'Reading governance').message };
      }
      const [proposals, power] = await Promise.all([
        gov.proposals(),
        account ? gov.votingPower(account) : Promise.resolve(null),
      ]);
      const spb = options.secondsPerBlock();
      const out = [];
      for (const p of proposals) {
        const mine = account ? (p.votes.find((v) => v.voter.toLowerCase() === account.toLowerCase()) ?? null) : null;
        const [myWeight, delegators] = account
          ? await Promise.all([gov.votesAt(account, p.voteStart), gov.delegatorVotes(p, account)])
          : [0n, []];
        out.push({
          id: p.id.toString(),
          proposer: p.proposer,
          title: p.title,
          description: p.description,
          state: p.state,
          voteStart: p.voteStart.toString(),
          voteEnd: p.voteEnd.toString(),
          forVotes: p.forVotes.toString(),
          againstVotes: p.againstVotes.toString(),
          abstainVotes: p.abstainVotes.toString(),
          quorum: p.quorum.toString(),
          figuresRound: p.figuresRound.toString(),
          provisional: p.provisional,
          quorumVotes: p.quorumVotes.toString(),
          quota: p.quota.toString(),
          roundsLeft: p.roundsLeft.toString(),
          blocksLeft: p.blocksLeft.toString(),
          secondsLeft: p.blocksLeft > 0n ? Math.round(Number(p.blocksLeft) * spb) : null,
          calls: p.targets.map((target, i) => ({
            target,
            value: (p.values[i] ?? 0n).toString(),
            data: p.calldatas[i] ?? '0x',
          })),
          votes: p.votes.map(wireVote),
          myVote: mine ? wireVote(mine) : null,
          myWeight: myWeight.toString(),
          delegatorVotes: delegators.map((d) => ({
            ...wireVote(d),
            differsFromOrchestrator: d.differsFromOrchestrator,
          })),
        });
      }
      return {
        available: true,
        error: null,
        round: power ? power.round.toString() : null,
        account: power?.address ?? account ?? null,
        votingPower: (power?.votes ?? 0n).toString(),
        delegate: power?.delegate ?? null,
        totalSupply: (power?.totalSupply ?? 0n).toString(),
        proposals: out,
      };
    },
    async prepareVote({ from, proposalId, support, reason }) {
      const { client } = await reader();
      const preview = await client.prepare(from, {
        kind: 'castVote',
        proposalId: BigInt(proposalId),
        support: SUPPORT[support],
        ...(reason ? { reason } : {}),
      });
      return toWire(preview);
    },
    async preparePropose({ from, title, text, payoutTo, payoutAmount }) {
      const { client } = await reader();
      const { LivepeerToken } = await client.addresses();
      const amount = BigInt(payoutAmount);
      if (amount <= 0n) throw new AppError(ErrorCode.BadInput, 'The payout must be more than zero');
      const preview = await client.prepare(from, {
        kind: 'propose',
        targets: [LivepeerToken],
        values: [0n],
        calldatas: [new Interface(TOKEN_ABI).encodeFunctionData('transfer', [payoutTo, amount])],
        description: `# ${title.trim()}\n\n${text.trim()}`,
      });
      return toWire(preview);
    },
    async polls({ account }) {
      let list;
      try {
        const { client } = await reader();
        list = await (await pollReader(client)).polls();
      } catch (err) {
        return { available: false, error: toAppError(err, 'Reading LIP polls').message, polls: [] };
      }
      const spb = options.secondsPerBlock();
      const me = account?.toLowerCase();
      return {
        available: true,
        error: null,
        polls: list.map((p) => {
          const mine = p.votes.find((v) => v.voter.toLowerCase() === me);
          const myDelegate = mine?.delegate ?? null;
          return {
            address: p.address,
            proposal: p.proposal,
            endBlock: p.endBlock.toString(),
            blocksLeft: p.blocksLeft.toString(),
            secondsLeft: p.open ? Math.round(Number(p.blocksLeft) * spb) : null,
            open: p.open,
            quorum: p.quorum.toString(),
            quota: p.quota.toString(),
            yes: p.yes.toString(),
            no: p.no.toString(),
            totalStake: p.totalStake.toString(),
            votes: p.votes.map((v) => ({ ...v, stake: v.stake.toString() })),
            myVote: mine?.choice ?? null,
            delegateVote:
              myDelegate && myDelegate.toLowerCase() !== me
                ? (p.votes.find((v) => v.voter === myDelegate)?.choice ?? null)
                : null,
          };
        }),
      };
    },
    async preparePollVote({ from, poll, choice }) {
      const { client } = await reader();
      return toWire(await client.prepare(from, { kind: 'pollVote', poll, choice: choice === 'yes' ? 0 : 1 }));
    },
    prepareQueue: ({ from, proposalId }) => prepareLifecycle('queueProposal', from, proposalId),
    prepareExecute: ({ from, proposalId }) => prepareLifecycle('executeProposal', from, proposalId),
  };

  /** Queue or execute: the governor takes the proposal's calls and description hash again. */
  async function prepareLifecycle(kind: 'queueProposal' | 'executeProposal', from: string, proposalId: string) {
    const { client, gov } = await reader();
    const p = await gov.proposal(BigInt(proposalId));
    const want = kind === 'queueProposal' ? 'Succeeded' : 'Queued';
    if (p.state !== want) {
      throw new AppError(
        ErrorCode.Conflict,
        `The proposal is ${p.state}; it can be ${kind === 'queueProposal' ? 'queued' : 'executed'} only when ${want}`,
      );
    }
    const preview = await client.prepare(from, {
      kind,
      targets: p.targets,
      values: p.values,
      calldatas: p.calldatas,
      description: p.description,
    });
    return toWire(preview);
  }

  async function poll(): Promise<void> {
    const { gov } = await reader();
    if (!(await gov.available())) return;
    for (const p of await gov.proposals()) {
      const key = p.id.toString();
      if (p.state !== 'Active' || announced.has(key)) continue;
      announced.add(key);
      options.log.info(`Proposal open for votes: ${p.title} (until round ${p.voteEnd})`);
      options.onProposalOpened?.({ id: key, title: p.title, voteEnd: p.voteEnd.toString() });
    }
  }

  return { service, poll };
}
