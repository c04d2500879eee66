// Governance reads for the chain client: proposals (from the governor's ProposalCreated events)
// with their state, tallies, quorum and time left; an account's voting power from BondingVotes;
// and how an orchestrator's delegators voted (their own votes override the orchestrator's on
// their stake). Voting itself goes through the client's preview → confirm (governance-plans.ts).
import { Contract, getAddress, ZeroAddress, type EventLog, type Log } from 'ethers';
import { AppError, ErrorCode, type ProposalState, type VoteSupport } from '../../src-shared/contract/index.ts';
import { BONDING_VOTES_ABI, PROPOSAL_STATES, VOTE_SUPPORT } from '../chain/abi.ts';
import type { ChainClient } from '../chain/client.ts';
import { governor } from './governance-plans.ts';
import { snapshotRead } from '../chain/past-round.ts';

export interface CastVote {
  voter: string;
  support: VoteSupport;
  /** The voter's power at the snapshot (before any override deduction). */
  weight: bigint;
  reason: string;
  blockNumber: number;
  hash: string;
}

export interface Proposal {
  id: bigint;
  proposer: string;
  title: string;
  description: string;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  /** Snapshot round (voting opens after it) and last voting round. */
  voteStart: bigint;
  voteEnd: bigint;
  state: ProposalState;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  quorum: bigint;
  /** The round quorum (and an account's weight) were read at: voteStart, or the latest past round while Pending. */
  figuresRound: bigint;
  /** voteStart is not past yet: quorum and weights are the latest past round's and may still change. */
  provisional: boolean;
  /** For + Against + Abstain, the total that counts toward quorum. */
  quorumVotes: bigint;
  /** Share of For among For + Against needed (ppm). */
  quota: bigint;
  /** Blocks (in the round clock's blocks) until voting closes; 0 once closed. */
  blocksLeft: bigint;
  roundsLeft: bigint;
  createdBlock: number;
  votes: CastVote[];
}

export interface VotingPower {
  address: string;
  round: bigint;
  /** Current power: an orchestrator's whole delegated stake, or a delegator's own stake. */
  votes: bigint;
  delegate: string | null;
  /** The network's total active stake (the quorum base) this round. */
  totalSupply: bigint;
}

export interface DelegatorVote extends CastVote {
  /** The orchestrator voted, and differently: the delegator's stake counts for its own choice. */
  differsFromOrchestrator: boolean;
}

export interface GovernanceReader {
  available(): Promise<boolean>;
  proposals(): Promise<Proposal[]>;
  proposal(proposalId: bigint): Promise<Proposal>;
  votingPower(address: string): Promise<VotingPower>;
  /** An account's power at a proposal's snapshot round (the latest past round while that is not past). */
  votesAt(address: string, round: bigint): Promise<bigint>;
  /** Votes cast on a proposal (an id, or one already read) by accounts delegated to `orchestrator` at the snapshot. */
  delegatorVotes(proposal: bigint | Proposal, orchestrator: string): Promise<DelegatorVote[]>;
}

export interface GovernanceReaderOptions {
  /** First block to scan for governor events (the governor's deployment block on mainnet). */
  fromBlock?: number;
}

const titleOf = (description: string): string => {
  const first = description.split('\n').find((l) => l.trim() !== '') ?? '';
  return (
    first
      .replace(/^#+\s*/, '')
      .trim()
      .slice(0, 200) || '(untitled proposal)'
  );
};

export function createGovernanceReader(client: ChainClient, options: GovernanceReaderOptions = {}): GovernanceReader {
  const fromBlock = options.fromBlock ?? 0;

  async function contracts(): Promise<{ gov: Contract; votes: Contract }> {
    const addrs = await client.addresses();
    const gov = governor(client.provider, addrs);
    return { gov, votes: new Contract(addrs.BondingVotes, BONDING_VOTES_ABI, client.provider) };
  }

  async function allVotes(gov: Contract): Promise<Map<string, CastVote[]>> {
    const logs = (await gov.queryFilter(gov.getEvent('VoteCast'), fromBlock)) as (EventLog | Log)[];
    const out = new Map<string, CastVote[]>();
    for (const log of logs) {
      if (!('args' in log)) continue;
      const a = log.args;
      const key = (a.proposalId as bigint).toString();
      const list = out.get(key) ?? [];
      list.push({
        voter: getAddress(a.voter as string),
        support: VOTE_SUPPORT[Number(a.support)] ?? 'abstain',
        weight: a.weight as bigint,
        reason: a.reason as string,
        blockNumber: log.blockNumber,
        hash: log.transactionHash,
      });
      out.set(key, list);
    }
    return out;
  }

  async function load(filterId?: bigint): Promise<Proposal[]> {
    const { gov } = await contracts();
    const [created, votes, protocol, quota] = await Promise.all([
      gov.queryFilter(gov.getEvent('ProposalCreated'), fromBlock) as Promise<(EventLog | Log)[]>,
      allVotes(gov),
      client.protocol(),
      gov.getFunction('quota')() as Promise<bigint>,
    ]);
    const out: Proposal[] = [];
    for (const log of created) {
      if (!('args' in log)) continue;
      const a = log.args;
      const pid = a.proposalId as bigint;
      if (filterId !== undefined && pid !== filterId) continue;
      const voteStart = a.voteStart as bigint;
      const voteEnd = a.voteEnd as bigint;
      const figures = snapshotRead(voteStart, protocol.round);
      const [state, tally, quorum] = await Promise.all([
        gov.getFunction('state')(pid) as Promise<bigint>,
        gov.getFunction('proposalVotes')(pid) as Promise<[bigint, bigint, bigint]>,
        gov.getFunction('quorum')(figures.round) as Promise<bigint>,
      ]);
      // Voting closes at the end of round voteEnd
      const closeBlock = protocol.roundStartBlock + (voteEnd - protocol.round + 1n) * protocol.roundLength;
      const open = protocol.round <= voteEnd;
      const description = a.description as string;
      out.push({
        id: pid,
        proposer: getAddress(a.proposer as string),
        title: titleOf(description),
        description,
        targets: (a.targets as string[]).map((t) => getAddress(t)),
        values: [...(a[3] as bigint[])],
        calldatas: [...(a.calldatas as string[])],
        voteStart,
        voteEnd,
        state: PROPOSAL_STATES[Number(state)] ?? 'Pending',
        againstVotes: tally[0],
        forVotes: tally[1],
        abstainVotes: tally[2],
        quorum,
        figuresRound: figures.round,
        provisional: figures.provisional,
        quorumVotes: tally[0] + tally[1] + tally[2],
        quota,
        blocksLeft: open && closeBlock > protocol.l1BlockNumber ? closeBlock - protocol.l1BlockNumber : 0n,
        roundsLeft: open ? voteEnd - protocol.round + 1n : 0n,
        createdBlock: log.blockNumber,
        votes: votes.get(pid.toString()) ?? [],
      });
    }
    return out.sort((x, y) => y.createdBlock - x.createdBlock);
  }

  return {
    async available() {
      const addrs = await client.addresses();
      return addrs.LivepeerGovernor !== ZeroAddress && addrs.BondingVotes !== ZeroAddress;
    },
    proposals: () => load(),
    async proposal(proposalId) {
      const [p] = await load(proposalId);
      if (!p) throw new AppError(ErrorCode.NotFound, `No proposal ${proposalId}`);
      return p;
    },
    async votingPower(addressInput) {
      const address = getAddress(addressInput);
      const { votes } = await contracts();
      const [round, power, delegate, totalSupply] = await Promise.all([
        votes.getFunction('clock')() as Promise<bigint>,
        votes.getFunction('getVotes')(address) as Promise<bigint>,
        votes.getFunction('delegates')(address) as Promise<string>,
        votes.getFunction('totalSupply')() as Promise<bigint>,
      ]);
      return {
        address,
        round,
        votes: power,
        delegate: delegate === ZeroAddress ? null : getAddress(delegate),
        totalSupply,
      };
    },
    async votesAt(address, round) {
      const { votes } = await contracts();
      const past = snapshotRead(round, (await votes.getFunction('clock')()) as bigint);
      return (await votes.getFunction('getPastVotes')(getAddress(address), past.round)) as bigint;
    },
    async delegatorVotes(proposal, orchestratorInput) {
      const orchestrator = getAddress(orchestratorInput);
      const { votes } = await contracts();
      const p = typeof proposal === 'bigint' ? await this.proposal(proposal) : proposal;
      const own = p.votes.find((v) => v.voter === orchestrator);
      const out: DelegatorVote[] = [];
      for (const v of p.votes) {
        if (v.voter === orchestrator) continue;
        const delegate = (await votes.getFunction('delegatedAt')(v.voter, p.figuresRound)) as string;
        if (delegate === ZeroAddress || getAddress(delegate) !== orchestrator) continue;
        out.push({ ...v, differsFromOrchestrator: own !== undefined && own.support !== v.support });
      }
      return out;
    },
  };
}
