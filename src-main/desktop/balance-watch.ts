// Watches the ETH balance of the node's account for the "low ETH for gas" notification and the
// tray's attention state: no event carries the balance, so it is read now, every few minutes and
// whenever the caller knows it may have changed (a new round, a transaction, another account).
import type { Logger } from '../log/logger.ts';
import type { DesktopSignal } from './notification-policy.ts';

export const BALANCE_CHECK_EVERY_MS = 10 * 60_000;

export interface BalanceWatch {
  /** Reads the balance now (overlapping calls share one read). */
  check(): Promise<void>;
  stop(): void;
}

export function startBalanceWatch(options: {
  /** The account that pays the node's gas, or null when there is none (no wallet, transcoder mode). */
  account: () => string | null;
  /** Its balance in wei, decimal. */
  balanceWei: (address: string) => Promise<string>;
  feed: (signal: DesktopSignal) => void;
  log: Logger;
  everyMs?: number;
}): BalanceWatch {
  let running: Promise<void> | null = null;
  let stopped = false;

  const read = async (): Promise<void> => {
    const address = options.account();
    if (address === null) return;
    try {
      const wei = await options.balanceWei(address);
      if (!stopped) options.feed({ type: 'balance.eth', wei });
    } catch (err) {
      // No chain yet (devnet starting, RPC down): the next check tries again.
      options.log.debug(`Balance check skipped: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const check = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= read().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void check(), options.everyMs ?? BALANCE_CHECK_EVERY_MS);
  timer.unref?.();
  void check();
  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
