// Redeeming several winning tickets in one transaction, as TicketBroker.batchRedeemWinningTickets
// does on Arbitrum One (livepeer/protocol MixinWrappers): the batch needs the current round
// initialized (else the whole transaction reverts), then redeems each ticket with a call whose
// failure does not revert the rest. So a failing ticket is silent on chain:
// - before sending, `checkRedemptions` reads what each ticket would pay (ticket-payout.ts) and
//   estimates redeeming them all in order through Multicall3 (aggregate3 without allowFailure:
//   the calls run one after the other on one state, as the batch's do; redeemWinningTicket does
//   not look at msg.sender), and when that fails simulates each on its own in one aggregate3
//   with allowFailure, where each reports its own revert reason;
// - after it is mined, `redemptionsInReceipt` says which tickets were redeemed (their
//   WinningTicketRedeemed events) and what each paid (the WinningTicketTransfer its redemption
//   logged just before).
import { Interface, type Log } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { MULTICALL3_ADDRESS, TICKET_BROKER_ABI } from './abi.ts';
import { MULTICALL3 } from './reads/multicall.ts';
import { checkAddress, type ChainReader } from './reads/reader.ts';
import { payoutError, readTicketPayout, type TicketPayout } from './ticket-payout.ts';
import type { WinningTicket } from './types.ts';

const DEVNET_CHAIN_ID = 31337n;

/** Tickets per batch transaction: its gas stays far under a block's (about 130k gas a ticket). */
export const MAX_TICKETS_PER_BATCH = 20;

export interface Redemption {
  ticket: WinningTicket;
  sig: string;
  recipientRand: bigint;
}

export type RedemptionCheck = { ok: true; payout: TicketPayout } | { ok: false; error: AppError };

export interface RedemptionChecks {
  /** Gas of redeeming the tickets found redeemable, in order (0: none). */
  gas: bigint;
  round: bigint;
  roundInitialized: boolean;
  /**
   * The block rounds count in (Arbitrum: the L1 estimate) is the round's last: a transaction
   * would most likely be mined in the next round, before anyone initialized it.
   */
  lastBlockOfRound: boolean;
  /** One per redemption, in order; empty when the round is not initialized (nothing was simulated). */
  tickets: RedemptionCheck[];
}

const broker = new Interface(TICKET_BROKER_ABI);

/** A ticket's key in the events: a sender's nonce is unique per recipientRand. */
const key = (sender: string, senderNonce: bigint, recipientRand: bigint): string =>
  `${sender.toLowerCase()}:${senderNonce}:${recipientRand}`;

export const redemptionKey = (r: Redemption): string => key(r.ticket.sender, r.ticket.senderNonce, r.recipientRand);

const ticketArg = (t: WinningTicket): WinningTicket => ({
  ...t,
  recipient: checkAddress(t.recipient, 'Ticket recipient'),
  sender: checkAddress(t.sender, 'Ticket sender'),
});

const redeemData = (r: Redemption): string =>
  broker.encodeFunctionData('redeemWinningTicket', [ticketArg(r.ticket), r.sig, r.recipientRand]);

/** The batch's arguments: Ticket[], bytes[] and uint256[], in the same order. */
export function batchArgs(items: readonly Redemption[]): unknown[] {
  return [items.map((r) => ticketArg(r.ticket)), items.map((r) => r.sig), items.map((r) => r.recipientRand)];
}

/**
 * One eth_call and one estimate whatever the number of tickets: the round, every payout and the
 * earnings pools the payouts check (one aggregate3; the pools of `roundHint`, the round the head
 * says, with a second request only when the round is another by then), and the gas of redeeming every
 * redeemable ticket in order (`estimateBatch`). Only when that estimate fails are the tickets
 * simulated one by one (one more aggregate3) to find which, and the rest estimated again.
 */
export async function checkRedemptions(
  r: ChainReader,
  from: string,
  items: readonly Redemption[],
  roundHint?: bigint,
): Promise<RedemptionChecks> {
  const [round, roundInitialized, blockNum, start, length, cid, payouts] = await Promise.all([
    r.view<bigint>('RoundsManager', 'currentRound'),
    r.view<boolean>('RoundsManager', 'currentRoundInitialized'),
    r.view<bigint>('RoundsManager', 'blockNum'),
    r.view<bigint>('RoundsManager', 'currentRoundStartBlock'),
    r.view<bigint>('RoundsManager', 'roundLength'),
    r.chainId(),
    Promise.all(
      items.map((i) =>
        readTicketPayout(
          r,
          { sender: i.ticket.sender, recipient: i.ticket.recipient, faceValue: i.ticket.faceValue },
          roundHint,
        ),
      ),
    ),
  ]);
  // Only where blocks come by themselves (Arbitrum's L1 blocks) is waiting a block of any use; on
  // the devnet our own transaction is what mines the next block.
  const lastBlockOfRound = cid !== DEVNET_CHAIN_ID && blockNum + 1n >= start + length;
  const result = { round, roundInitialized, lastBlockOfRound, gas: 0n };
  if (!roundInitialized) return { ...result, tickets: [] };
  const tickets: RedemptionCheck[] = payouts.map((payout) => {
    const refused = payoutError(payout);
    return refused ? { ok: false, error: refused } : { ok: true, payout };
  });
  const redeemable = () => items.filter((_item, i) => tickets[i]?.ok);
  if (redeemable().length === 0) return { ...result, tickets };
  const first = await estimateBatch(r, from, redeemable()).catch((err: unknown) => err);
  if (typeof first === 'bigint') return { ...result, tickets, gas: first };
  if (!(first instanceof AppError) || (first.code !== ErrorCode.Reverted && first.code !== ErrorCode.RoundLocked))
    throw first;
  await simulateEach(r, items, tickets);
  return { ...result, tickets, gas: redeemable().length > 0 ? await estimateBatch(r, from, redeemable()) : 0n };
}

/**
 * The gas of redeeming the tickets in order, all of them succeeding: Multicall3 aggregate3 without
 * allowFailure (a failure reverts it). The batch itself cannot be estimated: its calls may fail
 * without reverting it, so the smallest gas it "succeeds" with is one where they all run out.
 */
function estimateBatch(r: ChainReader, from: string, items: readonly Redemption[]): Promise<bigint> {
  return addressOf(r).then((broker) =>
    r.call('Estimating the redemptions', async () => {
      const data = MULTICALL3.encodeFunctionData('aggregate3', [items.map((i) => [broker, false, redeemData(i)])]);
      // On the latest block, as the simulations (a node estimates on the pending one by default,
      // which on the devnet may already be the next round), and without a gas price: the node
      // would otherwise cap the gas at what the balance buys at the basefee, and a high basefee
      // would read as the redemptions failing
      const gas = (await r.provider.send('eth_estimateGas', [
        { from, to: MULTICALL3_ADDRESS, data, gasPrice: '0x0' },
        'latest',
      ])) as string;
      return BigInt(gas);
    }),
  );
}

const addressOf = async (r: ChainReader): Promise<string> => (await r.addresses()).TicketBroker;

/** Each redeemable ticket's redemption on its own, in order, in one aggregate3 (allowFailure). */
async function simulateEach(r: ChainReader, items: readonly Redemption[], tickets: RedemptionCheck[]): Promise<void> {
  const broker = await addressOf(r);
  const simulated = await Promise.all(
    items.map((item, i) =>
      tickets[i]?.ok
        ? r.batcher.call(broker, redeemData(item), 'Simulating the redemption').then(
            () => null,
            (err: unknown) => err,
          )
        : null,
    ),
  );
  simulated.forEach((failed, i) => {
    if (failed === null) return;
    const e = failed instanceof AppError ? failed : new AppError(ErrorCode.Unavailable, String(failed));
    const reason = String(e.details?.['reason'] ?? e.message);
    tickets[i] =
      e.code === ErrorCode.Reverted
        ? {
            ok: false,
            error: new AppError(ErrorCode.Reverted, `Redeeming the ticket would fail: ${reason}`, { reason }),
          }
        : { ok: false, error: e };
  });
}

export interface TicketSender {
  deposit: bigint;
  reserve: bigint;
  withdrawRound: bigint;
  /** What the recipient may claim of the reserve this round. */
  claimableReserve: bigint;
}

export async function readTicketSender(r: ChainReader, sender: string, recipient: string): Promise<TicketSender> {
  const [[s, reserve], claimableReserve] = await Promise.all([
    r.view<[{ deposit: bigint; withdrawRound: bigint }, { fundsRemaining: bigint }]>(
      'TicketBroker',
      'getSenderInfo',
      sender,
    ),
    r.view<bigint>('TicketBroker', 'claimableReserve', sender, recipient),
  ]);
  return { deposit: s.deposit, reserve: reserve.fundsRemaining, withdrawRound: s.withdrawRound, claimableReserve };
}

/** Redeemed tickets by `redemptionKey`, with what each paid (0 when nothing was). */
export function redemptionsInReceipt(receipt: { logs: readonly Log[] }, ticketBroker: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  let paid = 0n;
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== ticketBroker.toLowerCase()) continue;
    const parsed = broker.parseLog(log);
    // Each redemption logs its transfer (if it paid anything) and then its WinningTicketRedeemed
    if (parsed?.name === 'WinningTicketTransfer') paid += parsed.args[2] as bigint;
    if (parsed?.name === 'WinningTicketRedeemed') {
      out.set(key(parsed.args[0] as string, parsed.args[4] as bigint, parsed.args[5] as bigint), paid);
      paid = 0n;
    }
  }
  return out;
}
