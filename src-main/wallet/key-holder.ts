// The one decrypted key the wallet may hold: only the selected account's, lent to a signer per
// signature and zeroed on lock. Two levels, as go-livepeer keeps its account unlocked for the
// node's lifetime: while the node needs the key (`nodeNeedsKey`: the orchestrator is switched on or
// automatic rewards are on; the host sets it) the key stays held for node work (tickets, redemptions, reward calls)
// even when the idle, manual or suspend lock closes it for *user* actions (stake, send, governance…),
// which then ask for the password again. Idle auto-lock: no user signature and no unlock for
// `autoLockMinutes` (0 = never).
import { AppError, ErrorCode, type LockReason } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { KeyLender, SigningPurpose } from './keystore-signer.ts';

/** Locks that close user actions only while the node needs the key; the rest zero it. */
const USER_ONLY_LOCKS: ReadonlySet<LockReason> = new Set(['idle', 'manual', 'suspend']);

export interface KeyHolder extends KeyLender {
  /** The account unlocked for user actions, or null. */
  address(): string | null;
  /** The account whose key is held in memory at all (for the node, or for the user), or null. */
  heldAddress(): string | null;
  /** Why the wallet is locked for user actions (meaningful only while it is). */
  reason(): LockReason;
  /** When idleness will lock it, or null (locked, or auto-lock off). */
  lockAt(): number | null;
  /** Holds the key (zeroing any previous one); `forUser` also opens user actions and starts the idle clock. */
  hold(address: string, key: Uint8Array, forUser: boolean): void;
  /** Locks user actions (and zeroes the key unless the node needs it); false when nothing changed. */
  lock(reason: LockReason): boolean;
  /** Whether the node's work needs the key now; turning it off drops a key held only for the node (true when it did). */
  setNodeNeed(needed: boolean): boolean;
  /** Whether the node's work needs the key. */
  nodeNeed(): boolean;
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
  let nodeNeeds = false;
  const nodeNeedsKey = (): boolean => nodeNeeds;
  let held: { readonly address: string; readonly key: Uint8Array; forUser: boolean; lastUsed: number } | null = null;
  let lockReason: LockReason = 'startup';
  let timer: ReturnType<typeof setTimeout> | null = null;

  function clearTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    clearTimer();
    const minutes = deps.autoLockMinutes();
    if (!held?.forUser || minutes === 0) return;
    const due = held.lastUsed + minutes * minuteMs;
    timer = setTimeout(
      () => {
        timer = null;
        // Use since the timer was set moved the deadline: re-arm for the new one instead.
        if (held?.forUser && now() >= held.lastUsed + deps.autoLockMinutes() * minuteMs) {
          lock('idle');
          deps.onIdleLock();
        } else schedule();
      },
      Math.max(0, due - now()),
    );
    timer.unref?.();
  }

  function touch(): void {
    if (!held?.forUser) return;
    held.lastUsed = now();
    // Re-arm lazily: the pending timer re-checks the deadline when it fires.
    if (!timer) schedule();
  }

  function drop(): void {
    if (!held) return;
    held.key.fill(0);
    held = null;
  }

  function lock(reason: LockReason): boolean {
    clearTimer();
    if (!held) return false;
    const address = held.address;
    if (USER_ONLY_LOCKS.has(reason) && nodeNeedsKey()) {
      if (!held.forUser) return false;
      held.forUser = false;
      lockReason = reason;
      log.info(`Locked ${address} for user actions (${reason}); the node keeps signing with it`);
      return true;
    }
    drop();
    lockReason = reason;
    log.info(`Locked ${address} (${reason})`);
    return true;
  }

  return {
    address: () => (held?.forUser ? held.address : null),
    heldAddress: () => held?.address ?? null,
    reason: () => lockReason,
    lockAt() {
      const minutes = deps.autoLockMinutes();
      return held?.forUser && minutes > 0 ? held.lastUsed + minutes * minuteMs : null;
    },
    hold(address, key, forUser) {
      if (held) held.key.fill(0);
      held = { address, key, forUser, lastUsed: now() };
      schedule();
    },
    lock,
    nodeNeed: nodeNeedsKey,
    setNodeNeed(needed) {
      nodeNeeds = needed;
      if (!held || held.forUser || nodeNeeds) return false;
      const address = held.address;
      drop();
      log.info(`Dropped the key of ${address}: the node no longer needs it`);
      return true;
    },
    touch,
    reschedule: schedule,
    withKey(address, fn, purpose: SigningPurpose = 'user') {
      const usable = held && held.address === address && (held.forUser || purpose === 'node');
      if (!held || !usable) {
        throw new AppError(ErrorCode.Locked, 'The wallet is locked; unlock it to sign');
      }
      // Only the user's own signatures count as use: a busy node must not keep user actions open.
      if (purpose === 'user') touch();
      return fn(held.key);
    },
  };
}
