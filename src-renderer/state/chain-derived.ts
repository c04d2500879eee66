// Derived chain facts the pages share: time per round, the active set position and entry stake,
// the reward record over the last rounds.
import type { ChainRewardStatus, ChainStatus } from '../../src-shared/contract/index.ts';

/** Seconds per block as rounds count them: L1 blocks (12 s) on Arbitrum, the devnet's 2 s timer. */
export function secondsPerRoundBlock(status: ChainStatus): number {
  return status.network === 'devnet' ? 2 : 12;
}

export function roundsToWords(rounds: bigint, status: ChainStatus): string {
  if (rounds <= 0n || !status.protocol) return 'now';
  const seconds = Number(rounds) * Number(status.protocol.roundLength) * secondsPerRoundBlock(status);
  if (seconds < 3600) return `about ${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 172_800) return `about ${Math.round(seconds / 3600)} h`;
  return `about ${Math.round(seconds / 86_400)} days`;
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
