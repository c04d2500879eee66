// The governance transactions of the chain client's preview → confirm flow: voting (with or
// without a reason), proposing, queueing and executing proposals, and voting in LIP polls. Checks run before anything
// is simulated so the user reads a plain reason instead of a revert.
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
  type TxContract,
} from './abi.ts';

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

export interface GovernancePlan {
  contract: TxContract;
  to?: string;
  method: string;
  args: unknown[];
  value?: bigint;
  summary: string;
  changes: string[];
}

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

export async function planGovernance(
  provider: JsonRpcProvider,
  addresses: Record<ProtocolContract, string>,
  from: string,
  action: GovernanceAction,
): Promise<GovernancePlan> {
  if (action.kind === 'pollVote') return planPollVote(provider, addresses, from, action);
  const gov = governor(provider, addresses);
  const read = <T>(fn: string, ...args: unknown[]): Promise<T> => gov.getFunction(fn)(...args) as Promise<T>;
  switch (action.kind) {
    case 'castVote': {
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
    case 'propose':
      return {
        contract: 'LivepeerGovernor',
        method: 'propose',
        args: [action.targets, action.values, action.calldatas, action.description],
        summary: `Create the proposal "${action.description.split('\n')[0]?.slice(0, 80) ?? ''}"`,
        changes: [`${action.targets.length} call(s) to run through the Treasury if it passes`],
      };
    case 'queueProposal':
    case 'executeProposal': {
      const queue = action.kind === 'queueProposal';
      return {
        contract: 'LivepeerGovernor',
        method: queue ? 'queue' : 'execute',
        args: [action.targets, action.values, action.calldatas, id(action.description)],
        summary: `${queue ? 'Queue' : 'Execute'} the proposal "${action.description.split('\n')[0]?.slice(0, 80) ?? ''}"`,
        changes: [queue ? 'The Treasury schedules its calls' : 'The Treasury runs its calls'],
      };
    }
  }
}

/** A LIP poll vote: open until the poll's end block, weighed off chain by the voter's stake. */
async function planPollVote(
  provider: JsonRpcProvider,
  addresses: Record<ProtocolContract, string>,
  from: string,
  action: { poll: string; choice: 0 | 1 },
): Promise<GovernancePlan> {
  if (action.choice !== 0 && action.choice !== 1) throw new AppError(ErrorCode.BadInput, 'Vote Yes or No');
  const poll = new Contract(action.poll, POLL_ABI, provider);
  const [endBlock, block] = await Promise.all([
    (poll.getFunction('endBlock')() as Promise<bigint>).catch(() => {
      throw new AppError(ErrorCode.NotFound, `No poll at ${action.poll}`);
    }),
    provider.getBlockNumber(),
  ]);
  if (BigInt(block) >= endBlock) throw new AppError(ErrorCode.Conflict, `The poll ended at block ${endBlock}`);
  const bm = new Contract(addresses.BondingManager, BONDING_MANAGER_ABI, provider);
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
