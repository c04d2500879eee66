// The chain client's domain values: amounts, rounds and ids as bigint (the contract carries them
// as decimal strings).
import type { DELEGATOR_STATUS, ProtocolContract, TxContract } from './abi.ts';
import type { GovernanceAction } from '../governance/governance-plans.ts';

export type ProtocolAddresses = Record<ProtocolContract, string>;

export interface ProtocolState {
  chainId: bigint;
  blockNumber: bigint;
  /** The block number rounds are counted in (`l1BlockNumber` on Arbitrum). */
  l1BlockNumber: bigint;
  paused: boolean;
  round: bigint;
  roundLength: bigint;
  roundStartBlock: bigint;
  roundInitialized: boolean;
  roundLocked: boolean;
  lastInitializedRound: bigint;
  totalActiveStake: bigint;
  nextRoundTotalActiveStake: bigint;
  activeSetSize: bigint;
  activeSetMaxSize: bigint;
  unbondingPeriod: bigint;
  inflation: bigint;
  mintableTokens: bigint;
  mintedTokens: bigint;
  totalSupply: bigint;
}

export interface UnbondingLock {
  id: bigint;
  amount: bigint;
  withdrawRound: bigint;
  withdrawable: boolean;
}

export interface AccountState {
  address: string;
  ethBalance: bigint;
  lptBalance: bigint;
  /** LPT the BondingManager may pull (what `bond` needs). */
  bondingAllowance: bigint;
  delegator: {
    status: (typeof DELEGATOR_STATUS)[number];
    bondedAmount: bigint;
    fees: bigint;
    delegate: string;
    delegatedAmount: bigint;
    startRound: bigint;
    lastClaimRound: bigint;
    pendingStake: bigint;
    pendingFees: bigint;
  };
  unbondingLocks: UnbondingLock[];
  transcoder: {
    registered: boolean;
    active: boolean;
    serviceUri: string;
    rewardCut: bigint;
    feeShare: bigint;
    lastRewardRound: bigint;
    activationRound: bigint;
    deactivationRound: bigint;
    totalStake: bigint;
  };
  ticketFunds: { deposit: bigint; reserve: bigint; withdrawRound: bigint };
}

export interface WinningTicket {
  recipient: string;
  sender: string;
  faceValue: bigint;
  winProb: bigint;
  senderNonce: bigint;
  recipientRandHash: string;
  auxData: string;
}

export type ChainAction =
  | { kind: 'approve'; amount: bigint }
  | { kind: 'transfer'; amount: bigint; to: string }
  | { kind: 'bond'; amount: bigint; to: string }
  | { kind: 'unbond'; amount: bigint }
  | { kind: 'rebond'; lockId: bigint }
  | { kind: 'rebondFromUnbonded'; to: string; lockId: bigint }
  | { kind: 'withdrawStake'; lockId: bigint }
  | { kind: 'withdrawFees'; amount: bigint; recipient?: string }
  | { kind: 'claimEarnings' }
  | { kind: 'transcoder'; rewardCut: bigint; feeShare: bigint }
  | { kind: 'setServiceUri'; uri: string }
  | { kind: 'reward' }
  | { kind: 'initializeRound' }
  | { kind: 'fundDepositAndReserve'; deposit: bigint; reserve: bigint }
  | { kind: 'unlock' }
  | { kind: 'cancelUnlock' }
  | { kind: 'withdrawTicketFunds' }
  | { kind: 'redeemTicket'; ticket: WinningTicket; sig: string; recipientRand: bigint }
  | GovernanceAction;
export type ChainActionKind = ChainAction['kind'];

export interface TxPreview {
  id: string;
  kind: ChainActionKind;
  from: string;
  chainId: bigint;
  /** What happens, in words. */
  summary: string;
  /** Each change the transaction makes, in words. */
  changes: string[];
  contract: TxContract;
  to: string;
  method: string;
  args: string[];
  value: bigint;
  data: string;
  /** The simulated call's decoded result (eth_call), if the method returns anything. */
  simulatedResult: string | null;
  gasLimit: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  /** Upper bound of the fee: gasLimit × maxFeePerGas. */
  maxCostWei: bigint;
  expiresAt: number;
}

export type TxState = 'signing' | 'submitted' | 'confirmed' | 'failed';

export interface TxProgress {
  previewId: string;
  kind: ChainActionKind;
  state: TxState;
  hash: string | null;
  blockNumber: bigint | null;
  gasUsed: bigint | null;
  costWei: bigint | null;
  reason: string | null;
  at: number;
}

export interface TxOutcome {
  previewId: string;
  hash: string;
  blockNumber: bigint;
  gasUsed: bigint;
  effectiveGasPrice: bigint;
  costWei: bigint;
}
