// Plans of the TicketBroker: a broadcaster's deposit and reserve (fund, unlock, cancel, withdraw)
// and an orchestrator redeeming a winning ticket.
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { checkAddress } from '../reads/reader.ts';
import { batchArgs, MAX_TICKETS_PER_BATCH } from '../ticket-batch.ts';
import { payoutChanges, payoutError, readTicketPayout } from '../ticket-payout.ts';
import { fmt, requireInitialized, short, type ActionOf, type Plan, type PlanContext, type Planners } from './plan.ts';

function planFundDepositAndReserve(
  _ctx: PlanContext,
  _from: string,
  action: ActionOf<'fundDepositAndReserve'>,
): Promise<Plan> {
  if (action.deposit < 0n || action.reserve < 0n || action.deposit + action.reserve === 0n)
    throw new AppError(ErrorCode.BadInput, 'Deposit and reserve must be non-negative and not both zero');
  return Promise.resolve({
    contract: 'TicketBroker',
    method: 'fundDepositAndReserve',
    args: [action.deposit, action.reserve],
    value: action.deposit + action.reserve,
    summary: `Fund ${fmt(action.deposit, 'ETH')} deposit and ${fmt(action.reserve, 'ETH')} reserve for paying tickets`,
    changes: [`${fmt(action.deposit + action.reserve, 'ETH')} leaves your wallet for the TicketBroker`],
  });
}

/** A call without arguments or checks: the contract's own rules decide (seen in the simulation). */
const plain = (method: string, summary: string, change: string) => (): Promise<Plan> =>
  Promise.resolve({ contract: 'TicketBroker', method, args: [], summary, changes: [change] });

async function planRedeemTicket({ r }: PlanContext, _from: string, action: ActionOf<'redeemTicket'>): Promise<Plan> {
  await requireInitialized(r);
  const tk = action.ticket;
  // What the real contract would pay (a partial payout when the sender is short), or why it would fail
  const payout = await readTicketPayout(r, {
    sender: checkAddress(tk.sender, 'Ticket sender'),
    recipient: checkAddress(tk.recipient, 'Ticket recipient'),
    faceValue: tk.faceValue,
  });
  const refused = payoutError(payout);
  if (refused) throw refused;
  return {
    contract: 'TicketBroker',
    method: 'redeemWinningTicket',
    args: [
      {
        ...tk,
        recipient: checkAddress(tk.recipient, 'Ticket recipient'),
        sender: checkAddress(tk.sender, 'Ticket sender'),
      },
      action.sig,
      action.recipientRand,
    ],
    summary: `Redeem a winning ticket worth ${fmt(tk.faceValue, 'ETH')} from ${short(tk.sender)}: pays ${fmt(payout.payable, 'ETH')}`,
    changes: payoutChanges(payout, short(tk.recipient)),
    payable: payout.payable,
  };
}

/** The queue checked each ticket a moment ago (ticket-batch.ts); this only builds the call. */
function planRedeemTickets(_ctx: PlanContext, _from: string, action: ActionOf<'redeemTickets'>): Promise<Plan> {
  const n = action.items.length;
  if (n === 0 || n > MAX_TICKETS_PER_BATCH)
    throw new AppError(ErrorCode.BadInput, `A batch holds 1 to ${MAX_TICKETS_PER_BATCH} tickets, not ${n}`);
  const face = action.items.reduce((sum, i) => sum + i.ticket.faceValue, 0n);
  const payable = action.items.reduce((sum, i) => sum + i.payable, 0n);
  const recipient = short(action.items[0]?.ticket.recipient ?? '');
  return Promise.resolve({
    contract: 'TicketBroker',
    method: 'batchRedeemWinningTickets',
    args: batchArgs(action.items),
    summary: `Redeem ${n} winning ticket${n === 1 ? '' : 's'} worth ${fmt(face, 'ETH')}: pays ${fmt(payable, 'ETH')}`,
    changes: [
      `${fmt(payable, 'ETH')} is credited to ${recipient}'s fee pool`,
      'Each ticket is redeemed on its own: one that fails does not stop the others',
    ],
    payable,
    gas: action.gas,
  });
}

export const ticketPlans = {
  fundDepositAndReserve: planFundDepositAndReserve,
  unlock: plain(
    'unlock',
    'Start unlocking your ticket deposit and reserve',
    'Tickets from you stop being redeemable once unlocked',
  ),
  cancelUnlock: plain(
    'cancelUnlock',
    'Cancel the unlock of your deposit and reserve',
    'Your funds stay locked and usable for tickets',
  ),
  withdrawTicketFunds: plain(
    'withdraw',
    'Withdraw your unlocked ticket deposit and reserve',
    'The deposit and reserve return to your wallet',
  ),
  redeemTicket: planRedeemTicket,
  redeemTickets: planRedeemTickets,
} satisfies Partial<Planners>;
