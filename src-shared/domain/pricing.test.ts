import { describe, expect, it } from 'vitest';
import { priceWarning } from './pricing.ts';

describe('priceWarning', () => {
  it('accepts prices gateways commonly take', () => {
    expect(priceWarning(1200n, 1n)).toBeNull();
    expect(priceWarning(1_000_000n, 1000n)).toBeNull();
  });
  it('warns about free work and about prices above the common gateway maximum', () => {
    expect(priceWarning(0n, 1n)?.kind).toBe('free');
    const above = priceWarning(2000n, 1n);
    expect(above?.kind).toBe('above');
    expect(above?.text).toContain('above the 1,200 wei per pixel most gateways accept');
  });
  it('calls a price thousands of times the range far outside it (the 3.7×10¹⁷ ETH per minute case)', () => {
    const w = priceWarning(10n ** 26n, 1n);
    expect(w?.kind).toBe('far-above');
    expect(w?.text).toMatch(/per minute of 1080p\) is [\d,]+ times the 1,200 wei per pixel/);
    expect(w?.text).toContain('Is it a typo?');
  });
});
