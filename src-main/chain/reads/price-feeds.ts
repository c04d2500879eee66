// Prices in the user's currency from Chainlink price feeds, read through the app's own chain RPC
// (no third-party price API): AggregatorV3Interface `decimals()` and `latestRoundData()`. On Arbitrum
// One the real feed proxies; on the devnet our DevnetPriceFeed (same interface, settable price).
// Each answer is cached for a few minutes and decimals forever, so a page open costs at most two
// calls per feed and repeated opens cost none: the app's RPC budget is shared.
import { Contract, getAddress, type JsonRpcProvider } from 'ethers';
import type { FeedReading } from '../../../src-shared/domain/fiat.ts';
import { rpc } from '../rpc-errors.ts';

export const AGGREGATOR_V3_ABI = [
  'function decimals() view returns (uint8)',
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
] as const;

export type FeedKey = 'ethUsd' | 'eurUsd' | 'lptUsd';
export interface FeedSource {
  readonly pair: string;
  readonly address: string;
}

/**
 * Chainlink's proxies on Arbitrum One (data.chain.link, "Arbitrum Mainnet"): ETH/USD and EUR/USD,
 * both 8 decimals with a 24-hour heartbeat. Chainlink publishes LPT/USD on Ethereum mainnet only
 * (0xBAaF…a400), not on Arbitrum One, so LPT has no price here and is shown without one.
 */
export const ARBITRUM_ONE_PRICE_FEEDS: Partial<Record<FeedKey, FeedSource>> = {
  ethUsd: { pair: 'ETH / USD', address: '0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612' },
  eurUsd: { pair: 'EUR / USD', address: '0xA14d53bC1F1c0F31B4aA3BD109344E5009051a84' },
};

/** Why a feed is missing, in words, for the page to show. */
export const MISSING_FEED_REASONS: Record<FeedKey, string> = {
  ethUsd: 'no ETH/USD feed on this chain',
  eurUsd: 'no EUR/USD feed on this chain',
  lptUsd: 'Chainlink has no LPT/USD feed on Arbitrum One (only on Ethereum mainnet)',
};

export async function readPriceFeed(
  provider: JsonRpcProvider,
  feed: FeedSource,
  knownDecimals?: number,
  timeoutMs = 10_000,
): Promise<FeedReading> {
  const c = new Contract(getAddress(feed.address), AGGREGATOR_V3_ABI, provider);
  const [decimals, round] = await rpc(
    `Reading the ${feed.pair} price feed`,
    () =>
      Promise.all([
        knownDecimals ?? (c.getFunction('decimals')() as Promise<bigint>),
        c.getFunction('latestRoundData')() as Promise<[bigint, bigint, bigint, bigint, bigint]>,
      ]),
    timeoutMs,
  );
  return {
    pair: feed.pair,
    address: getAddress(feed.address),
    answer: round[1].toString(),
    decimals: Number(decimals),
    updatedAt: Number(round[3]),
  };
}

export interface PriceReadings {
  readings: Partial<Record<FeedKey, FeedReading>>;
  /** Feeds without a reading and why (no feed on this chain, or the read failed). */
  missing: { key: FeedKey; reason: string }[];
  readAtMs: number;
}

export interface PriceFeedCache {
  /** Readings for these feeds; cached ones younger than `maxAgeMs` unless `refresh`. */
  read(
    provider: JsonRpcProvider,
    feeds: Partial<Record<FeedKey, FeedSource>>,
    refresh: boolean,
  ): Promise<PriceReadings>;
}

export function createPriceFeedCache(options: { maxAgeMs?: number; now?: () => number } = {}): PriceFeedCache {
  const maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const decimals = new Map<string, number>();
  const answers = new Map<string, { reading: FeedReading; at: number }>();
  return {
    async read(provider, feeds, refresh) {
      const out: PriceReadings = { readings: {}, missing: [], readAtMs: now() };
      const keys = Object.keys(MISSING_FEED_REASONS) as FeedKey[];
      await Promise.all(
        keys.map(async (key) => {
          const feed = feeds[key];
          if (!feed) {
            out.missing.push({ key, reason: MISSING_FEED_REASONS[key] });
            return;
          }
          const id = feed.address.toLowerCase();
          const cached = answers.get(id);
          if (cached && !refresh && now() - cached.at < maxAgeMs) {
            out.readings[key] = cached.reading;
            return;
          }
          try {
            const reading = await readPriceFeed(provider, feed, decimals.get(id));
            decimals.set(id, reading.decimals);
            answers.set(id, { reading, at: now() });
            out.readings[key] = reading;
          } catch (err) {
            out.missing.push({ key, reason: err instanceof Error ? err.message : String(err) });
          }
        }),
      );
      return out;
    },
  };
}
