import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, isoDay, roundsDurationSeconds } from './dates.ts';

describe('durations from the chain', () => {
  it('states a devnet round (50 blocks of 2 s) and an Arbitrum One round (5760 L1 blocks of 12 s)', () => {
    expect(formatDuration(roundsDurationSeconds(1, 50, 2))).toBe('about 2 min');
    expect(formatDuration(roundsDurationSeconds(1, 5760, 12))).toBe('about 19 h');
    expect(formatDuration(roundsDurationSeconds(7, 5760, 12))).toBe('about 6 days');
    expect(formatDuration(40)).toBe('about 40 s');
  });
  it('reads ages and local days', () => {
    expect(formatAge(30)).toBe('30 s ago');
    expect(formatAge(7200)).toBe('2 h ago');
    expect(isoDay(new Date(2026, 0, 2, 23, 59).getTime())).toBe('2026-01-02');
  });
});
