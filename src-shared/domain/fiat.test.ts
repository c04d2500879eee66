import { describe, expect, it } from 'vitest';
import { formatFiat, priceFromReading, STALE_AFTER_SECONDS, usdToCurrency, weiToFiat, type Price } from './fiat.ts';

const NOW = Date.UTC(2026, 11, 5, 4, 0, 0);
const reading = (answer: string, decimals: number, ageS: number) => ({
  pair: 'ETH / USD',
  address: '0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612',
  answer,
  decimals,
  updatedAt: NOW / 1000 - ageS,
});
const price = (r: ReturnType<typeof reading>): Price => {
  const p = priceFromReading(r, NOW);
  if ('error' in p) throw new Error(p.error);
  return p;
};

describe('Chainlink answers', () => {
  it('scales the answer by the feed decimals', () => {
    expect(price(reading('345678000000', 8, 60)).value).toBe(3456.78);
    expect(price(reading('3456780000000000000000', 18, 60)).value).toBe(3456.78);
  });
  it('converts wei exactly, whatever the decimals', () => {
    const eth8 = price(reading('300000000000', 8, 0)); // 3,000 USD
    expect(weiToFiat(10n ** 18n, eth8)).toBe(3000);
    expect(weiToFiat(123_456_789_000_000n, eth8)).toBe(0.37037); // 0.000123456789 ETH
    const eth18 = price(reading('3000000000000000000000', 18, 0));
    expect(weiToFiat(5n * 10n ** 17n, eth18)).toBe(1500);
  });
  it('says a price is stale once updatedAt is older than the limit, not before', () => {
    expect(price(reading('300000000000', 8, STALE_AFTER_SECONDS)).stale).toBe(false);
    const old = price(reading('300000000000', 8, STALE_AFTER_SECONDS + 1));
    expect(old.stale).toBe(true);
    expect(old.ageSeconds).toBe(STALE_AFTER_SECONDS + 1);
    expect(price({ ...reading('1', 8, 0), updatedAt: 0 }).stale).toBe(true);
  });
  it('refuses answers that are not prices', () => {
    expect(priceFromReading(reading('0', 8, 0), NOW)).toEqual({ error: expect.stringMatching(/not a price/) });
    expect(priceFromReading(reading('-5', 8, 0), NOW)).toEqual({ error: expect.stringMatching(/not a price/) });
    expect(priceFromReading(reading('abc', 8, 0), NOW)).toEqual({ error: expect.stringMatching(/not a number/) });
  });
  it('reaches EUR through the EUR/USD feed and nothing else without a feed', () => {
    const eurUsd = price({ ...reading('108000000', 8, 0), pair: 'EUR / USD' }); // 1 EUR = 1.08 USD
    expect(usdToCurrency(108, 'EUR', eurUsd)).toBeCloseTo(100, 10);
    expect(usdToCurrency(108, 'USD', null)).toBe(108);
    expect(usdToCurrency(108, 'EUR', null)).toBeNull();
    expect(usdToCurrency(108, 'GBP', eurUsd)).toBeNull();
  });
  it('formats currency amounts, keeping digits of small ones', () => {
    expect(formatFiat(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatFiat(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatFiat(0.0042, 'USD')).toBe('$0.0042');
    expect(formatFiat(-3, 'USD')).toBe('-$3.00');
  });
});
