// Derived chain facts the pages share: time per round, the active set position and entry stake,
// the reward record over the last rounds.
import type { ChainRewardStatus, ChainStatus } from '../../src-shared/contract/index.ts';
import { formatDuration, roundsDurationSeconds } from '../../src-shared/domain/dates.ts';
import { measuredSecondsPerBlock } from './block-cadence.ts';

/**
 * Seconds per block as rounds count them: measured from the chain once the samples allow it
 * (state/block-cadence.ts); until then what the main process says (Ethereum's 12 s on Arbitrum One,
 * the devnet's mining pace: 2 s, 12 s at mainnet scale).
 */
export function secondsPerRoundBlock(status: ChainStatus): number {
  return measuredSecondsPerBlock(status.network) ?? status.secondsPerBlock ?? (status.network === 'devnet' ? 2 : 12);
}

/** Seconds in one round of the connected chain (its round length × its block cadence). */
export function roundSeconds(status: ChainStatus): number {
  return roundsDurationSeconds(1, Number(status.protocol?.roundLength ?? 0), secondsPerRoundBlock(status));
}

export function roundsToWords(rounds: bigint, status: ChainStatus): string {
  if (rounds <= 0n || !status.protocol) return 'now';
  return formatDuration(Number(rounds) * roundSeconds(status));
}

export interface ActiveSetView {
  /** 1-based position in the pool (next round's active set), or null when not in it. */
  position: number | null;
  size: number;
  max: number;
  /** Stake needed to enter when not in it: just above the smallest when the set is full, else any. */
  entryStakeWei: bigint;
}

export function activeSetView(
  pool: readonly { address: string; stake: string }[],
  address: string | null,
  max: number,
): ActiveSetView {
  const index = address ? pool.findIndex((p) => p.address.toLowerCase() === address.toLowerCase()) : -1;
  const smallest = pool.length > 0 ? BigInt(pool[pool.length - 1]?.stake ?? '0') : 0n;
  return {
    position: index >= 0 ? index + 1 : null,
    size: pool.length,
    max,
    entryStakeWei: pool.length >= max ? smallest + 1n : 1n,
  };
}

export interface RewardRecord {
  /** Rounds with a reward call among the rounds counted. */
  called: number;
  /** Rounds counted: the last `window` rounds, or the rounds since activation when fewer. */
  rounds: number;
  /** True when fewer than `window` rounds have passed since activation. */
  sinceStart: boolean;
  thisRound: boolean;
}

/**
 * Rewarded rounds among the last `window` rounds (up to the current one), from the rounds
 * themselves: the event index's Reward events per round, plus confirmed calls the index has not
 * read yet and the chain's lastRewardRound. Counted since activation when that is more recent.
 */
export function rewardRecord(
  input: {
    reward: ChainRewardStatus | null;
    earnings: readonly { round: number; rewards: string }[] | null;
    activationRound: number | null;
    currentRound: number;
  },
  window = 30,
): RewardRecord {
  const { reward, earnings, activationRound, currentRound } = input;
  const rewarded = new Set<number>();
  for (const e of earnings ?? []) if (BigInt(e.rewards) > 0n) rewarded.add(e.round);
  for (const a of reward?.attempts ?? []) {
    if (a.action === 'reward' && a.state === 'confirmed') rewarded.add(Number(a.round));
  }
  if (reward?.lastRewardRound) rewarded.add(Number(reward.lastRewardRound));
  const sinceActive = activationRound && activationRound > 0 ? currentRound - activationRound + 1 : Infinity;
  const rounds = Math.max(0, Math.min(window, sinceActive));
  const first = currentRound - rounds + 1;
  let called = 0;
  for (const r of rewarded) if (r >= first && r <= currentRound) called += 1;
  return { called, rounds, sinceStart: rounds < window, thisRound: rewarded.has(currentRound) };
}

/** "12 of the last 30 rounds", or "3 of 5 rounds since you started". */
export function rewardRecordText(r: RewardRecord): string {
  if (r.rounds === 0) return 'No rounds since activation yet';
  return r.sinceStart
    ? `${r.called} of ${r.rounds} round${r.rounds === 1 ? '' : 's'} since you started`
    : `${r.called} of the last ${r.rounds} rounds`;
}
