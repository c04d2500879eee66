// Plans of the BondingManager and RoundsManager: delegating stake (bond, unbond, rebond,
// withdraw, claim) and running an orchestrator (reward cut and fee share, service URI, reward,
// round initialization). Pool hints keep the sorted active set cheap to update.
import { ZeroAddress } from 'ethers';
import { AppError, ChainFix, ErrorCode } from '../../../src-shared/contract/index.ts';
import { PERC_DIVISOR } from '../abi.ts';
import { hints, readPool } from '../reads/pool.ts';
import { checkAddress, type ChainReader } from '../reads/reader.ts';
import {
  fmt,
  pct,
  positive,
  requireInitialized,
  short,
  type ActionOf,
  type Plan,
  type PlanContext,
  type Planners,
} from './plan.ts';

async function planBond({ r, addrs }: PlanContext, from: string, action: ActionOf<'bond'>): Promise<Plan> {
  // 0 is allowed: bond(0, newOrchestrator) moves the existing stake (checked below)
  if (action.amount < 0n) throw new AppError(ErrorCode.BadInput, 'The amount to bond cannot be negative');
  const to = checkAddress(action.to, 'The orchestrator');
  await requireInitialized(r);
  const [balance, allowance, registered, d] = await Promise.all([
    r.view<bigint>('LivepeerToken', 'balanceOf', from),
    r.view<bigint>('LivepeerToken', 'allowance', from, addrs.BondingManager),
    r.view<boolean>('BondingManager', 'isRegisteredTranscoder', to),
    r.view<{ bondedAmount: bigint; delegateAddress: string }>('BondingManager', 'getDelegator', from),
  ]);
  if (balance < action.amount)
    throw new AppError(
      ErrorCode.InsufficientBalance,
      `You have ${fmt(balance, 'LPT')}, not ${fmt(action.amount, 'LPT')}`,
      { balance: balance.toString(), required: action.amount.toString() },
    );
  if (allowance < action.amount)
    throw new AppError(
      ErrorCode.InsufficientAllowance,
      `Approve ${fmt(action.amount, 'LPT')} for bonding first (allowed now: ${fmt(allowance, 'LPT')})`,
      { allowance: allowance.toString(), required: action.amount.toString(), spender: addrs.BondingManager },
    );
  if (to !== from && !registered) throw new AppError(ErrorCode.NotFound, `${to} is not a registered orchestrator`);
  const moving = d.bondedAmount > 0n && d.delegateAddress !== to ? d.bondedAmount : 0n;
  if (action.amount === 0n && moving === 0n)
    throw new AppError(
      ErrorCode.BadInput,
      d.bondedAmount > 0n
        ? 'Your stake is already with this orchestrator: bond more than zero, or choose another one to move it to'
        : 'The amount to bond must be more than zero (you have no stake to move)',
    );
  const [prev, next] = await hints(r, to, action.amount + moving);
  const args = [action.amount, to, ZeroAddress, ZeroAddress, prev, next];
  const self = to === from;
  return {
    contract: 'BondingManager',
    method: 'bondWithHint',
    args,
    summary:
      action.amount === 0n
        ? `Move your ${fmt(moving, 'LPT')} of stake to orchestrator ${short(to)}`
        : self
          ? `Bond ${fmt(action.amount, 'LPT')} to yourself as an orchestrator`
          : `Bond ${fmt(action.amount, 'LPT')} to orchestrator ${short(to)}`,
    changes: [
      ...(action.amount > 0n
        ? [`${fmt(action.amount, 'LPT')} moves from your wallet into the protocol (held by the Minter)`]
        : []),
      ...(moving > 0n
        ? [`Your existing ${fmt(moving, 'LPT')} moves from ${short(d.delegateAddress)} to ${short(to)}`]
        : []),
      'The stake counts from the next round',
    ],
  };
}

async function planUnbond({ r }: PlanContext, from: string, action: ActionOf<'unbond'>): Promise<Plan> {
  positive(action.amount, 'The amount to unbond');
  await requireInitialized(r);
  const [stake, period, round] = await Promise.all([
    r.view<bigint>('BondingManager', 'pendingStake', from, 0n),
    r.view<bigint>('BondingManager', 'unbondingPeriod'),
    r.view<bigint>('RoundsManager', 'currentRound'),
  ]);
  if (stake < action.amount)
    throw new AppError(ErrorCode.InsufficientBalance, `Only ${fmt(stake, 'LPT')} is bonded`, {
      bonded: stake.toString(),
    });
  const d = await r.view<{ delegateAddress: string }>('BondingManager', 'getDelegator', from);
  const [prev, next] =
    action.amount === stake && d.delegateAddress === from
      ? [ZeroAddress, ZeroAddress]
      : await hints(r, d.delegateAddress, -action.amount);
  return {
    contract: 'BondingManager',
    method: 'unbondWithHint',
    args: [action.amount, prev, next],
    summary: `Unbond ${fmt(action.amount, 'LPT')}; withdrawable from round ${round + BigInt(period)}`,
    changes: [
      `${fmt(action.amount, 'LPT')} stops earning now`,
      `A new unbonding lock opens until round ${round + BigInt(period)}`,
      ...(action.amount === stake && d.delegateAddress === from
        ? ['You leave the active set from the next round']
        : []),
    ],
  };
}

/** An unbonding lock that still exists (withdrawRound 0 means withdrawn or rebonded). */
async function usableLock(
  r: ChainReader,
  from: string,
  lockId: bigint,
): Promise<{ amount: bigint; withdrawRound: bigint }> {
  await requireInitialized(r);
  const lock = await r.view<{ amount: bigint; withdrawRound: bigint }>(
    'BondingManager',
    'getDelegatorUnbondingLock',
    from,
    lockId,
  );
  if (lock.withdrawRound === 0n)
    throw new AppError(ErrorCode.NotFound, `Unbonding lock ${lockId} does not exist or was already used`);
  return lock;
}

async function planWithdrawStake({ r }: PlanContext, from: string, action: ActionOf<'withdrawStake'>): Promise<Plan> {
  const lock = await usableLock(r, from, action.lockId);
  const round = await r.view<bigint>('RoundsManager', 'currentRound');
  if (lock.withdrawRound > round)
    throw new AppError(
      ErrorCode.Conflict,
      `Unbonding lock ${action.lockId} can be withdrawn from round ${lock.withdrawRound} (now ${round})`,
      { withdrawRound: lock.withdrawRound.toString() },
    );
  return {
    contract: 'BondingManager',
    method: 'withdrawStake',
    args: [action.lockId],
    summary: `Withdraw ${fmt(lock.amount, 'LPT')} of unbonded stake to your wallet`,
    changes: [`${fmt(lock.amount, 'LPT')} returns to your wallet`],
  };
}

async function planRebond({ r }: PlanContext, from: string, action: ActionOf<'rebond'>): Promise<Plan> {
  const lock = await usableLock(r, from, action.lockId);
  const d = await r.view<{ delegateAddress: string; bondedAmount: bigint }>('BondingManager', 'getDelegator', from);
  if (d.bondedAmount === 0n)
    throw new AppError(ErrorCode.Conflict, 'You are not bonded to anyone: rebond to an orchestrator instead');
  const [prev, next] = await hints(r, d.delegateAddress, lock.amount);
  return {
    contract: 'BondingManager',
    method: 'rebondWithHint',
    args: [action.lockId, prev, next],
    summary: `Rebond ${fmt(lock.amount, 'LPT')} to ${short(d.delegateAddress)}`,
    changes: [`${fmt(lock.amount, 'LPT')} is bonded again and earns from the next round`],
  };
}

async function planRebondFromUnbonded(
  { r }: PlanContext,
  from: string,
  action: ActionOf<'rebondFromUnbonded'>,
): Promise<Plan> {
  const lock = await usableLock(r, from, action.lockId);
  const to = checkAddress(action.to, 'The orchestrator');
  const [prev, next] = await hints(r, to, lock.amount);
  return {
    contract: 'BondingManager',
    method: 'rebondFromUnbondedWithHint',
    args: [to, action.lockId, prev, next],
    summary: `Rebond ${fmt(lock.amount, 'LPT')} to ${short(to)}`,
    changes: [`${fmt(lock.amount, 'LPT')} is bonded to ${short(to)} from the next round`],
  };
}

async function planClaimEarnings({ r }: PlanContext): Promise<Plan> {
  await requireInitialized(r);
  return {
    contract: 'BondingManager',
    method: 'claimEarnings',
    args: [0n],
    summary: 'Claim pending rewards and fees into your bonded stake',
    changes: ['Pending stake and fees become your bonded stake and withdrawable fees'],
  };
}

async function planTranscoder({ r }: PlanContext, from: string, action: ActionOf<'transcoder'>): Promise<Plan> {
  for (const [value, name] of [
    [action.rewardCut, 'Reward cut'],
    [action.feeShare, 'Fee share'],
  ] as const) {
    if (value < 0n || value > PERC_DIVISOR)
      throw new AppError(ErrorCode.BadInput, `${name} must be between 0 and 1000000 parts per million`);
  }
  await requireInitialized(r);
  const [locked, round, registered, active, t] = await Promise.all([
    r.view<boolean>('RoundsManager', 'currentRoundLocked'),
    r.view<bigint>('RoundsManager', 'currentRound'),
    r.view<boolean>('BondingManager', 'isRegisteredTranscoder', from),
    r.view<boolean>('BondingManager', 'isActiveTranscoder', from),
    r.view<{ lastRewardRound: bigint }>('BondingManager', 'getTranscoder', from),
  ]);
  if (locked) {
    // Says when: the lock ends with the round (on the devnet "Skip to the next round" ends it at once).
    const [start, length, block] = await Promise.all([
      r.view<bigint>('RoundsManager', 'currentRoundStartBlock'),
      r.view<bigint>('RoundsManager', 'roundLength'),
      r.view<bigint>('RoundsManager', 'blockNum'),
    ]);
    const left = start + length - block;
    throw new AppError(
      ErrorCode.RoundLocked,
      `Round ${round} is locked: orchestrator settings can change again when round ${round + 1n} starts, in about ${left} block${left === 1n ? '' : 's'}`,
      { round: round.toString(), blocksLeft: left.toString() },
    );
  }
  if (!registered) throw new AppError(ErrorCode.Conflict, 'Bond LPT to yourself before registering as an orchestrator');
  if (active && t.lastRewardRound !== round)
    throw new AppError(ErrorCode.Conflict, 'Call reward for this round before changing the reward cut or fee share', {
      fix: ChainFix.Reward,
    });
  const stake = await r.view<bigint>('BondingManager', 'transcoderTotalStake', from);
  const inPool = (await readPool(r)).some((m) => m.address === from);
  const [prev, next] = inPool ? [ZeroAddress, ZeroAddress] : await hints(r, from, 0n);
  return {
    contract: 'BondingManager',
    method: 'transcoderWithHint',
    args: [action.rewardCut, action.feeShare, prev, next],
    // The same words as the form: fee cut is what you keep; the contract's feeShare is its complement.
    summary: `Set reward cut ${pct(action.rewardCut)} and fee cut ${pct(PERC_DIVISOR - action.feeShare)}`,
    changes: [
      `You keep ${pct(action.rewardCut)} of LPT rewards (reward cut)`,
      `You keep ${pct(PERC_DIVISOR - action.feeShare)} of ETH fees (fee cut); delegators receive the other ${pct(action.feeShare)} (the contract's "fee share")`,
      ...(inPool ? [] : [`You join the active set from round ${round + 1n} if ${fmt(stake, 'LPT')} is enough`]),
    ],
  };
}

function planSetServiceUri(_ctx: PlanContext, _from: string, action: ActionOf<'setServiceUri'>): Promise<Plan> {
  let parsed: URL;
  try {
    parsed = new URL(action.uri);
  } catch {
    throw new AppError(ErrorCode.BadInput, `Not a URL: ${action.uri}`);
  }
  if (parsed.protocol !== 'https:') throw new AppError(ErrorCode.BadInput, 'The service URI must be an https:// URL');
  return Promise.resolve({
    contract: 'ServiceRegistry',
    method: 'setServiceURI',
    args: [action.uri],
    summary: `Publish ${action.uri} as your orchestrator address`,
    changes: ['Gateways will reach you at this URL'],
  });
}

async function planReward({ r }: PlanContext, from: string): Promise<Plan> {
  await requireInitialized(r);
  const [active, t, round] = await Promise.all([
    r.view<boolean>('BondingManager', 'isActiveTranscoder', from),
    r.view<{ lastRewardRound: bigint }>('BondingManager', 'getTranscoder', from),
    r.view<bigint>('RoundsManager', 'currentRound'),
  ]);
  if (!active) throw new AppError(ErrorCode.Conflict, 'Only an active orchestrator can call reward');
  if (t.lastRewardRound === round)
    throw new AppError(ErrorCode.Conflict, `Reward was already called in round ${round}`);
  const [prev, next] = await hints(r, from, 0n);
  return {
    contract: 'BondingManager',
    method: 'rewardWithHint',
    args: [prev, next],
    summary: `Claim the LPT reward for round ${round}`,
    changes: ['New LPT is minted for you and your delegators'],
  };
}

async function planInitializeRound({ r }: PlanContext): Promise<Plan> {
  const [initialized, round] = await Promise.all([
    r.view<boolean>('RoundsManager', 'currentRoundInitialized'),
    r.view<bigint>('RoundsManager', 'currentRound'),
  ]);
  if (initialized) throw new AppError(ErrorCode.Conflict, `Round ${round} is already initialized`);
  return {
    contract: 'RoundsManager',
    method: 'initializeRound',
    args: [],
    summary: `Initialize round ${round}`,
    changes: ['The round starts: active set and rewards are fixed for it'],
  };
}

export const stakingPlans = {
  bond: planBond,
  unbond: planUnbond,
  rebond: planRebond,
  rebondFromUnbonded: planRebondFromUnbonded,
  withdrawStake: planWithdrawStake,
  claimEarnings: planClaimEarnings,
  transcoder: planTranscoder,
  setServiceUri: planSetServiceUri,
  reward: planReward,
  initializeRound: planInitializeRound,
} satisfies Partial<Planners>;
