// Governance with staked LPT: proposals (text, state, For/Against/Abstain, quorum, time left), the
// user's voting power and how their delegators voted, and votes prepared as chain previews
// (confirmed with chain.confirm and tracked by chain.tx like every transaction).
// Amounts, rounds, blocks and ids are decimal strings on the wire and bigint in main (codecs.ts).
import { z } from 'zod';
import { bigintString } from '../codecs.ts';
import { method } from '../define.ts';
import { ChainAddress, ChainTxPreview, Uint, Wei } from './chain.ts';

const Round = z.string().regex(/^\d+$/);
const ProposalIdString = z.string().regex(/^\d{1,78}$/, 'A proposal id (a whole decimal number)');
const ProposalId = bigintString(ProposalIdString);
/** In on-chain order: Bravo vote types 0 against, 1 for, 2 abstain (main indexes by the number). */
export const VoteSupport = z.enum(['against', 'for', 'abstain']);
export type VoteSupport = z.infer<typeof VoteSupport>;
/** In on-chain order: OpenZeppelin's ProposalState numbering. */
export const ProposalState = z.enum([
  'Pending',
  'Active',
  'Canceled',
  'Defeated',
  'Succeeded',
  'Queued',
  'Expired',
  'Executed',
]);
export type ProposalState = z.infer<typeof ProposalState>;

export const GovernanceVote = z.object({
  voter: ChainAddress,
  support: VoteSupport,
  /** The voter's stake at the snapshot; a delegator's vote moves this much off its orchestrator's choice. */
  weight: Wei,
  reason: z.string(),
  hash: z.string(),
});
export type GovernanceVote = z.input<typeof GovernanceVote>;

export const GovernanceProposal = z.object({
  id: ProposalId,
  proposer: ChainAddress,
  title: z.string(),
  description: z.string(),
  state: ProposalState,
  voteStart: Uint,
  voteEnd: Uint,
  forVotes: Wei,
  againstVotes: Wei,
  abstainVotes: Wei,
  quorum: Wei,
  /**
   * The round quorum and myWeight were read at: voteStart once past; before that the latest past
   * round (BondingVotes refuses rounds that are not past), and `provisional` is true.
   */
  figuresRound: Uint,
  provisional: z.boolean(),
  quorumVotes: Wei,
  /** For must exceed this share of For + Against (ppm). */
  quota: Uint,
  roundsLeft: Uint,
  blocksLeft: Uint,
  /** Estimated seconds until voting closes (null once closed). */
  secondsLeft: z.number().nullable(),
  calls: z.array(z.object({ target: ChainAddress, value: Wei, data: z.string() })),
  votes: z.array(GovernanceVote),
  /** The given account's vote, if any. */
  myVote: GovernanceVote.nullable(),
  /** The given account's power at this proposal's snapshot. */
  myWeight: Wei,
  /** Votes of accounts delegated to the given account (its delegators' overrides). */
  delegatorVotes: z.array(GovernanceVote.extend({ differsFromOrchestrator: z.boolean() })),
});
export type GovernanceProposal = z.input<typeof GovernanceProposal>;

export const GovernanceOverview = z.object({
  available: z.boolean(),
  /** Why governance cannot be shown, in words. */
  error: z.string().nullable(),
  round: Uint.nullable(),
  account: ChainAddress.nullable(),
  votingPower: Wei,
  delegate: ChainAddress.nullable(),
  totalSupply: Wei,
  proposals: z.array(GovernanceProposal),
});
export type GovernanceOverview = z.input<typeof GovernanceOverview>;

/** In on-chain order: a Poll's choiceID 0 Yes, 1 No. */
export const PollChoice = z.enum(['yes', 'no']);
export type PollChoice = z.infer<typeof PollChoice>;

/** A LIP poll (PollCreator/Poll): stake-weighted Yes/No, tallied off chain. */
export const GovernancePoll = z.object({
  address: ChainAddress,
  /** The proposal the creator gave: on mainnet the LIP's IPFS hash. */
  proposal: z.string(),
  endBlock: Uint,
  blocksLeft: Uint,
  /** Estimated seconds until the poll ends (null once over). */
  secondsLeft: z.number().nullable(),
  open: z.boolean(),
  /** ppm: share of the total bonded stake that must vote; share of Yes among Yes + No to pass. */
  quorum: Uint,
  quota: Uint,
  yes: Wei,
  no: Wei,
  totalStake: Wei,
  votes: z.array(z.object({ voter: ChainAddress, choice: PollChoice, stake: Wei, delegate: ChainAddress })),
  /** The given account's vote, and its orchestrator's (which counts for it unless it votes). */
  myVote: PollChoice.nullable(),
  delegateVote: PollChoice.nullable(),
});
export type GovernancePoll = z.input<typeof GovernancePoll>;

/** An event, built as strings by its one emitter. */
export const GovernanceProposalOpened = z.object({ id: ProposalIdString, title: z.string(), voteEnd: Round });
export type GovernanceProposalOpened = z.infer<typeof GovernanceProposalOpened>;

export const governance = {
  overview: method({
    summary:
      "Proposals (newest first) with state, votes and time left, and the account's voting power and delegators' votes.",
    input: z.object({ account: ChainAddress.optional() }).strict(),
    output: GovernanceOverview,
  }),
  prepareVote: method({
    summary: 'Preview a vote (optionally with a reason). Confirm it with chain.confirm; progress comes as chain.tx.',
    input: z
      .object({
        from: ChainAddress,
        proposalId: ProposalId,
        support: VoteSupport,
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    output: ChainTxPreview,
  }),
  polls: method({
    summary: "LIP polls (newest first) with the stake tally, and the account's and its orchestrator's votes.",
    input: z.object({ account: ChainAddress.optional() }).strict(),
    output: z.object({ available: z.boolean(), error: z.string().nullable(), polls: z.array(GovernancePoll) }),
  }),
  preparePollVote: method({
    summary: "Preview a LIP poll vote (livepeer_cli's poll vote); a later vote replaces an earlier one.",
    input: z.object({ from: ChainAddress, poll: ChainAddress, choice: PollChoice }).strict(),
    output: ChainTxPreview,
  }),
  preparePropose: method({
    summary:
      'Preview a treasury proposal: a title and text, and LPT the Treasury pays to an address if it passes. Needs the proposal threshold of stake.',
    input: z
      .object({
        from: ChainAddress,
        title: z.string().trim().min(3).max(200),
        text: z.string().max(20_000),
        payoutTo: ChainAddress,
        payoutAmount: Wei,
      })
      .strict(),
    output: ChainTxPreview,
  }),
  prepareQueue: method({
    summary: 'Preview queueing a Succeeded proposal in the Treasury timelock (anyone may).',
    input: z.object({ from: ChainAddress, proposalId: ProposalId }).strict(),
    output: ChainTxPreview,
  }),
  prepareExecute: method({
    summary: 'Preview executing a Queued proposal once its delay has passed (anyone may).',
    input: z.object({ from: ChainAddress, proposalId: ProposalId }).strict(),
    output: ChainTxPreview,
  }),
};
