// Where the event index starts and how it reads, per network.
import { ARBITRUM_ONE_CHAIN_ID } from '../abi.ts';
import { ARBITRUM_PACE, DEMO_DEVNET_PACE } from '../pace.ts';

/**
 * The first block of the Livepeer protocol on Arbitrum One: the TicketBroker proxy's deployment,
 * the earliest of the three contracts the index reads (TicketBroker 5,856,357, BondingManager
 * 5,856,381, RoundsManager 5,856,394; the Controller is 5,856,334). Source: the `startBlock`s of
 * `arbitrum-one` in livepeer/subgraph `networks.yaml` (commit 0408479f7b422dd16c29f28525132cfaf35e2535),
 * the explorer's own index. Nothing of the protocol exists below it, so a backfill starts there.
 */
export const ARBITRUM_ONE_PROTOCOL_START_BLOCK = 5_856_357;

export interface IndexNetworkDefaults {
  /** The first block to read on a fresh index. */
  startBlock: number;
  /** Blocks per eth_getLogs to start with. */
  initialRange: number;
  /** Never ask for more blocks than this in one query. */
  maxRange: number;
  /** The fallback timer between steps when nobody drives `onHead`. */
  intervalMs: number;
  /** The pause between two backfill queries: the backfill takes at most part of the request budget. */
  backfillPauseMs: number;
}

/** Arbitrum One: bounded ranges (free plans cap 10,000 blocks or 10,000 logs); a step every 30 s
 * (about 120 blocks) at most; a backfill query every 2 s at most, half of a free plan's one request
 * a second (FREE_PLAN_BUDGET), so the head, the node and the UI keep the other half while the
 * history fills in. Elsewhere (the devnet): the whole chain in one query, no pause. */
export function indexDefaults(chainId: bigint | number): IndexNetworkDefaults {
  if (BigInt(chainId) === BigInt(ARBITRUM_ONE_CHAIN_ID))
    return {
      startBlock: ARBITRUM_ONE_PROTOCOL_START_BLOCK,
      initialRange: 10_000,
      maxRange: 1_000_000,
      intervalMs: ARBITRUM_PACE.indexIntervalMs,
      backfillPauseMs: 2_000,
    };
  return {
    startBlock: 0,
    initialRange: 1_000_000_000,
    maxRange: 1_000_000_000,
    intervalMs: DEMO_DEVNET_PACE.indexIntervalMs,
    backfillPauseMs: 0,
  };
}
