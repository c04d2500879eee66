import { describe, expect, it } from 'vitest';
import { unstakeMax } from './staking.ts';

const LPT = 10n ** 18n;

describe('unstakeMax', () => {
  it('is the stake with rewards, which unbond claims before it checks the amount', () => {
    const pending = (64_548n * LPT) / 10n; // 6,454.8 LPT
    expect(unstakeMax({ bondedAmount: (500n * LPT).toString(), pendingStake: pending.toString() })).toBe(pending);
  });
  it('is the bonded amount when the pending figure is not above it, and 0 with nothing bonded', () => {
    expect(unstakeMax({ bondedAmount: 500n * LPT, pendingStake: 0n })).toBe(500n * LPT);
    expect(unstakeMax({ bondedAmount: 0n, pendingStake: 7n * LPT })).toBe(0n);
  });
});
