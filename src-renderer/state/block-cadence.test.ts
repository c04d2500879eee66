import { beforeEach, describe, expect, it } from 'vitest';
import type { ChainStatus } from '../../src-shared/contract/index.ts';
import { measuredSecondsPerBlock, noteBlock, resetBlockCadence } from './block-cadence.ts';
import { roundsToWords, secondsPerRoundBlock } from './chain-derived.ts';

const status = (network: 'devnet' | 'arbitrum-one', block: number, roundLength = 50): ChainStatus =>
  ({ network, protocol: { l1BlockNumber: String(block), roundLength: String(roundLength) } }) as unknown as ChainStatus;

describe('round durations from the chain', () => {
  beforeEach(resetBlockCadence);
  it('uses the nominal cadence until a minute of samples, then the measured one', () => {
    noteBlock(status('devnet', 100), 0);
    noteBlock(status('devnet', 110), 20_000);
    expect(measuredSecondsPerBlock('devnet')).toBeNull();
    expect(roundsToWords(1n, status('devnet', 110))).toBe('about 2 min'); // 50 blocks × 2 s
    noteBlock(status('devnet', 160), 60_000); // 60 blocks in 60 s
    expect(secondsPerRoundBlock(status('devnet', 160))).toBe(1);
    expect(roundsToWords(1n, status('devnet', 160))).toBe('about 50 s');
  });
  it("takes the main process's pace until measured (a mainnet-scale devnet mines every 12 s)", () => {
    const mainnetScale = { ...status('devnet', 100), secondsPerBlock: 12 } as ChainStatus;
    expect(roundsToWords(1n, mainnetScale)).toBe('about 10 min'); // 50 blocks × 12 s, not × 2 s
    noteBlock(status('devnet', 100), 0);
    noteBlock(status('devnet', 110), 120_000);
    expect(secondsPerRoundBlock(mainnetScale)).toBe(12); // measured now: the same
  });
  it('never shows a devnet figure for Arbitrum One, nor the reverse', () => {
    noteBlock(status('devnet', 100), 0);
    noteBlock(status('devnet', 200), 100_000);
    expect(roundsToWords(1n, status('arbitrum-one', 1, 5760))).toBe('about 19 h');
    expect(roundsToWords(7n, status('arbitrum-one', 1, 5760))).toBe('about 6 days');
  });
});
