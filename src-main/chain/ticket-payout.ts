// What redeeming a winning ticket would actually pay, read from the chain as the real TicketBroker
// and BondingManager decide it (livepeer/protocol MixinTicketBrokerCore.redeemWinningTicket,
// MixinReserve.claimFromReserve, BondingManager.updateTranscoderWithFees):
// - the sender pays from its deposit, then from the recipient's claimable share of its reserve
//   (an active orchestrator's share this round), up to what it has: a partial payout. The ticket
//   is used up either way and WinningTicketRedeemed still logs the full face value; only
//   WinningTicketTransfer carries the amount paid (none when nothing was).
// - tickets stay redeemable while the sender is unlocking, until its withdraw round.
// - fees go to a registered orchestrator, active or not; but the fee share divides by the
//   orchestrator's stake in this round's earnings pool, which is zero when it registered this
//   round (or never entered the active set): the real contract then panics (division by zero).
import { formatEther, Interface, type TransactionReceipt } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { TICKET_BROKER_ABI } from './abi.ts';
import type { ChainReader } from './reads/reader.ts';

export interface TicketPayout {
  faceValue: bigint;
  /** The sender's deposit and reserve before the redemption. */
  deposit: bigint;
  reserve: bigint;
  /** The recipient's claimable share of the reserve this round. */
  claimableReserve: bigint;
  fromDeposit: bigint;
  fromReserve: bigint;
  /** What the recipient's fee pool would receive. */
  payable: bigint;
  round: bigint;
  /** The sender's unlock withdraw round (0: not unlocking). */
  withdrawRound: bigint;
  /** Why the real contract would refuse or fail the redemption, in words (null: it pays `payable`). */
  refusal: string | null;
  /** A refusal that passes by itself (the orchestrator's first round): retry later. */
  retryable: boolean;
}

export interface TicketRef {
  sender: string;
  recipient: string;
  faceValue: bigint;
}

const eth = (wei: bigint): string => `${formatEther(wei)} ETH`;

/**
 * The reads go through the Multicall3 batcher: payouts read together share one request. The earnings
 * pool the fee check needs depends on the round and the transcoder read in that request; given the
 * round the caller expects (`roundHint`, e.g. the head's), the pool of that round is read in the same
 * request, and read again on its own only when the round or the pool's round turns out otherwise.
 */
export async function readTicketPayout(r: ChainReader, ticket: TicketRef, roundHint?: bigint): Promise<TicketPayout> {
  const poolOf = (round: bigint) =>
    r.view<{ totalStake: bigint }>('BondingManager', 'getTranscoderEarningsPoolForRound', ticket.recipient, round);
  const hinted = roundHint === undefined ? null : poolOf(roundHint).catch(() => null);
  const [info, claimable, round, registered, t] = await Promise.all([
    r.view<[{ deposit: bigint; withdrawRound: bigint }, { fundsRemaining: bigint }]>(
      'TicketBroker',
      'getSenderInfo',
      ticket.sender,
    ),
    r.view<bigint>('TicketBroker', 'claimableReserve', ticket.sender, ticket.recipient),
    r.view<bigint>('RoundsManager', 'currentRound'),
    r.view<boolean>('BondingManager', 'isRegisteredTranscoder', ticket.recipient),
    r.view<{ lastRewardRound: bigint; lastActiveStakeUpdateRound: bigint }>(
      'BondingManager',
      'getTranscoder',
      ticket.recipient,
    ),
  ]);
  const deposit = info[0].deposit;
  const withdrawRound = info[0].withdrawRound;
  const reserve = info[1].fundsRemaining;
  const fromDeposit = ticket.faceValue < deposit ? ticket.faceValue : deposit;
  const rest = ticket.faceValue - fromDeposit;
  const fromReserve = rest < claimable ? rest : claimable;
  const payable = fromDeposit + fromReserve;
  const base = { faceValue: ticket.faceValue, deposit, reserve, claimableReserve: claimable, round, withdrawRound };
  const out = (refusal: string | null, retryable = false): TicketPayout => ({
    ...base,
    fromDeposit,
    fromReserve,
    payable: refusal ? 0n : payable,
    refusal,
    retryable,
  });
  if (withdrawRound > 0n && round >= withdrawRound)
    return out(`the sender's unlock completed in round ${withdrawRound}: its tickets are no longer redeemable`);
  if (deposit === 0n && reserve === 0n) return out('the sender has no deposit or reserve left');
  if (payable === 0n)
    return out(
      `nothing would be paid: the sender's deposit is empty and this orchestrator has no claimable reserve share this round (only active orchestrators have one)`,
    );
  if (!registered) return out(`${ticket.recipient} is not a registered orchestrator: the contract refuses the fees`);
  // updateTranscoderWithFees: the stake of the current round's pool, carried from the last stake
  // change when reward() has not run this round
  const poolRound =
    round > t.lastRewardRound && t.lastActiveStakeUpdateRound < round ? t.lastActiveStakeUpdateRound : round;
  const pool = (poolRound === roundHint ? await hinted : null) ?? (await poolOf(poolRound));
  if (pool.totalStake === 0n) {
    // The real contract would panic (division by zero): never send that
    const firstRound = t.lastActiveStakeUpdateRound > round;
    return out(
      firstRound
        ? `the orchestrator registered in round ${round} and its stake counts from round ${t.lastActiveStakeUpdateRound}; until then the contract fails dividing the fees by a zero stake (division by zero)`
        : `the orchestrator has never had stake in the active set, so the contract fails dividing the fees by a zero stake (division by zero)`,
      firstRound,
    );
  }
  return out(null);
}

/** The preview's words for a redemption that pays `p.payable`. */
export function payoutChanges(p: TicketPayout, recipient: string): string[] {
  const out = [`${eth(p.payable)} is credited to ${recipient}'s fee pool`];
  if (p.payable < p.faceValue)
    out.push(
      `The sender covers only ${eth(p.payable)} of the ${eth(p.faceValue)} face value (deposit ${eth(p.deposit)}, reserve share ${eth(p.claimableReserve)}): the ticket is used up and the rest is not paid`,
    );
  if (p.withdrawRound > 0n)
    out.push(`The sender is unlocking its funds: its tickets are redeemable until round ${p.withdrawRound}`);
  return out;
}

/** The refusal as the error the client throws before simulating (Conflict: it may pass later). */
export function payoutError(p: TicketPayout): AppError | null {
  if (!p.refusal) return null;
  return new AppError(p.retryable ? ErrorCode.Conflict : ErrorCode.BadInput, `Not redeemable: ${p.refusal}`, {
    faceValue: p.faceValue.toString(),
    payable: p.payable.toString(),
  });
}

const broker = new Interface(TICKET_BROKER_ABI);

/** What a confirmed redemption paid: its WinningTicketTransfer amount (none: nothing was paid). */
export function paidInReceipt(receipt: Pick<TransactionReceipt, 'logs'>, ticketBroker: string): bigint {
  let paid = 0n;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== ticketBroker.toLowerCase()) continue;
    const parsed = broker.parseLog(log);
    if (parsed?.name === 'WinningTicketTransfer') paid += parsed.args[2] as bigint;
  }
  return paid;
}
