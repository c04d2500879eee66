// The low-ETH watch: reads the node account's balance at start, on demand and on a timer, shares
// overlapping reads, stays quiet without an account or a chain, and stops.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { startBalanceWatch, type BalanceWatch } from './balance-watch.ts';
import type { DesktopSignal } from './notification-policy.ts';

const log = createLogSink({ printLevel: 'error' }).root;
let watch: BalanceWatch | null = null;
afterEach(() => {
  watch?.stop();
  vi.useRealTimers();
});

describe('balance watch', () => {
  it('feeds the balance of the current account now, on check() and every interval', async () => {
    vi.useFakeTimers();
    const signals: DesktopSignal[] = [];
    const reads: string[] = [];
    let wei = 5_000_000_000_000_000n;
    watch = startBalanceWatch({
      account: () => '0xabc',
      balanceWei: async (address) => {
        reads.push(address);
        return String(wei);
      },
      feed: (s) => signals.push(s),
      log,
      everyMs: 60_000,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(signals).toEqual([{ type: 'balance.eth', wei: '5000000000000000' }]);
    wei = 1n;
    // Two checks at once share one read.
    await Promise.all([watch.check(), watch.check()]);
    expect(reads).toEqual(['0xabc', '0xabc']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(signals.map((s) => (s as { wei: string }).wei)).toEqual(['5000000000000000', '1', '1']);
    watch.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    await watch.check();
    expect(signals).toHaveLength(3);
  });

  it('reads nothing without an account and survives a chain that does not answer', async () => {
    const signals: DesktopSignal[] = [];
    let account: string | null = null;
    let calls = 0;
    watch = startBalanceWatch({
      account: () => account,
      balanceWei: async () => {
        calls++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:8545');
      },
      feed: (s) => signals.push(s),
      log,
    });
    await watch.check();
    expect(calls).toBe(0);
    account = '0xabc';
    await watch.check();
    expect(calls).toBe(1);
    expect(signals).toEqual([]);
  });
});
