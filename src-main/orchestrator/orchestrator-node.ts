// Assembles the orchestrator's service port from its parts: keys and secrets from the data folder,
// the recipient over a ChainView, balances, sessions, renditions, the transcoding engine and the
// winning-ticket sink. The host (later) supplies the real chain client, engine and redemption queue.
import { hostname } from 'node:os';
import type { Logger } from '../log/logger.ts';
import { createNodeMetrics, type NodeMetrics } from './metrics.ts';
import type { AccountSigner } from '../wallet/account-signer.ts';
import { createBalances, type Balances } from './payments/balances.ts';
import type { ChainView } from './payments/payment-chain-state.ts';
import { keccakReady } from './payments/keccak.ts';
import { rat, type Rat } from './payments/rat.ts';
import {
  createRecipient,
  DEFAULT_RECIPIENT_CONFIG,
  type Recipient,
  type RecipientConfig,
} from './payments/recipient.ts';
import {
  budgetSenderReads,
  type SenderReadBudgetOptions,
  type SenderReadCounts,
} from './payments/sender-read-budget.ts';
import { recoveryBackend } from './payments/secp256k1.ts';
import { createSignaturePool, type SignaturePoolOptions } from './payments/signature-pool.ts';
import { createAuthTokens } from './server/auth-token.ts';
import { orchestratorCapabilities } from './server/capabilities.ts';
import { startServiceListener, type ServiceListener } from './server/listener.ts';
import { loadOrCreateSecret } from './server/node-secret.ts';
import { createOrchestrator, type Orchestrator, type WinningTicketSink } from './server/orchestrator.ts';
import { createRenditionStore } from './server/rendition-store.ts';
import type { ConnectionLimits } from './server/connection-guard.ts';
import type { SegmentRouteOptions } from './server/segment-route.ts';
import type { SegmentTranscoder } from './server/segment-transcoder.ts';
import type { RemoteTranscoders } from './remote/remote-transcoders.ts';
import { createSessions, type Sessions } from './server/sessions.ts';
import type { UsedNonceStore } from './payments/used-nonce-store.ts';
import { loadOrCreateCertificate } from './server/tls-cert.ts';

/** The version we advertise in Capabilities.version; gateways compare it with their minimum. */
export const ADVERTISED_VERSION = '0.9.1';
export const DEFAULT_SERVICE_PORT = 8935;

/** A gateway's own price (go-livepeer -pricePerBroadcaster / setPriceForBroadcaster). */
export interface BroadcasterPrice {
  /** The gateway's ticket sender address (any case). */
  readonly address: string;
  readonly pricePerUnit: bigint;
  readonly pixelsPerUnit: bigint;
}

/** The per-gateway price table, keyed by lowercased address; a later entry for an address wins. */
function priceTable(list: readonly BroadcasterPrice[]): Map<string, Rat> {
  return new Map(list.map((b) => [b.address.toLowerCase(), rat(b.pricePerUnit, b.pixelsPerUnit)]));
}

export interface OrchestratorNodeOptions {
  readonly dataDir: string;
  readonly signer: AccountSigner;
  /** Ticket recipient; defaults to the signer's address. */
  readonly recipientAddress?: string;
  readonly chain: ChainView;
  readonly transcoder: SegmentTranscoder;
  readonly winners: WinningTicketSink;
  /** Where accepted ticket nonces survive restarts (replay protection); memory only without it. */
  readonly usedNonces?: UsedNonceStore;
  readonly log: Logger;
  /** Bind address and port (0 = free port). */
  readonly host: string;
  readonly port: number;
  /** Public URI; defaults to https://host:port. */
  readonly serviceUri?: string;
  readonly maxSessions: number;
  /** wei per pixel as pricePerUnit / pixelsPerUnit. */
  readonly pricePerUnit: bigint;
  readonly pixelsPerUnit: bigint;
  /** Gateways charged their own price instead of the default. */
  readonly broadcasterPrices?: readonly BroadcasterPrice[];
  readonly payments?: Partial<Omit<RecipientConfig, 'address' | 'secret'>>;
  readonly segment?: Partial<SegmentRouteOptions>;
  /** Public-port limits (server/connection-guard.ts); defaults suit a home node. */
  readonly limits?: Partial<ConnectionLimits>;
  /**
   * Standalone transcoders (go-livepeer -orchestrator without -transcoder): when set, segments go to
   * them instead of `transcoder`, and the advertised capacity is their Σ capacities (maxSessions auto).
   */
  readonly remote?: RemoteTranscoders;
  /** Worker threads for ticket signatures (default: cores − 1); see payments/signature-pool.ts. */
  readonly signaturePool?: SignaturePoolOptions;
  /** Chain reads for senders not known here (payments/sender-read-budget.ts). */
  readonly senderReads?: Omit<SenderReadBudgetOptions, 'isKnown'>;
  /** Lets the runtime observe the metrics (node stats) without touching the wire code. */
  readonly wrapMetrics?: (metrics: NodeMetrics) => NodeMetrics;
}

export interface OrchestratorNode {
  readonly port: number;
  readonly serviceUri: string;
  readonly orchestrator: Orchestrator;
  readonly recipient: Recipient;
  readonly balances: Balances;
  readonly sessions: Sessions;
  /** Prometheus text for the admin port's /metrics. */
  readonly metrics: NodeMetrics;
  /** Lookups of unknown senders admitted and refused by the read budget, and of known ones. */
  senderReads(): SenderReadCounts;
  setMaxSessions(n: number): void;
  setPrice(pricePerUnit: bigint, pixelsPerUnit: bigint): void;
  /** Replaces the per-gateway prices; like setPrice, open sessions keep the price they started with. */
  setBroadcasterPrices(list: readonly BroadcasterPrice[]): void;
  close(): Promise<void>;
}

export async function startOrchestratorNode(o: OrchestratorNodeOptions): Promise<OrchestratorNode> {
  const log = o.log.child('orchestrator');
  const certHost = o.serviceUri ? new URL(o.serviceUri).hostname.replace(/^\[|\]$/g, '') : o.host;
  const tls = await loadOrCreateCertificate(o.dataDir, certHost);
  let maxSessions = o.maxSessions;
  let price: Rat = rat(o.pricePerUnit, o.pixelsPerUnit);
  let gatewayPrices = priceTable(o.broadcasterPrices ?? []);
  const payments = { ...DEFAULT_RECIPIENT_CONFIG, ...o.payments };
  await keccakReady; // hashes of megabyte segments take ms in WebAssembly, not hundreds in JS
  const recovery = recoveryBackend();
  // Which libsecp256k1 build checks payments: the WebAssembly fallback is ~4× slower, so say why.
  if (recovery.fallbackReason) {
    log.warn(`signature recovery: WebAssembly libsecp256k1 (native binding not used: ${recovery.fallbackReason})`);
  } else log.info(`signature recovery: native libsecp256k1 (${recovery.detail})`);
  const signatures = createSignaturePool(o.signaturePool);
  const balances = createBalances();
  // A gateway with a live session here is known: only strangers draw on the read budget.
  const chain = budgetSenderReads(o.chain, { ...o.senderReads, isKnown: (s) => balances.hasSession(s) });
  const recipient = createRecipient(
    {
      ...payments,
      address: o.recipientAddress ?? o.signer.address,
      secret: loadOrCreateSecret(o.dataDir, 'recipient-rand'),
    },
    chain,
    signatures,
    o.usedNonces,
  );
  const remote = o.remote;
  const transcoder = remote ? remote.transcoder : o.transcoder;
  const capacity = () => (remote ? remote.capacity() : maxSessions);
  const sessions = createSessions({ maxSessions: capacity });
  const renditions = createRenditionStore();
  sessions.onEnd((id) => {
    balances.endSession(id);
    renditions.endSession(id);
    transcoder.endSession?.(id);
  });
  let serviceUri = o.serviceUri ?? '';
  const baseMetrics = createNodeMetrics(
    hostname(),
    () => ({ current: sessions.count(), max: capacity() }),
    () => signatures.workerRecovery() ?? recovery.path,
    () => ({ ...chain.counts(), available: chain.available() }),
  );
  const metrics = o.wrapMetrics ? o.wrapMetrics(baseMetrics) : baseMetrics;
  const orchestrator = createOrchestrator({
    signer: o.signer,
    recipient,
    balances,
    authTokens: createAuthTokens(loadOrCreateSecret(o.dataDir, 'auth-token')),
    sessions,
    renditions,
    transcoder,
    winners: o.winners,
    capabilities: orchestratorCapabilities(ADVERTISED_VERSION),
    serviceUri: () => serviceUri,
    price: (sender) => gatewayPrices.get(sender.toLowerCase()) ?? price,
    ticketEV: payments.ev,
    metrics,
  });
  const listener: ServiceListener = await startServiceListener({
    orchestrator,
    renditions,
    tls,
    host: o.host,
    port: o.port,
    log,
    ...(o.segment ? { segment: o.segment } : {}),
    ...(o.limits ? { limits: o.limits } : {}),
    ...(remote ? { remote } : {}),
  });
  if (!serviceUri) serviceUri = `https://${o.host.includes(':') ? `[${o.host}]` : o.host}:${listener.port}`;
  remote?.bind({ serviceUri: () => serviceUri, orchId: () => recipient.address });
  // Nonce sets of expired parameters are dropped as L1 blocks pass.
  const pruner = setInterval(() => recipient.pruneNonces(o.chain.lastSeenL1Block()), 10_000);
  pruner.unref();
  return {
    port: listener.port,
    get serviceUri() {
      return serviceUri;
    },
    orchestrator,
    recipient,
    balances,
    sessions,
    metrics,
    senderReads: chain.counts,
    setMaxSessions(n) {
      maxSessions = n;
    },
    setPrice(ppu, ppx) {
      price = rat(ppu, ppx);
    },
    setBroadcasterPrices(list) {
      gatewayPrices = priceTable(list);
    },
    async close() {
      clearInterval(pruner);
      sessions.close();
      remote?.close();
      await listener.close();
      await signatures.close();
    },
  };
}
