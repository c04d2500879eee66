// How often the app looks at a chain: the shared head (one request) and the event index (one
// eth_getLogs). Arbitrum One counts rounds in L1 blocks, which come every 12 s, so a head read
// more often would mostly find the same round state; the index follows every 30 s. The small
// devnet is a demo where people click and watch: a head every 5 s, the index every 15 s. The
// mainnet-scale devnet stands in for Arbitrum One (its size, and so its RPC figures: the
// budget bench runs on it), so it takes Arbitrum One's pace.
import type { DevnetScale } from './devnet/scale.ts';

export interface ChainPace {
  headIntervalMs: number;
  indexIntervalMs: number;
}

export const ARBITRUM_PACE: ChainPace = { headIntervalMs: 12_000, indexIntervalMs: 30_000 };
export const DEMO_DEVNET_PACE: ChainPace = { headIntervalMs: 5_000, indexIntervalMs: 15_000 };

export function chainPace(network: 'devnet' | 'arbitrum-one', scale: DevnetScale = 'small'): ChainPace {
  return network === 'devnet' && scale === 'small' ? DEMO_DEVNET_PACE : ARBITRUM_PACE;
}
