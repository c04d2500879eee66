// The chain client's domain values: the contract's schemas decoded (amounts, rounds and ids as
// bigint), so the client and the wire share one definition (src-shared/contract/services/chain.ts).
import type { z } from 'zod';
import type {
  ChainAccountState,
  ChainAction as WireChainAction,
  ChainNewRound,
  ChainProtocolState,
  ChainTicket,
  ChainTxOutcome,
  ChainTxPreview,
  ChainTxProgress,
} from '../../src-shared/contract/index.ts';
import type { GovernanceAction } from '../governance/governance-plans.ts';
import type { ProtocolContract } from './abi.ts';

export type ProtocolAddresses = Record<ProtocolContract, string>;
export type ProtocolState = z.output<typeof ChainProtocolState>;
export type AccountState = z.output<typeof ChainAccountState>;
export type UnbondingLock = AccountState['unbondingLocks'][number];
export type WinningTicket = z.output<typeof ChainTicket>;
/**
 * The redemption queue's batch (never from the wire): tickets `checkRedemptions` found redeemable,
 * with what each pays (`payable`, read there a moment before).
 */
export interface RedeemTicketsAction {
  kind: 'redeemTickets';
  /** Their gas as `checkRedemptions` estimated it (the batch's own estimate would be too low). */
  gas: bigint;
  items: { ticket: WinningTicket; sig: string; recipientRand: bigint; payable: bigint }[];
}

/** What `chain.prepare` accepts, plus the actions the app builds itself (governance, redemption batches). */
export type ChainAction = z.output<typeof WireChainAction> | GovernanceAction | RedeemTicketsAction;
export type ChainActionKind = ChainAction['kind'];
export type TxPreview = z.output<typeof ChainTxPreview>;
export type TxProgress = z.output<typeof ChainTxProgress>;
export type TxState = TxProgress['state'];
export type TxOutcome = z.output<typeof ChainTxOutcome>;
export type NewRound = z.output<typeof ChainNewRound>;
