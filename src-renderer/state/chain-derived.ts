// Derived chain facts the pages share: time per round, the active set position and entry stake,
// the reward record over the last rounds.
import type { ChainRewardStatus, ChainStatus } from '../../src-shared/contract/index.ts';
import { formatDuration, roundsDurationSeconds } from '../../src-shared/domain/dates.ts';
import { measuredSecondsPerBlock } from './block-cadence.ts';

/**
 * Seconds per block as rounds count them: measured from the chain once the samples allow it
 * (state/block-cadence.ts); until then Ethereum's 12 s on Arbitrum One and the app's 2 s devnet timer.
 */
export function secondsPerRoundBlock(status: ChainStatus): number {
  return measuredSecondsPerBlock(status.network) ?? (status.network === 'devnet' ? 2 : 12);
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

/** How many of the last `window` rounds (up to the current one) have a confirmed reward call. */
export function rewardRecord(
  reward: ChainRewardStatus | null,
  currentRound: number,
  window = 30,
): { called: number; window: number; thisRound: boolean } {
  const rounds = new Set<number>();
  for (const a of reward?.attempts ?? []) {
    if (a.action === 'reward' && a.state === 'confirmed') rounds.add(Number(a.round));
  }
  if (reward?.lastRewardRound) rounds.add(Number(reward.lastRewardRound));
  let called = 0;
  for (const r of rounds) if (r > currentRound - window && r <= currentRound) called += 1;
  return { called, window, thisRound: rounds.has(currentRound) };
}
