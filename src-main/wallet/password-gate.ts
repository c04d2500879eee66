// Throttles password guesses per account: the first two mistakes are free (typos), then every
// further wrong password doubles the wait before the next attempt is even tried. Only one attempt
// per account runs at a time, so parallel calls cannot side-step the count. Kept in memory: the
// scrypt cost protects the file itself; this protects an unlocked-looking app from a guessing UI.
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';

export interface BackoffPolicy {
  /** Wrong attempts allowed before waits begin. */
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { freeFailures: 2, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

/** Wait after the nth consecutive failure (n starts at 1). */
export function retryDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (failures - policy.freeFailures - 1), policy.maxDelayMs);
}

interface GateState {
  failures: number;
  notBefore: number;
  busy: boolean;
}

export interface PasswordGate {
  /** Runs one password attempt; `attempt` resolves true when the password was right. */
  attempt<T>(account: string, attempt: () => Promise<{ ok: true; value: T } | { ok: false }>): Promise<T>;
}

export function createPasswordGate(
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  now: () => number = Date.now,
): PasswordGate {
  const states = new Map<string, GateState>();
  return {
    async attempt(account, run) {
      const key = account.toLowerCase();
      const state = states.get(key) ?? { failures: 0, notBefore: 0, busy: false };
      states.set(key, state);
      if (state.busy) throw new AppError(ErrorCode.Conflict, 'A password check for this account is already running');
      const wait = state.notBefore - now();
      if (wait > 0) {
        throw new AppError(
          ErrorCode.TooManyAttempts,
          `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} s.`,
          { retryAfterMs: wait, failures: state.failures },
        );
      }
      state.busy = true;
      try {
        const result = await run();
        if (result.ok) {
          states.delete(key);
          return result.value;
        }
        state.failures += 1;
        const delay = retryDelayMs(state.failures, policy);
        state.notBefore = now() + delay;
        const hint = delay > 0 ? ` Wait ${Math.ceil(delay / 1000)} s before trying again.` : '';
        throw new AppError(ErrorCode.WrongPassword, `Wrong password.${hint}`, {
          failures: state.failures,
          retryAfterMs: delay,
        });
      } finally {
        state.busy = false;
      }
    },
  };
}
