// The chain client: resolves the protocol through the Controller, reads protocol and account
// state, and runs every state-changing action as preview → confirm. It never holds keys: confirm
// asks an AccountSigner (from the wallet, injected by the host) to sign exactly what was previewed.
// The work lives in reads/ (protocol, account, pool), plans/ (one file per action family) and
// tx/ (prepare, simulate, confirm); this file composes them behind one interface.
import type { JsonRpcProvider, Log } from 'ethers';
import type { ChainRpcState } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { AccountSigner } from '../wallet/account-signer.ts';
import type { PoolMember } from './pool-hints.ts';
import { readAccount } from './reads/account.ts';
import { blockNumbers, readProtocol } from './reads/protocol.ts';
import { createReader, type ReaderOptions } from './reads/reader.ts';
import { ARBITRUM_ONE_CHAIN_ID } from './abi.ts';
import { chainPace } from './pace.ts';
import { createChainState, type ChainState } from './state/chain-state.ts';
import { createPoolCache } from './state/pool-cache.ts';
import {
  checkRedemptions,
  readTicketSender,
  type Redemption,
  type RedemptionChecks,
  type TicketSender,
} from './ticket-batch.ts';
import { createTxPipeline, type TxPipeline } from './tx/pipeline.ts';
import type { AccountState, ProtocolAddresses, ProtocolState } from './types.ts';

export type * from './types.ts';

export interface ChainClientOptions extends Pick<ReaderOptions, 'fallbackRpcUrl' | 'rpcBudget' | 'transport'> {
  rpcUrl: string;
  controller: string;
  /** The wallet's signer for an address (injected by the host; the client never sees keys). */
  getSigner?: (address: string) => Promise<AccountSigner>;
  log?: Logger;
  /** Known chain id (skips detection; devnet 31337, Arbitrum One 42161). */
  chainId?: number;
  rpcTimeoutMs?: number;
  receiptTimeoutMs?: number;
  previewTtlMs?: number;
  /** How often the chain-state service reads the head (default: 12 s on Arbitrum, 5 s elsewhere). */
  headIntervalMs?: number;
}

/** Reads, and the transaction pipeline's preview → confirm (`tx/pipeline.ts`). */
export interface ChainClient extends Omit<TxPipeline, 'close'> {
  readonly provider: JsonRpcProvider;
  /** The RPC's state (ok, rate-limited, on the backup URL, down) and its changes. */
  rpcState(): ChainRpcState;
  onRpcState(listener: (state: ChainRpcState) => void): () => void;
  chainId(): Promise<bigint>;
  addresses(): Promise<ProtocolAddresses>;
  blockNumbers(): Promise<{ blockNumber: bigint; l1BlockNumber: bigint }>;
  protocol(): Promise<ProtocolState>;
  account(address: string): Promise<AccountState>;
  /** The pool, read once per round and again only after a change (state/pool-cache.ts). */
  transcoderPool(): Promise<PoolMember[]>;
  /** Protocol logs read by the event indexer: the pool's events among them make the cached pool stale. */
  applyLogs(logs: readonly Log[]): void;
  /** Winning tickets: redeemability checked for a batch at once, and which are used (ticket-batch.ts). */
  readonly tickets: {
    check(from: string, items: readonly Redemption[]): Promise<RedemptionChecks>;
    /** TicketBroker.usedTickets of each hash, in one request. */
    used(hashes: readonly string[]): Promise<boolean[]>;
    /** A sender's deposit, reserve and unlock, and what `recipient` may claim of the reserve: one request. */
    sender(sender: string, recipient: string): Promise<TicketSender>;
  };
  /** The shared head (protocol, basefee, watched accounts) every consumer follows; started on demand. */
  readonly state: ChainState;
  /** Ends the pipeline, the head watch and the provider. */
  close(): void;
}

/** Transactions the node sends by itself (its redemptions), not a person waiting for the result. */
export const BACKGROUND_TX_KINDS: ReadonlySet<string> = new Set(['redeemTicket', 'redeemTickets']);

export function createChainClient(options: ChainClientOptions): ChainClient {
  const r = createReader({ ...options, ...(options.log ? { log: options.log.child('rpc') } : {}) });
  const state = createChainState({
    reader: r,
    intervalMs:
      options.headIntervalMs ??
      chainPace(options.chainId === ARBITRUM_ONE_CHAIN_ID ? 'arbitrum-one' : 'devnet').headIntervalMs,
    ...(options.log ? { onError: (err) => options.log?.debug(`Head read failed: ${(err as Error).message}`) } : {}),
  });
  // Fees, balances and the receipt looks of transactions ride on the shared head
  const tx = createTxPipeline(
    r,
    {
      basefee: async () => (await state.current()).basefee,
      account: (address) => state.account(address),
      onNewBlock(listener) {
        state.start();
        return state.onChange((c) => c.newBlock && listener());
      },
    },
    {
      getSigner: options.getSigner,
      log: options.log,
      receiptTimeoutMs: options.receiptTimeoutMs ?? 120_000,
      previewTtlMs: options.previewTtlMs ?? 10 * 60_000,
    },
  );
  const pool = createPoolCache(r, state);
  // A confirmed transaction changed something we show: read the head now rather than at the next
  // tick. Not for the node's own redemptions (a minute's batch on a busy node): the next head shows them.
  tx.onProgress((p) => {
    if (p.state === 'confirmed' && !BACKGROUND_TX_KINDS.has(p.kind))
      void state.refreshAfterChange().catch(() => undefined);
  });
  return {
    provider: r.provider,
    state,
    rpcState: () => r.transport.state(),
    onRpcState: (listener) => r.transport.onState(listener),
    chainId: r.chainId,
    addresses: r.addresses,
    blockNumbers: () => blockNumbers(r),
    protocol: () => readProtocol(r),
    account: (address) => readAccount(r, address),
    transcoderPool: () => pool.pool(),
    applyLogs: (logs) => pool.applyLogs(logs),
    tickets: {
      // The head's round: the payouts' earnings pools are read in the same request as the rest
      check: (from, items) => checkRedemptions(r, from, items, state.head()?.protocol.round),
      used: (hashes) => Promise.all(hashes.map((h) => r.view<boolean>('TicketBroker', 'usedTickets', h))),
      sender: (sender, recipient) => readTicketSender(r, sender, recipient),
    },
    prepare: tx.prepare,
    getPreview: tx.getPreview,
    discard: tx.discard,
    confirm: tx.confirm,
    onProgress: tx.onProgress,
    close() {
      state.stop();
      tx.close();
      r.provider.destroy();
    },
  };
}
