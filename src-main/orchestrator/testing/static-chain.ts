// A ChainView over plain values: what the chain client will report, set directly. Used by tests
// and by the listener before the chain client exists.
import type { ChainView, RoundView, SenderInfo } from '../payments/payment-chain-state.ts';

export interface StaticChain extends ChainView {
  l1Block: bigint;
  round: RoundView;
  gas: bigint;
  senders: Map<string, SenderInfo>;
  floats: Map<string, bigint>;
  active: Set<string>;
}

export function createStaticChain(init: Partial<Pick<StaticChain, 'l1Block' | 'round' | 'gas'>> = {}): StaticChain {
  const chain: StaticChain = {
    l1Block: init.l1Block ?? 1000n,
    round: init.round ?? {
      round: 10n,
      blockHash: new Uint8Array(32).fill(7),
      previousBlockHash: new Uint8Array(32).fill(6),
    },
    gas: init.gas ?? 1_000_000_000n,
    senders: new Map(),
    floats: new Map(),
    active: new Set(),
    lastSeenL1Block: () => chain.l1Block,
    lastInitializedRound: () => chain.round,
    gasPrice: () => chain.gas,
    senderInfo: async (s) => chain.senders.get(s.toLowerCase()) ?? { deposit: 0n, reserve: 0n, withdrawRound: 0n },
    maxFloat: async (s) => chain.floats.get(s.toLowerCase()) ?? 0n,
    isActiveOrchestrator: async (a) => chain.active.has(a.toLowerCase()),
  };
  return chain;
}

/** Registers a funded sender (deposit and reserve, max float = reserve) and an active recipient. */
export function fund(chain: StaticChain, sender: string, deposit: bigint, reserve: bigint): void {
  chain.senders.set(sender.toLowerCase(), { deposit, reserve, withdrawRound: 0n });
  chain.floats.set(sender.toLowerCase(), reserve);
}
