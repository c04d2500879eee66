// A budget for the chain reads that unknown senders cause. Every sender a node has never seen costs
// reads (its deposit and reserve, its claimable reserve for fresh ticket parameters) once its
// signature is valid, and a valid signature from a random key is free to make; so lookups for
// senders that are not known are drawn from a token bucket, and past it refused with a retryable
// error (a go-livepeer gateway retries discovery and segments). Known senders never wait: those with
// a live session here, and those whose reads showed money at stake (a deposit, a reserve or a
// claimable reserve for us), which costs an attacker real ETH per address.
import type { ChainView, SenderInfo } from './payment-chain-state.ts';

export interface SenderReadBudgetOptions {
  /** Lookups of unknown senders allowed at once (the bucket's size). */
  readonly burst?: number;
  /** Lookups of unknown senders allowed per minute once the burst is spent (the refill). */
  readonly perMinute?: number;
  /** Funded senders remembered (the oldest are forgotten and wait again at most once). */
  readonly rememberFunded?: number;
  /** Senders that skip the budget whatever their funds (a live session here). */
  readonly isKnown?: (sender: string) => boolean;
  readonly now?: () => number;
}

export const DEFAULT_SENDER_READ_BUDGET = { burst: 60, perMinute: 120, rememberFunded: 10_000 } as const;

/** Refused for now; the gateway should try again later (HTTP 503 on /segment, an error in discovery). */
export class SenderReadsBusy extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`orchestrator busy: too many new ticket senders, try again in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.retryAfterMs = retryAfterMs;
  }
}

export interface SenderReadCounts {
  /** Lookups of unknown senders let through (at most burst + perMinute × minutes). */
  readonly admitted: number;
  /** Lookups of unknown senders refused with SenderReadsBusy. */
  readonly refused: number;
  /** Lookups of known senders (never counted against the budget). */
  readonly known: number;
}

export interface BudgetedChainView extends ChainView {
  readonly counts: () => SenderReadCounts;
  /** Lookups of unknown senders the bucket would let through right now (0 to burst). */
  readonly available: () => number;
}

/** `chain` with its per-sender reads (senderInfo, maxFloat) drawn from the unknown-sender budget. */
export function budgetSenderReads(chain: ChainView, o: SenderReadBudgetOptions = {}): BudgetedChainView {
  const burst = o.burst ?? DEFAULT_SENDER_READ_BUDGET.burst;
  const perMs = (o.perMinute ?? DEFAULT_SENDER_READ_BUDGET.perMinute) / 60_000;
  const rememberMax = o.rememberFunded ?? DEFAULT_SENDER_READ_BUDGET.rememberFunded;
  const now = o.now ?? Date.now;
  const funded = new Set<string>();
  let tokens = burst;
  let at = now();
  const counts = { admitted: 0, refused: 0, known: 0 };

  const remember = (key: string) => {
    funded.delete(key); // re-inserted last: the Set's order is the LRU order
    funded.add(key);
    if (funded.size > rememberMax) funded.delete(funded.values().next().value as string);
  };
  const refill = (): void => {
    const t = now();
    tokens = Math.min(burst, tokens + (t - at) * perMs);
    at = t;
  };
  const admit = (sender: string): void => {
    if (funded.has(sender.toLowerCase()) || o.isKnown?.(sender)) {
      counts.known++;
      return;
    }
    refill();
    if (tokens < 1) {
      counts.refused++;
      throw new SenderReadsBusy(perMs > 0 ? (1 - tokens) / perMs : 60_000);
    }
    tokens -= 1;
    counts.admitted++;
  };

  return {
    lastSeenL1Block: () => chain.lastSeenL1Block(),
    lastInitializedRound: () => chain.lastInitializedRound(),
    gasPrice: () => chain.gasPrice(),
    isActiveOrchestrator: (address) => chain.isActiveOrchestrator(address),
    async senderInfo(sender): Promise<SenderInfo> {
      admit(sender);
      const info = await chain.senderInfo(sender);
      if (info.deposit > 0n || info.reserve > 0n) remember(sender.toLowerCase());
      return info;
    },
    async maxFloat(sender) {
      admit(sender);
      const float = await chain.maxFloat(sender);
      if (float > 0n) remember(sender.toLowerCase());
      return float;
    },
    counts: () => ({ ...counts }),
    available() {
      refill();
      return Math.floor(tokens);
    },
  };
}
