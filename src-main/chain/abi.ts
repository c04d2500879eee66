// The protocol ABI the app uses, written as the mainnet (Arbitrum One) signatures from
// livepeer-protocol.md §5.5/§5.6. The devnet contracts implement the same selectors (checked by
// src-main/chain/devnet/selectors.test.ts and abi.test.ts), so one set of bindings serves both.
import { DelegatorStatus, PollChoice, ProposalState, VoteSupport } from '../../src-shared/contract/index.ts';

export const CONTROLLER_ABI = [
  'function getContract(bytes32 _id) view returns (address)',
  'function paused() view returns (bool)',
  'function owner() view returns (address)',
] as const;

export const TOKEN_ABI = [
  'function balanceOf(address) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function totalSupply() view returns (uint256)',
  'function decimals() view returns (uint8)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
] as const;

export const BONDING_MANAGER_ABI = [
  'function bond(uint256 _amount, address _to)',
  'function bondWithHint(uint256 _amount, address _to, address _oldDelegateNewPosPrev, address _oldDelegateNewPosNext, address _currDelegateNewPosPrev, address _currDelegateNewPosNext)',
  'function unbond(uint256 _amount)',
  'function unbondWithHint(uint256 _amount, address _newPosPrev, address _newPosNext)',
  'function rebond(uint256 _unbondingLockId)',
  'function rebondWithHint(uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)',
  'function rebondFromUnbonded(address _to, uint256 _unbondingLockId)',
  'function rebondFromUnbondedWithHint(address _to, uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)',
  'function withdrawStake(uint256 _unbondingLockId)',
  'function withdrawFees(address _recipient, uint256 _amount)',
  'function reward()',
  'function rewardWithHint(address _newPosPrev, address _newPosNext)',
  'function transcoder(uint256 _rewardCut, uint256 _feeShare)',
  'function transcoderWithHint(uint256 _rewardCut, uint256 _feeShare, address _newPosPrev, address _newPosNext)',
  'function claimEarnings(uint256 _endRound)',
  'function getDelegator(address) view returns (uint256 bondedAmount, uint256 fees, address delegateAddress, uint256 delegatedAmount, uint256 startRound, uint256 lastClaimRound, uint256 nextUnbondingLockId)',
  'function getDelegatorUnbondingLock(address, uint256) view returns (uint256 amount, uint256 withdrawRound)',
  'function getTranscoder(address) view returns (uint256 lastRewardRound, uint256 rewardCut, uint256 feeShare, uint256 lastActiveStakeUpdateRound, uint256 activationRound, uint256 deactivationRound, uint256 activeCumulativeRewards, uint256 cumulativeRewards, uint256 cumulativeFees, uint256 lastFeeRound)',
  'function getTranscoderEarningsPoolForRound(address, uint256) view returns (uint256 totalStake, uint256 transcoderRewardCut, uint256 transcoderFeeShare, uint256 cumulativeRewardFactor, uint256 cumulativeFeeFactor)',
  'function pendingStake(address, uint256) view returns (uint256)',
  'function pendingFees(address, uint256) view returns (uint256)',
  'function transcoderTotalStake(address) view returns (uint256)',
  'function getTotalBonded() view returns (uint256)',
  'function isActiveTranscoder(address) view returns (bool)',
  'function isRegisteredTranscoder(address) view returns (bool)',
  'function transcoderStatus(address) view returns (uint8)',
  'function delegatorStatus(address) view returns (uint8)',
  'function getTranscoderPoolSize() view returns (uint256)',
  'function getTranscoderPoolMaxSize() view returns (uint256)',
  'function getFirstTranscoderInPool() view returns (address)',
  'function getNextTranscoderInPool(address) view returns (address)',
  'function currentRoundTotalActiveStake() view returns (uint256)',
  'function nextRoundTotalActiveStake() view returns (uint256)',
  'function unbondingPeriod() view returns (uint64)',
  'function treasuryRewardCutRate() view returns (uint256)',
  'event Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator, uint256 additionalAmount, uint256 bondedAmount)',
  'event Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)',
  'event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount)',
  'event WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)',
  'event WithdrawFees(address indexed delegator, address recipient, uint256 amount)',
  'event Reward(address indexed transcoder, uint256 amount)',
  'event TreasuryReward(address indexed transcoder, address treasury, uint256 amount)',
  'event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare)',
  'event TranscoderActivated(address indexed transcoder, uint256 activationRound)',
  'event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound)',
  'event EarningsClaimed(address indexed delegate, address indexed delegator, uint256 rewards, uint256 fees, uint256 startRound, uint256 endRound)',
] as const;

export const ROUNDS_MANAGER_ABI = [
  'function currentRound() view returns (uint256)',
  'function currentRoundInitialized() view returns (bool)',
  'function currentRoundLocked() view returns (bool)',
  'function currentRoundStartBlock() view returns (uint256)',
  'function lastInitializedRound() view returns (uint256)',
  'function roundLength() view returns (uint256)',
  'function roundLockAmount() view returns (uint256)',
  'function blockNum() view returns (uint256)',
  'function blockHashForRound(uint256) view returns (bytes32)',
  'function initializeRound()',
  'event NewRound(uint256 indexed round, bytes32 blockHash)',
] as const;

export const TICKET_TUPLE =
  'tuple(address recipient, address sender, uint256 faceValue, uint256 winProb, uint256 senderNonce, bytes32 recipientRandHash, bytes auxData)';

export const TICKET_BROKER_ABI = [
  'function fundDeposit() payable',
  'function fundReserve() payable',
  'function fundDepositAndReserve(uint256 _depositAmount, uint256 _reserveAmount) payable',
  'function fundDepositAndReserveFor(address _addr, uint256 _depositAmount, uint256 _reserveAmount) payable',
  `function redeemWinningTicket(${TICKET_TUPLE} _ticket, bytes _sig, uint256 _recipientRand)`,
  `function batchRedeemWinningTickets(${TICKET_TUPLE}[] _tickets, bytes[] _sigs, uint256[] _recipientRands)`,
  'function unlock()',
  'function cancelUnlock()',
  'function withdraw()',
  'function getSenderInfo(address) view returns (tuple(uint256 deposit, uint256 withdrawRound) sender, tuple(uint256 fundsRemaining, uint256 claimedInCurrentRound) reserve)',
  'function claimableReserve(address reserveHolder, address claimant) view returns (uint256)',
  'function claimedReserve(address reserveHolder, address claimant) view returns (uint256)',
  'function usedTickets(bytes32) view returns (bool)',
  `function getTicketHash(${TICKET_TUPLE} _ticket) view returns (bytes32)`,
  'function isUnlockInProgress(address) view returns (bool)',
  'function unlockPeriod() view returns (uint256)',
  'function ticketValidityPeriod() view returns (uint256)',
  'event DepositFunded(address indexed sender, uint256 amount)',
  'event ReserveFunded(address indexed reserveHolder, uint256 amount)',
  'event ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount)',
  'event WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)',
  'event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)',
  'event Unlock(address indexed sender, uint256 startRound, uint256 endRound)',
  'event UnlockCancelled(address indexed sender)',
  'event Withdrawal(address indexed sender, uint256 deposit, uint256 reserve)',
] as const;

export const SERVICE_REGISTRY_ABI = [
  'function setServiceURI(string _serviceURI)',
  'function getServiceURI(address) view returns (string)',
  'event ServiceURIUpdate(address indexed addr, string serviceURI)',
] as const;

export const MINTER_ABI = [
  'function currentMintableTokens() view returns (uint256)',
  'function currentMintedTokens() view returns (uint256)',
  'function inflation() view returns (uint256)',
  'function inflationChange() view returns (uint256)',
  'function targetBondingRate() view returns (uint256)',
  'function getGlobalTotalSupply() view returns (uint256)',
  'event SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation)',
] as const;

// Governance (OpenZeppelin Governor / IVotes / TimelockController signatures, as deployed on mainnet)
export const LIVEPEER_GOVERNOR_ABI = [
  'function propose(address[] targets, uint256[] values, bytes[] calldatas, string description) returns (uint256)',
  'function castVote(uint256 proposalId, uint8 support) returns (uint256)',
  'function castVoteWithReason(uint256 proposalId, uint8 support, string reason) returns (uint256)',
  'function queue(address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) returns (uint256)',
  'function execute(address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) payable returns (uint256)',
  'function hashProposal(address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) pure returns (uint256)',
  'function state(uint256 proposalId) view returns (uint8)',
  'function quorum(uint256 timepoint) view returns (uint256)',
  'function proposalVotes(uint256 proposalId) view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)',
  'function hasVoted(uint256 proposalId, address account) view returns (bool)',
  'function proposalSnapshot(uint256 proposalId) view returns (uint256)',
  'function proposalDeadline(uint256 proposalId) view returns (uint256)',
  'function getVotes(address account, uint256 timepoint) view returns (uint256)',
  'function votingDelay() view returns (uint256)',
  'function votingPeriod() view returns (uint256)',
  'function proposalThreshold() view returns (uint256)',
  'function quota() view returns (uint256)',
  'function clock() view returns (uint48)',
  'event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)',
  'event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason)',
  'event ProposalQueued(uint256 proposalId, uint256 eta)',
  'event ProposalExecuted(uint256 proposalId)',
] as const;

export const BONDING_VOTES_ABI = [
  'function getVotes(address account) view returns (uint256)',
  'function getPastVotes(address account, uint256 timepoint) view returns (uint256)',
  'function getPastTotalSupply(uint256 timepoint) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function delegates(address account) view returns (address)',
  'function delegatedAt(address account, uint256 round) view returns (address)',
  'function clock() view returns (uint48)',
  'event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes)',
  'event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate)',
  'event DelegatorBondedAmountChanged(address indexed delegate, uint256 previousBondedAmount, uint256 previousLastClaimRound, uint256 newBondedAmount, uint256 newLastClaimRound)',
  // Any round that is not before the current one (getPastVotes, getPastTotalSupply, delegatedAt)
  'error FutureLookup(uint256 queryRound, uint256 maxAllowed)',
] as const;

export const TREASURY_ABI = [
  'function getMinDelay() view returns (uint256)',
  'function isOperationDone(bytes32 id) view returns (bool)',
] as const;

/** LIP polls (livepeer/protocol contracts/polling): livepeer_cli's "vote in a governance poll". */
export const POLL_CREATOR_ABI = [
  'function createPoll(bytes _proposal)',
  'function POLL_PERIOD() view returns (uint256)',
  'function POLL_CREATION_COST() view returns (uint256)',
  'event PollCreated(address indexed poll, bytes proposal, uint256 endBlock, uint256 quorum, uint256 quota)',
] as const;

export const POLL_ABI = [
  'function vote(uint256 _choiceID)',
  'function endBlock() view returns (uint256)',
  'event Vote(address indexed voter, uint256 choiceID)',
] as const;

/** Poll choices: 0 Yes, 1 No (the contract's enum, listed in on-chain order). */
export const POLL_CHOICES = PollChoice.options;

/**
 * The Arbitrum One PollCreator: not registered in the Controller; the address livepeer/sdk and the
 * explorer use for LIP polls.
 */
export const ARBITRUM_ONE_POLL_CREATOR = '0x8bb50806D60c492c0004DAD5D9627DAA2d9732E6';

/**
 * Governance contracts: resolved when the Controller has them (older devnet states do not; on
 * Arbitrum One, PollCreator is not registered). A Poll is one contract per poll, so not here.
 */
export const GOVERNANCE_CONTRACTS = ['LivepeerGovernor', 'BondingVotes', 'Treasury', 'PollCreator'] as const;

/** OpenZeppelin's ProposalState numbering (the contract's enum, in on-chain order). */
export const PROPOSAL_STATES = ProposalState.options;
/** Bravo vote types: 0 against, 1 for, 2 abstain. */
export const VOTE_SUPPORT = VoteSupport.options;

export const PROTOCOL_ABIS = {
  Controller: CONTROLLER_ABI,
  LivepeerToken: TOKEN_ABI,
  BondingManager: BONDING_MANAGER_ABI,
  RoundsManager: ROUNDS_MANAGER_ABI,
  TicketBroker: TICKET_BROKER_ABI,
  ServiceRegistry: SERVICE_REGISTRY_ABI,
  Minter: MINTER_ABI,
  LivepeerGovernor: LIVEPEER_GOVERNOR_ABI,
  BondingVotes: BONDING_VOTES_ABI,
  Treasury: TREASURY_ABI,
  PollCreator: POLL_CREATOR_ABI,
} as const;
export type ProtocolContract = keyof typeof PROTOCOL_ABIS;
/** What a transaction can be sent to: a protocol contract, or one LIP Poll (its address given). */
export type TxContract = ProtocolContract | 'Poll';

/** The Arbitrum One Controller (livepeer-protocol.md §5.1). */
export const ARBITRUM_ONE_CONTROLLER = '0xD8E8328501E9645d16Cf49539efC04f734606ee4';
export const ARBITRUM_ONE_CHAIN_ID = 42161;

/** BondingManager's DelegatorStatus numbering. */
export const DELEGATOR_STATUS = DelegatorStatus.options;
export const PERC_DIVISOR = 1_000_000n;

/**
 * Multicall3 at its canonical address: deployed there on Arbitrum One (and most EVM chains); the
 * devnet places our own implementation (devnet/contracts/Multicall3.sol) at the same address.
 */
export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';
export const MULTICALL3_ABI = [
  'function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)',
  'function getBlockNumber() view returns (uint256 blockNumber)',
  'function getBasefee() view returns (uint256 basefee)',
  'function getEthBalance(address addr) view returns (uint256 balance)',
  'function getChainId() view returns (uint256 chainid)',
] as const;
/** Arbitrum's ArbSys precompile: `block.number` there is the L1 estimate, this is the L2 block. */
export const ARB_SYS_ADDRESS = '0x0000000000000000000000000000000000000064';
export const ARB_SYS_ABI = ['function arbBlockNumber() view returns (uint256)'] as const;
