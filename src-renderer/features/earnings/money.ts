// The Earnings page's prices in the user's currency (Settings → Costs): ETH from the ETH/USD feed,
// through EUR/USD for euros; LPT only where an LPT/USD feed exists; electricity converted when its
// currency differs. Notes say, in words, what is stale or missing and why.
import type { ChainPrices } from '../../../src-shared/contract/index.ts';
import { FIAT_CURRENCIES, formatFiat, priceFromReading, type Price } from '../../../src-shared/domain/fiat.ts';
import { formatAge } from '../../../src-shared/domain/dates.ts';
import type { Pricing } from '../../../src-shared/domain/earnings.ts';

export interface MoneyView {
  /** The currency figures are shown in. */
  readonly currency: string;
  readonly pricing: Pricing;
  /** The display currency per ETH, for the price line. */
  readonly ethValue: number | null;
  readonly notes: { text: string; warn: boolean }[];
}

type Feed = NonNullable<ChainPrices['ethUsd']>;

function usable(feed: Feed | null, nowMs: number, notes: MoneyView['notes']): Price | null {
  if (!feed) return null;
  const p = priceFromReading(feed, nowMs);
  if ('error' in p) {
    notes.push({ text: p.error, warn: true });
    return null;
  }
  if (p.stale)
    notes.push({
      text: `The ${feed.pair} price is stale: last updated ${formatAge(p.ageSeconds)} (a feed updates at least daily); figures use it anyway.`,
      warn: true,
    });
  return p;
}

/** `a` per `b`-unit prices in the quote of `b`: (X/USD) ÷ (EUR/USD) = X/EUR, kept as an answer with a's decimals. */
function divide(a: Price, b: Price): Pick<Price, 'answer' | 'decimals'> {
  return { answer: (a.answer * 10n ** BigInt(b.decimals)) / b.answer, decimals: a.decimals };
}

export function moneyView(prices: ChainPrices | null, costsCurrency: string, nowMs: number): MoneyView {
  const notes: MoneyView['notes'] = [];
  const ethUsd = usable(prices?.ethUsd ?? null, nowMs, notes);
  const eurUsd = usable(prices?.eurUsd ?? null, nowMs, notes);
  const lptUsd = usable(prices?.lptUsd ?? null, nowMs, notes);
  const wanted = costsCurrency.toUpperCase();
  let currency = 'USD';
  if (wanted === 'EUR' && eurUsd) currency = 'EUR';
  else if (wanted !== 'USD')
    notes.push({
      text: `Figures are in USD: ${(FIAT_CURRENCIES as readonly string[]).includes(wanted) ? `${wanted} needs the EUR/USD feed, which did not answer` : `the price feeds reach USD and EUR, not ${costsCurrency}`} (Settings → Costs sets the currency).`,
      warn: false,
    });
  const inCurrency = (p: Price | null) => (!p ? null : currency === 'EUR' && eurUsd ? divide(p, eurUsd) : p);
  // Electricity is priced in the costs currency: convert when the display currency differs
  const electricityRate = wanted === currency ? 1 : null;
  if (electricityRate === null)
    notes.push({
      text: `Electricity (priced in ${costsCurrency}) cannot be converted to ${currency}, so the net leaves it out.`,
      warn: true,
    });
  for (const m of prices?.missing ?? []) {
    if (m.key === 'lptUsd') notes.push({ text: `LPT is shown without a price: ${m.reason}.`, warn: false });
    else if (m.key === 'ethUsd') notes.push({ text: `No ETH price: ${m.reason}.`, warn: true });
  }
  const eth = inCurrency(ethUsd);
  return {
    currency,
    pricing: { eth, lpt: inCurrency(lptUsd), electricityRate },
    ethValue: eth ? Number(eth.answer) / 10 ** eth.decimals : null,
    notes,
  };
}

export const money = (v: number | null, currency: string): string => (v === null ? '—' : formatFiat(v, currency));
