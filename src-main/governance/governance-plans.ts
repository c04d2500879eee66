// The governance family of the chain client's plans (preview → confirm): voting (with or without a
// reason), proposing, queueing and executing proposals, and voting in LIP polls. Checks run before
// anything is simulated so the user reads a plain reason instead of a revert.
import { Contract, formatEther, id, ZeroAddress, type JsonRpcProvider } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import {
  BONDING_MANAGER_ABI,
  LIVEPEER_GOVERNOR_ABI,
  POLL_ABI,
  POLL_CHOICES,
  PROPOSAL_STATES,
  VOTE_SUPPORT,
  type ProtocolContract,
} from '../chain/abi.ts';
import type { ActionOf, Plan, PlanContext, Planners } from '../chain/plans/plan.ts';
import { blockNumbers } from '../chain/reads/protocol.ts';

export interface ProposalCalls {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}

export type GovernanceAction =
  | { kind: 'castVote'; proposalId: bigint; support: 0 | 1 | 2; reason?: string }
  | { kind: 'pollVote'; poll: string; choice: 0 | 1 }
  | ({ kind: 'propose' } & ProposalCalls)
  | ({ kind: 'queueProposal' } & ProposalCalls)
  | ({ kind: 'executeProposal' } & ProposalCalls);

const shortId = (proposalId: bigint): string => {
  const hex = proposalId.toString(16);
  return `#${hex.slice(0, 8)}…`;
};

export function governor(provider: JsonRpcProvider, addresses: Record<ProtocolContract, string>): Contract {
  if (addresses.LivepeerGovernor === ZeroAddress) {
    throw new AppError(
      ErrorCode.NotFound,
      'This network has no LivepeerGovernor registered (a devnet created by an older version: reset it)',
    );
  }
  return new Contract(addresses.LivepeerGovernor, LIVEPEER_GOVERNOR_ABI, provider);
}

async function planCastVote({ r, addrs }: PlanContext, from: string, action: ActionOf<'castVote'>): Promise<Plan> {
  const gov = governor(r.provider, addrs);
  const read = <T>(fn: string, ...args: unknown[]): Promise<T> => gov.getFunction(fn)(...args) as Promise<T>;
  if (![0, 1, 2].includes(action.support)) throw new AppError(ErrorCode.BadInput, 'Vote for, against or abstain');
  const state = await read<bigint>('state', action.proposalId).catch(() => {
    throw new AppError(ErrorCode.NotFound, `No proposal ${shortId(action.proposalId)}`);
  });
  if (state !== 1n) {
    throw new AppError(
      ErrorCode.Conflict,
      `Proposal ${shortId(action.proposalId)} is ${PROPOSAL_STATES[Number(state)] ?? 'unknown'}, not open for votes`,
    );
  }
  if (await read<boolean>('hasVoted', action.proposalId, from)) {
    throw new AppError(ErrorCode.Conflict, 'You have already voted on this proposal');
  }
  const snapshot = await read<bigint>('proposalSnapshot', action.proposalId);
  const weight = await read<bigint>('getVotes', from, snapshot);
  if (weight === 0n) {
    throw new AppError(
      ErrorCode.BadInput,
      `You had no staked LPT at the proposal's snapshot (round ${snapshot}), so your vote would count for nothing`,
    );
  }
  const choice = VOTE_SUPPORT[action.support];
  const reason = action.reason?.trim() ?? '';
  return {
    contract: 'LivepeerGovernor',
    method: reason ? 'castVoteWithReason' : 'castVote',
    args: reason ? [action.proposalId, action.support, reason] : [action.proposalId, action.support],
    summary: `Vote ${choice} on proposal ${shortId(action.proposalId)} with ${formatEther(weight)} LPT of stake`,
    changes: [
      `${formatEther(weight)} LPT counted ${choice} (less any of your delegators' stake if they vote themselves)`,
      ...(reason ? [`Your reason is recorded on chain: "${reason}"`] : []),
      'A vote cannot be changed once cast',
    ],
  };
}

const title = (description: string): string => description.split('\n')[0]?.slice(0, 80) ?? '';

function planPropose({ r, addrs }: PlanContext, _from: string, action: ActionOf<'propose'>): Promise<Plan> {
  governor(r.provider, addrs);
  return Promise.resolve({
    contract: 'LivepeerGovernor',
    method: 'propose',
    args: [action.targets, action.values, action.calldatas, action.description],
    summary: `Create the proposal "${title(action.description)}"`,
    changes: [`${action.targets.length} call(s) to run through the Treasury if it passes`],
  });
}

/** The governor's queue and execute take the proposal's own calls and its description hash. */
function planQueueOrExecute(
  { r, addrs }: PlanContext,
  _from: string,
  action: ActionOf<'queueProposal' | 'executeProposal'>,
): Promise<Plan> {
  governor(r.provider, addrs);
  const queue = action.kind === 'queueProposal';
  return Promise.resolve({
    contract: 'LivepeerGovernor',
    method: queue ? 'queue' : 'execute',
    args: [action.targets, action.values, action.calldatas, id(action.description)],
    summary: `${queue ? 'Queue' : 'Execute'} the proposal "${title(action.description)}"`,
    changes: [queue ? 'The Treasury schedules its calls' : 'The Treasury runs its calls'],
  });
}

/**
 * A LIP poll vote: `Poll.vote` accepts it while the protocol's `block.number` (the L1 estimate on
 * Arbitrum, not eth_blockNumber) is at most the end block; weighed off chain by the voter's stake.
 */
async function planPollVote({ r, addrs }: PlanContext, from: string, action: ActionOf<'pollVote'>): Promise<Plan> {
  const provider = r.provider;
  if (action.choice !== 0 && action.choice !== 1) throw new AppError(ErrorCode.BadInput, 'Vote Yes or No');
  const poll = new Contract(action.poll, POLL_ABI, provider);
  const [endBlock, { l1BlockNumber }] = await Promise.all([
    (poll.getFunction('endBlock')() as Promise<bigint>).catch(() => {
      throw new AppError(ErrorCode.NotFound, `No poll at ${action.poll}`);
    }),
    blockNumbers(r),
  ]);
  if (l1BlockNumber > endBlock) throw new AppError(ErrorCode.Conflict, `The poll ended at block ${endBlock}`);
  const bm = new Contract(addrs.BondingManager, BONDING_MANAGER_ABI, provider);
  const stake = (await bm.getFunction('pendingStake')(from, 0n)) as bigint;
  if (stake === 0n) {
    throw new AppError(ErrorCode.BadInput, 'You have no staked LPT, so your poll vote would count for nothing');
  }
  const choice = POLL_CHOICES[action.choice];
  return {
    contract: 'Poll',
    to: action.poll,
    method: 'vote',
    args: [action.choice],
    summary: `Vote ${choice === 'yes' ? 'Yes' : 'No'} in the LIP poll ${action.poll.slice(0, 10)}…`,
    changes: [
      `Your stake counts ${choice === 'yes' ? 'Yes' : 'No'} when the poll is tallied at block ${endBlock} (an orchestrator's vote also carries its delegators' stake unless they vote themselves)`,
      'You can vote again before the poll ends: your last vote counts',
    ],
  };
}

export const governancePlans = {
  castVote: planCastVote,
  pollVote: planPollVote,
  propose: planPropose,
  queueProposal: planQueueOrExecute,
  executeProposal: planQueueOrExecute,
} satisfies Partial<Planners>;
