// What the payment code needs to know about the chain. The chain client (src-main/chain) will
// implement it with cached reads (RoundsManager, TicketBroker, BondingManager, L1 block watcher);
// tests implement it with plain values.

export interface SenderInfo {
  /** TicketBroker deposit, wei. */
  readonly deposit: bigint;
  /** TicketBroker reserve funds remaining, wei. */
  readonly reserve: bigint;
  /** Round in which the sender may withdraw; 0 when not unlocking. */
  readonly withdrawRound: bigint;
}

export interface RoundView {
  /** Last initialized round. */
  readonly round: bigint;
  /** RoundsManager.blockHashForRound(round), 32 bytes (zero on the Arbitrum quirk). */
  readonly blockHash: Uint8Array;
  /** blockHashForRound(round − 1), used when blockHash is zero. */
  readonly previousBlockHash: Uint8Array;
}

export interface ChainView {
  /** Latest L1 block number seen (Arbitrum: l1BlockNumber). */
  lastSeenL1Block(): bigint;
  lastInitializedRound(): RoundView;
  /** Current gas price, wei. */
  gasPrice(): bigint;
  senderInfo(sender: string): Promise<SenderInfo>;
  /** The sender's reserve allocation to this recipient minus pending redemptions, wei. */
  maxFloat(sender: string): Promise<bigint>;
  /** Whether the address is in the active orchestrator set of the last initialized round. */
  isActiveOrchestrator(address: string): Promise<boolean>;
}
