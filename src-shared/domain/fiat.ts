// Money in the user's currency from Chainlink-style price feeds (AggregatorV3Interface): an answer
// is an integer with `decimals` decimals (Chainlink's USD feeds use 8). Wei × answer is computed in
// bigint and only the final figure becomes a float, so 18-decimal amounts lose nothing on the way.
// A feed that has not updated within its heartbeat plus a margin is stale: we still show the figure,
// but say how old it is (Chainlink's own guidance is to check updatedAt).

/** What `latestRoundData()` and `decimals()` returned, as the contract carries it. */
export interface FeedReading {
  /** "ETH / USD" etc. */
  readonly pair: string;
  readonly address: string;
  /** The answer as a decimal integer string (int256; may in theory be ≤ 0, which we refuse). */
  readonly answer: string;
  readonly decimals: number;
  /** Unix seconds of the answer's last update. */
  readonly updatedAt: number;
}

/**
 * Stale after 25 hours: the ETH/USD and EUR/USD feeds on Arbitrum One have a 24-hour heartbeat
 * (they update at least daily, and sooner on a price move), plus an hour's margin.
 */
export const STALE_AFTER_SECONDS = 25 * 3600;

export interface Price {
  /** Quote currency per 1 unit of the base (e.g. USD per ETH). */
  readonly value: number;
  readonly answer: bigint;
  readonly decimals: number;
  readonly updatedAt: number;
  readonly ageSeconds: number;
  readonly stale: boolean;
}

/** A reading as a price, or an error in words when the answer is unusable. */
export function priceFromReading(
  reading: FeedReading,
  nowMs: number,
  staleAfterSeconds = STALE_AFTER_SECONDS,
): Price | { error: string } {
  if (!/^-?\d+$/.test(reading.answer)) return { error: `${reading.pair}: the feed's answer is not a number` };
  const answer = BigInt(reading.answer);
  if (answer <= 0n) return { error: `${reading.pair}: the feed answered ${reading.answer}, which is not a price` };
  if (!Number.isInteger(reading.decimals) || reading.decimals < 0 || reading.decimals > 36)
    return { error: `${reading.pair}: the feed reports ${reading.decimals} decimals` };
  const ageSeconds = Math.max(0, Math.floor(nowMs / 1000) - reading.updatedAt);
  return {
    value: Number(answer) / 10 ** reading.decimals,
    answer,
    decimals: reading.decimals,
    updatedAt: reading.updatedAt,
    ageSeconds,
    stale: reading.updatedAt <= 0 || ageSeconds > staleAfterSeconds,
  };
}

const MICROS = 1_000_000n;

/** An 18-decimal amount (wei) in the quote currency of `price`, exact to a millionth of a unit. */
export function weiToFiat(wei: bigint, price: Pick<Price, 'answer' | 'decimals'>): number {
  const scale = 10n ** BigInt(18 + price.decimals);
  const micros = (wei * price.answer * MICROS) / scale;
  return Number(micros) / 1e6;
}

/**
 * USD per unit → the user's currency: USD itself, or through a "EUR / USD" style feed (USD per 1
 * EUR, so EUR = USD ÷ rate). Null when the currency has no feed.
 */
export function usdToCurrency(usd: number, currency: string, eurUsd: Price | null): number | null {
  if (currency === 'USD') return usd;
  if (currency === 'EUR' && eurUsd) return usd / eurUsd.value;
  return null;
}

/** Currencies the app can show: those with a feed to reach them from USD. */
export const FIAT_CURRENCIES = ['USD', 'EUR'] as const;

/** 1234.5 → "$1,234.50" / "€1,234.50"; small amounts keep significant digits ("$0.0042"). */
export function formatFiat(amount: number, currency: string): string {
  const abs = Math.abs(amount);
  const digits =
    abs !== 0 && abs < 0.01 ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, ...digits }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}
