// How often a chain moves and the app looks at it: the shared head (one request) and the event
// index (one eth_getLogs). Arbitrum One counts rounds in L1 blocks, which come every 12 s, so a
// head read more often would mostly find the same round state; the index follows every 30 s. The
// small devnet is a demo where people click and watch: a block every 2 s (a 50-block round in
// under 2 minutes), a head every 5 s, the index every 15 s. The mainnet-scale devnet stands in for
// Arbitrum One (its size, and so its RPC figures: the budget bench runs on it), so it takes
// Arbitrum One's pace: a block every 12 s as well (a round in about 10 minutes).
import type { DevnetScale } from './devnet/scale.ts';

export interface ChainPace {
  /** The blocks rounds count in (Arbitrum One: L1's; the devnet mines one this often). */
  blockMs: number;
  headIntervalMs: number;
  indexIntervalMs: number;
}

export const ARBITRUM_PACE: ChainPace = { blockMs: 12_000, headIntervalMs: 12_000, indexIntervalMs: 30_000 };
export const DEMO_DEVNET_PACE: ChainPace = { blockMs: 2_000, headIntervalMs: 5_000, indexIntervalMs: 15_000 };

export function chainPace(network: 'devnet' | 'arbitrum-one', scale: DevnetScale = 'small'): ChainPace {
  return network === 'devnet' && scale === 'small' ? DEMO_DEVNET_PACE : ARBITRUM_PACE;
}
