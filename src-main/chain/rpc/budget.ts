// The request budget of one endpoint: a token bucket (a burst up to `burst`, then `ratePerSec` on
// average), and the backoff after a rate-limited answer. Time comes from a Clock so tests can drive it.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms).unref?.();
    }),
};

export interface BudgetOptions {
  /** Average requests per second (Infinity: no budget). */
  ratePerSec: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
}

/** About one request a second with bursts: what free plans (and Arbitrum's public RPC) tolerate. */
export const FREE_PLAN_BUDGET: BudgetOptions = { ratePerSec: 1, burst: 20 };
export const UNLIMITED_BUDGET: BudgetOptions = { ratePerSec: Infinity, burst: Infinity };

export interface TokenBucket {
  /** Waits until `n` requests fit the budget (FIFO), then spends them. */
  take(n: number): Promise<void>;
  /** Tokens available now (for tests and the state). */
  available(): number;
}

export function createTokenBucket(options: BudgetOptions, clock: Clock): TokenBucket {
  let tokens = options.burst;
  let refilledAt = clock.now();
  let queue: Promise<void> = Promise.resolve();

  function refill(): void {
    const now = clock.now();
    tokens = Math.min(options.burst, tokens + ((now - refilledAt) / 1000) * options.ratePerSec);
    refilledAt = now;
  }

  async function spend(n: number): Promise<void> {
    const need = Math.min(n, options.burst); // a batch larger than the burst waits for a full bucket
    for (;;) {
      refill();
      if (tokens >= need) {
        tokens -= need;
        return;
      }
      await clock.sleep(Math.ceil(((need - tokens) / options.ratePerSec) * 1000));
    }
  }

  return {
    take(n) {
      if (options.ratePerSec === Infinity) return Promise.resolve();
      const turn = queue.then(() => spend(n));
      queue = turn.catch(() => undefined);
      return turn;
    },
    available() {
      refill();
      return tokens;
    },
  };
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 30_000 };

/**
 * How long to leave an endpoint alone after its `strike`-th rate-limited answer in a row (0-based):
 * exponential, capped, with jitter (half to full) so restarts do not retry in step; never shorter
 * than what the provider asked for.
 */
export function backoffMs(
  strike: number,
  providerAskedMs: number | null,
  o: BackoffOptions,
  random: () => number,
): number {
  const exponential = Math.min(o.capMs, o.baseMs * 2 ** Math.min(strike, 30));
  const jittered = Math.round(exponential * (0.5 + random() / 2));
  return Math.max(jittered, providerAskedMs ?? 0);
}
