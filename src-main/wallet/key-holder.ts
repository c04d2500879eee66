// The one decrypted key the wallet may hold: only the selected account's, only while unlocked, lent
// to a signer per signature and zeroed on lock. Idle auto-lock: no signature and no unlock for
// `autoLockMinutes` (0 = never) locks it again.
import { AppError, ErrorCode, type LockReason } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { KeyLender } from './keystore-signer.ts';

export interface KeyHolder extends KeyLender {
  /** The unlocked account, or null. */
  address(): string | null;
  /** Why the wallet is locked (meaningful only while it is). */
  reason(): LockReason;
  /** When idleness will lock it, or null (locked, or auto-lock off). */
  lockAt(): number | null;
  /** Holds the key (zeroing any previous one) and starts the idle clock. */
  hold(address: string, key: Uint8Array): void;
  /** Zeroes and drops the key; false when nothing was held. */
  lock(reason: LockReason): boolean;
  /** Counts as use: moves the idle deadline. */
  touch(): void;
  /** Re-arms the idle timer (after the auto-lock setting changed). */
  reschedule(): void;
}

export function createKeyHolder(deps: {
  log: Logger;
  now: () => number;
  /** Length of an auto-lock "minute" in ms (tests shrink it). */
  minuteMs: number;
  autoLockMinutes: () => number;
  /** Idleness locked the key (the wallet announces its new status). */
  onIdleLock: () => void;
}): KeyHolder {
  const { log, now, minuteMs } = deps;
  let unlocked: { readonly address: string; readonly key: Uint8Array; lastUsed: number } | null = null;
  let lockReason: LockReason = 'startup';
  let timer: ReturnType<typeof setTimeout> | null = null;

  function clearTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    clearTimer();
    const minutes = deps.autoLockMinutes();
    if (!unlocked || minutes === 0) return;
    const due = unlocked.lastUsed + minutes * minuteMs;
    timer = setTimeout(
      () => {
        timer = null;
        // Use since the timer was set moved the deadline: re-arm for the new one instead.
        if (unlocked && now() >= unlocked.lastUsed + deps.autoLockMinutes() * minuteMs) {
          lock('idle');
          deps.onIdleLock();
        } else schedule();
      },
      Math.max(0, due - now()),
    );
    timer.unref?.();
  }

  function touch(): void {
    if (!unlocked) return;
    unlocked.lastUsed = now();
    // Re-arm lazily: the pending timer re-checks the deadline when it fires.
    if (!timer) schedule();
  }

  function lock(reason: LockReason): boolean {
    clearTimer();
    if (!unlocked) return false;
    unlocked.key.fill(0);
    const address = unlocked.address;
    unlocked = null;
    lockReason = reason;
    log.info(`Locked ${address} (${reason})`);
    return true;
  }

  return {
    address: () => unlocked?.address ?? null,
    reason: () => lockReason,
    lockAt() {
      const minutes = deps.autoLockMinutes();
      return unlocked && minutes > 0 ? unlocked.lastUsed + minutes * minuteMs : null;
    },
    hold(address, key) {
      if (unlocked) unlocked.key.fill(0);
      unlocked = { address, key, lastUsed: now() };
      schedule();
    },
    lock,
    touch,
    reschedule: schedule,
    withKey(address, fn) {
      if (!unlocked || unlocked.address !== address) {
        throw new AppError(ErrorCode.Locked, 'The wallet is locked; unlock it to sign');
      }
      touch();
      return fn(unlocked.key);
    },
  };
}
