// Earnings per round and per calendar day, their value in the user's currency, the net after gas
// and electricity, a 24-hour projection and the CSV export. Rounds carry no timestamps in the
// index, so a round's time is estimated back from now with the chain's round duration.
import { isoDay } from './dates.ts';
import { weiToFiat, type Price } from './fiat.ts';
import { formatUnits, WEI_DECIMALS } from './units.ts';

export interface RoundEarningsRow {
  readonly round: number;
  readonly rewards: string;
  readonly fees: string;
  readonly tickets: number;
  readonly gasCostWei: string;
}

export interface EarningsBucket {
  /** A round number or an ISO day ("2026-12-05"). */
  readonly key: string;
  readonly label: string;
  /** Estimated start of the bucket's first round (ms). */
  startMs: number;
  rounds: number;
  rewards: bigint;
  fees: bigint;
  gas: bigint;
  tickets: number;
}

export interface RoundClock {
  readonly currentRound: number;
  readonly nowMs: number;
  /** Seconds per round on this chain (round length × seconds per block). */
  readonly roundSeconds: number;
}

/** When a round started, estimated from the current round and the round duration. */
export const roundStartMs = (round: number, clock: RoundClock): number =>
  clock.nowMs - (clock.currentRound - round) * clock.roundSeconds * 1000;

/** Rows grouped by round (ascending) or by local calendar day (ascending). */
export function aggregateEarnings(
  rows: readonly RoundEarningsRow[],
  by: 'round' | 'day',
  clock: RoundClock,
): EarningsBucket[] {
  const map = new Map<string, EarningsBucket>();
  for (const r of rows) {
    const start = roundStartMs(r.round, clock);
    const key = by === 'round' ? String(r.round) : isoDay(start);
    let b = map.get(key);
    if (!b) {
      b = {
        key,
        label: by === 'round' ? `R${r.round}` : key.slice(5),
        startMs: start,
        rounds: 0,
        rewards: 0n,
        fees: 0n,
        gas: 0n,
        tickets: 0,
      };
      map.set(key, b);
    }
    b.startMs = Math.min(b.startMs, start);
    b.rounds += 1;
    b.rewards += BigInt(r.rewards);
    b.fees += BigInt(r.fees);
    b.gas += BigInt(r.gasCostWei);
    b.tickets += r.tickets;
  }
  return [...map.values()].sort((a, b) => a.startMs - b.startMs);
}

export interface Totals {
  rewards: bigint;
  fees: bigint;
  gas: bigint;
  tickets: number;
  rounds: number;
}

export function totalsOf(buckets: readonly Pick<EarningsBucket, keyof Totals>[]): Totals {
  const t: Totals = { rewards: 0n, fees: 0n, gas: 0n, tickets: 0, rounds: 0 };
  for (const b of buckets) {
    t.rewards += b.rewards;
    t.fees += b.fees;
    t.gas += b.gas;
    t.tickets += b.tickets;
    t.rounds += b.rounds;
  }
  return t;
}

/** Money figures for a bucket or a total; null where a price is missing. */
export interface FiatView {
  fees: number | null;
  gas: number | null;
  rewards: number | null;
  /** Fees + rewards (when priced) − gas − electricity. */
  net: number | null;
}

export interface Pricing {
  /** The user's currency per ETH (already converted from USD), or null without a feed. */
  readonly eth: Pick<Price, 'answer' | 'decimals'> | null;
  /** The user's currency per LPT, or null: Chainlink has no LPT/USD feed on Arbitrum One. */
  readonly lpt: Pick<Price, 'answer' | 'decimals'> | null;
  /** The user's currency per 1 currency unit of electricity cost (1 when the same currency). */
  readonly electricityRate: number | null;
}

export function fiatOf(t: Pick<Totals, 'fees' | 'gas' | 'rewards'>, pricing: Pricing, electricity: number): FiatView {
  const fees = pricing.eth ? weiToFiat(t.fees, pricing.eth) : null;
  const gas = pricing.eth ? weiToFiat(t.gas, pricing.eth) : null;
  const rewards = pricing.lpt ? weiToFiat(t.rewards, pricing.lpt) : null;
  const power = pricing.electricityRate === null ? null : electricity * pricing.electricityRate;
  const net = fees === null || gas === null || power === null ? null : fees + (rewards ?? 0) - gas - power;
  return { fees, gas, rewards, net };
}

/**
 * The next 24 hours if the recent past repeats: the mean per round of the last `window` rounds
 * that have a row (rounds without a row earned nothing and count as zero), times rounds per day.
 */
export function projectDay(
  rows: readonly RoundEarningsRow[],
  clock: RoundClock,
  window: number,
): Totals & { basisRounds: number } {
  const from = clock.currentRound - window + 1;
  const recent = rows.filter((r) => r.round >= from && r.round <= clock.currentRound);
  const sum = totalsOf(
    recent.map((r) => ({
      rewards: BigInt(r.rewards),
      fees: BigInt(r.fees),
      gas: BigInt(r.gasCostWei),
      tickets: r.tickets,
      rounds: 1,
    })),
  );
  const perDay = 86_400 / clock.roundSeconds;
  // bigint scaling: multiply by rounds per day in thousandths, then divide by the window
  const scale = BigInt(Math.round(perDay * 1000));
  const per = (v: bigint): bigint => (v * scale) / (BigInt(window) * 1000n);
  return {
    rewards: per(sum.rewards),
    fees: per(sum.fees),
    gas: per(sum.gas),
    tickets: Math.round((sum.tickets * perDay) / window),
    rounds: Math.round(perDay),
    basisRounds: window,
  };
}

const exact = (wei: bigint): string => formatUnits(wei, WEI_DECIMALS, WEI_DECIMALS, { grouping: false });
const money = (v: number | null): string => (v === null ? '' : v.toFixed(2));

/** The table as CSV rows: exact token amounts (18 decimals) and, when priced, the currency figures. */
export function earningsCsvRows(
  buckets: readonly EarningsBucket[],
  by: 'round' | 'day',
  currency: string,
  pricing: Pricing,
  electricityPerBucket: (b: EarningsBucket) => number,
): string[][] {
  const header = [
    by,
    'start_utc',
    'rounds',
    'lpt_rewards',
    'eth_fees',
    'winning_tickets',
    'eth_gas',
    'eth_net_of_gas',
    `fees_${currency}`,
    `gas_${currency}`,
    `lpt_rewards_${currency}`,
    `electricity_${currency}`,
    `net_${currency}`,
  ];
  return [
    header,
    ...buckets.map((b) => {
      const power = electricityPerBucket(b);
      const f = fiatOf(b, pricing, power);
      return [
        b.key,
        new Date(b.startMs).toISOString(),
        String(b.rounds),
        exact(b.rewards),
        exact(b.fees),
        String(b.tickets),
        exact(b.gas),
        b.fees >= b.gas ? exact(b.fees - b.gas) : `-${exact(b.gas - b.fees)}`,
        money(f.fees),
        money(f.gas),
        money(f.rewards),
        pricing.electricityRate === null ? '' : (power * pricing.electricityRate).toFixed(2),
        money(f.net),
      ];
    }),
  ];
}
