// Plans that move the wallet's own funds: the LPT allowance for bonding, sending LPT, and
// withdrawing earned fees (ETH) out of the protocol.
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { checkAddress } from '../reads/reader.ts';
import {
  fmt,
  positive,
  requireInitialized,
  short,
  type ActionOf,
  type Plan,
  type PlanContext,
  type Planners,
} from './plan.ts';

function planApprove({ addrs }: PlanContext, _from: string, action: ActionOf<'approve'>): Promise<Plan> {
  positive(action.amount, 'The amount to approve');
  return Promise.resolve({
    contract: 'LivepeerToken',
    method: 'approve',
    args: [addrs.BondingManager, action.amount],
    summary: `Allow the BondingManager to take exactly ${fmt(action.amount, 'LPT')} from your wallet for bonding`,
    changes: [`LPT allowance for the BondingManager becomes ${fmt(action.amount, 'LPT')}`],
  });
}

async function planTransfer({ r }: PlanContext, from: string, action: ActionOf<'transfer'>): Promise<Plan> {
  positive(action.amount, 'The amount to send');
  const to = checkAddress(action.to, 'The recipient');
  const balance = await r.view<bigint>('LivepeerToken', 'balanceOf', from);
  if (balance < action.amount)
    throw new AppError(ErrorCode.InsufficientBalance, `Only ${fmt(balance, 'LPT')} in this wallet`, {
      balance: balance.toString(),
    });
  return {
    contract: 'LivepeerToken',
    method: 'transfer',
    args: [to, action.amount],
    summary: `Send ${fmt(action.amount, 'LPT')} to ${to}`,
    changes: [`Your unstaked LPT goes down by ${fmt(action.amount, 'LPT')}`],
  };
}

async function planWithdrawFees({ r }: PlanContext, from: string, action: ActionOf<'withdrawFees'>): Promise<Plan> {
  positive(action.amount, 'The amount of fees');
  const recipient = checkAddress(action.recipient ?? from, 'The recipient');
  await requireInitialized(r);
  const fees = await r.view<bigint>('BondingManager', 'pendingFees', from, 0n);
  if (fees < action.amount)
    throw new AppError(ErrorCode.InsufficientBalance, `Only ${fmt(fees, 'ETH')} of fees are available`, {
      fees: fees.toString(),
    });
  return {
    contract: 'BondingManager',
    method: 'withdrawFees',
    args: [recipient, action.amount],
    summary: `Withdraw ${fmt(action.amount, 'ETH')} of fees to ${recipient === from ? 'your wallet' : short(recipient)}`,
    changes: [`${fmt(action.amount, 'ETH')} is paid out of the Minter`],
  };
}

export const fundPlans = {
  approve: planApprove,
  transfer: planTransfer,
  withdrawFees: planWithdrawFees,
} satisfies Partial<Planners>;
