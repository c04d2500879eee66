// The orchestrator node in the host: starts the service port when the role is orchestrator, the
// selected wallet account is unlocked and the user's switch (host.transcoding) says active; follows
// the switch (off = no new sessions, running ones finish: drain); reports honest states to the node
// status tracker; runs the redemption queue; keeps the service configuration in SQLite.
import type {
  NodeState,
  OrchestratorConfig,
  OrchestratorStats,
  Settings,
  WinningTicketEntry,
} from '../../../src-shared/contract/index.ts';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { ChainClient } from '../../chain/client.ts';
import type { Logger } from '../../log/logger.ts';
import type { Database, Migration } from '../../store/database.ts';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import type { NodeStatusTracker } from '../node-status.ts';
import {
  DEFAULT_SERVICE_PORT,
  startOrchestratorNode,
  type BroadcasterPrice,
  type OrchestratorNode,
} from '../orchestrator-node.ts';
import type { RecipientConfig } from '../payments/recipient.ts';
import type { StoredWinningTicket, WinningTicketStore } from '../payments/winning-ticket-store.ts';
import { createUsedNonceStore } from '../payments/used-nonce-store.ts';
import type { RemoteTranscoders } from '../remote/remote-transcoders.ts';
import type { SegmentTranscoder } from '../server/segment-transcoder.ts';
import { createClientChainView, type ClientChainView } from './cached-chain-state.ts';
import { createNodeStats } from './node-stats.ts';
import { createRedemptionQueue, type RedemptionQueue } from './redemption-queue.ts';
import { BATCH_WINDOW_MS } from './redemption-window.ts';

export const NODE_CONFIG_MIGRATIONS: readonly Migration[] = [
  { id: 'node/3', sql: 'CREATE TABLE node_config (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);' },
];

export const DEFAULT_ORCHESTRATOR_CONFIG: OrchestratorConfig = {
  servicePort: DEFAULT_SERVICE_PORT,
  bindHost: '0.0.0.0',
  serviceUri: '',
  pricePerUnit: '1200',
  pixelsPerUnit: '1',
  maxSessions: 10,
  maxTicketFaceValue: '0',
  broadcasterPrices: [],
};

/**
 * The ticket settings for one start: the network's (the devnet's demo-friendly ones, or go-livepeer's
 * defaults) with the user's face value cap applied on top; the lower cap wins.
 */
export function ticketSettings(
  base: PaymentSettings | undefined,
  maxTicketFaceValue: string,
): PaymentSettings | undefined {
  const cap = BigInt(maxTicketFaceValue);
  if (cap === 0n) return base;
  const current = base?.maxFaceValue ?? 0n;
  return { ...base, maxFaceValue: current > 0n && current < cap ? current : cap };
}

/** The config's per-gateway prices as the node takes them. */
function nodeBroadcasterPrices(cfg: OrchestratorConfig): BroadcasterPrice[] {
  return cfg.broadcasterPrices.map((b) => ({
    address: b.address,
    pricePerUnit: BigInt(b.pricePerUnit),
    pixelsPerUnit: BigInt(b.pixelsPerUnit),
  }));
}

export interface RuntimeInputs {
  settings(): Settings;
  /** The selected wallet account and whether it is unlocked. */
  wallet(): { selected: string | null; unlocked: string | null };
  signer(address: string): AccountSigner | null;
  /** The user's switch (host.transcoding.get().active). */
  active(): boolean;
  chain(): Promise<ChainClient>;
  /** Sessions the engine can run at once (Σ device caps); the node never advertises more. */
  engineCapacity?(): Promise<number>;
  /**
   * Remote transcoders, when the orchestrator secret is set: segments then go to them only
   * (go-livepeer does not combine local and remote). Read when the service port starts; enabling or
   * disabling it while the node runs restarts the service port (the segment path is fixed per listener).
   */
  remote?(): RemoteTranscoders | null;
  /** The node's state while the role is transcoder (transcoder mode's connection), when known. */
  transcoderMode?(): { state: NodeState; message: string };
}

type PaymentSettings = Partial<Omit<RecipientConfig, 'address' | 'secret'>>;

export interface OrchestratorRuntimeOptions {
  dataDir: string;
  db: Database;
  store: WinningTicketStore;
  transcoder: SegmentTranscoder;
  status: NodeStatusTracker;
  log: Logger;
  inputs: RuntimeInputs;
  /** Tests: high win probability etc. */
  payments?: PaymentSettings | (() => PaymentSettings | undefined);
  /** Overrides the stored port (tests: 0). */
  portOverride?: number;
  onStats?: (stats: OrchestratorStats) => void;
  onTicket?: (entry: WinningTicketEntry) => void;
  /** The last redemption time, for the tray. */
  onEarning?: (at: number) => void;
  redemptionTickMs?: number;
  /** First retry delay of a redemption (tests: short). */
  redemptionRetryMs?: number;
  /** How long due winners wait to share a batch; default the network's BATCH_WINDOW_MS (tests: short). */
  redemptionWindowMs?: number;
}

export interface OrchestratorRuntime {
  /** Re-evaluates the inputs (called on settings/wallet/switch changes; also polled). */
  update(): Promise<void>;
  stats(): OrchestratorStats;
  sessions(): ReturnType<ReturnType<typeof createNodeStats>['sessions']>;
  tickets(limit: number): WinningTicketEntry[];
  config(): OrchestratorConfig;
  updateConfig(patch: Partial<OrchestratorConfig>): Promise<OrchestratorConfig>;
  metricsText(): string;
  /** The running node (demo traffic needs its URI), or null. */
  node(): OrchestratorNode | null;
  close(): Promise<void>;
}

export function ticketEntry(t: StoredWinningTicket): WinningTicketEntry {
  return {
    hash: t.hash,
    sender: t.ticket.sender,
    faceValue: t.ticket.faceValue.toString(),
    winProb: t.ticket.winProb.toString(),
    creationRound: t.ticket.expiration.creationRound.toString(),
    receivedAt: t.receivedAt,
    state: t.state,
    txHash: t.txHash,
    gasCost: t.gasCost === null ? null : t.gasCost.toString(),
    paid: t.paid === null ? null : t.paid.toString(),
    error: t.error,
    updatedAt: t.updatedAt,
  };
}

export function createOrchestratorRuntime(o: OrchestratorRuntimeOptions): OrchestratorRuntime {
  const log = o.log.child('node');
  const stats = createNodeStats();
  const transcoder = stats.wrapTranscoder(o.transcoder);
  let running: {
    node: OrchestratorNode;
    view: ClientChainView;
    queue: RedemptionQueue;
    address: string;
    key: string;
    remote: RemoteTranscoders | null;
  } | null = null;
  let busy: Promise<void> = Promise.resolve();
  let closed = false;
  let lastStatus = '';
  /** The session limit in force: the configured one, lowered to what the engine's devices take. */
  let effectiveMax: number | null = null;
  let engineMax: number | null = null;
  /** The network the counts belong to: a switch starts them over. */
  let countedNetwork: string | null = null;

  const readConfig = (): OrchestratorConfig => {
    const row = o.db.prepare('SELECT json FROM node_config WHERE id = 1').get() as { json: string } | undefined;
    return { ...DEFAULT_ORCHESTRATOR_CONFIG, ...(row ? (JSON.parse(row.json) as Partial<OrchestratorConfig>) : {}) };
  };
  const setStatus = (state: Parameters<NodeStatusTracker['set']>[0], message: string) => {
    if (lastStatus === state + message) return;
    lastStatus = state + message;
    o.status.set(state, message);
  };

  async function stopNode(): Promise<void> {
    if (!running) return;
    const r = running;
    running = null;
    setStatus('stopping', 'Stopping the orchestrator');
    await r.queue.close();
    r.view.close();
    await r.node.close();
  }

  async function startNode(address: string, signer: AccountSigner, key: string): Promise<void> {
    const cfg = readConfig();
    // Read per start: the devnet's demo-friendly ticket settings follow the selected network.
    const payments = ticketSettings(
      typeof o.payments === 'function' ? o.payments() : o.payments,
      cfg.maxTicketFaceValue,
    );
    setStatus('starting', 'Connecting to the chain');
    const client = await o.inputs.chain();
    const view = createClientChainView({
      client,
      recipient: address,
      pendingFaceValue: (s) => o.store.pendingFaceValue(s),
      log,
    });
    try {
      await view.ready();
    } catch (err) {
      view.close();
      throw err;
    }
    const remote = o.inputs.remote?.() ?? null;
    const node = await startOrchestratorNode({
      dataDir: o.dataDir,
      signer,
      chain: view,
      transcoder,
      winners: o.store,
      usedNonces: createUsedNonceStore(o.db),
      log,
      host: cfg.bindHost,
      port: o.portOverride ?? cfg.servicePort,
      ...(cfg.serviceUri ? { serviceUri: cfg.serviceUri } : {}),
      maxSessions: cfg.maxSessions,
      pricePerUnit: BigInt(cfg.pricePerUnit),
      pixelsPerUnit: BigInt(cfg.pixelsPerUnit),
      broadcasterPrices: nodeBroadcasterPrices(cfg),
      ...(payments ? { payments } : {}),
      // The dashboard's segment figures count what the remote transcoders do in that mode.
      ...(remote ? { remote: { ...remote, transcoder: stats.wrapTranscoder(remote.transcoder) } } : {}),
      wrapMetrics: stats.wrapMetrics,
    });
    const queue = createRedemptionQueue({
      store: o.store,
      client,
      from: address,
      log,
      l1Block: () => view.lastSeenL1Block(),
      round: () => view.lastInitializedRound().round,
      ...(o.redemptionTickMs ? { tickMs: o.redemptionTickMs } : {}),
      ...(o.redemptionRetryMs ? { retryBaseMs: o.redemptionRetryMs } : {}),
      batchWindowMs: o.redemptionWindowMs ?? BATCH_WINDOW_MS[o.inputs.settings().network.kind],
      senderFloat: (sender) => view.maxFloat(sender),
      // What each redemption paid comes off the sender's cached funds: no read per batch
      onSenderPaid: (sender, paid, sentAt) => view.senderPaid(sender, paid, sentAt),
    });
    running = { node, view, queue, address, key, remote };
    log.info(
      `Orchestrator listening on ${node.serviceUri} for ${address}` +
        (remote ? ' (segments go to remote transcoders)' : ''),
    );
  }

  async function evaluate(): Promise<void> {
    if (closed) return;
    const s = o.inputs.settings();
    const network = JSON.stringify(s.network);
    if (countedNetwork !== null && countedNetwork !== network) stats.reset();
    countedNetwork = network;
    const w = o.inputs.wallet();
    const cfg = readConfig();
    if (s.role !== 'orchestrator') {
      await stopNode();
      const mode = o.inputs.transcoderMode?.();
      return mode
        ? setStatus(mode.state, mode.message)
        : setStatus('stopped', 'The role is transcoder: the orchestrator service is off');
    }
    if (!w.selected) {
      await stopNode();
      return setStatus('stopped', 'No wallet account: create or import one');
    }
    const signer = w.unlocked === w.selected ? o.inputs.signer(w.selected) : null;
    if (!signer) {
      await stopNode();
      return setStatus(
        'stopped',
        'Waiting for an unlock: unlock the wallet once (or run serve --password-file) and the node resumes by itself',
      );
    }
    // Remote transcoders on/off changes what the listener serves: the port restarts (sessions end).
    const remoteOn = !!o.inputs.remote?.();
    const key = `${w.selected}|${cfg.bindHost}|${o.portOverride ?? cfg.servicePort}|${cfg.serviceUri}|${JSON.stringify(s.network)}|${remoteOn ? 'remote' : 'local'}|${cfg.maxTicketFaceValue}`;
    if (running && running.key !== key) {
      if (running.key.endsWith(remoteOn ? '|local' : '|remote'))
        log.info(`Restarting the service port: remote transcoders ${remoteOn ? 'enabled' : 'disabled'}`);
      await stopNode();
    }
    if (!running) {
      if (!o.inputs.active()) return setStatus('stopped', 'Transcoding is switched off');
      try {
        await startNode(w.selected, signer, key);
      } catch (err) {
        const e = err as Error;
        const code = err instanceof AppError ? err.code : null;
        return setStatus(
          'error',
          code === ErrorCode.Unavailable || code === ErrorCode.Timeout
            ? `The chain RPC does not answer: ${e.message}`
            : `Could not start the orchestrator: ${e.message}`,
        );
      }
    }
    const r = running;
    if (!r) return;
    const engine = o.inputs.engineCapacity
      ? await o.inputs.engineCapacity().catch(() => cfg.maxSessions)
      : cfg.maxSessions;
    engineMax = engine;
    effectiveMax = Math.max(0, Math.min(cfg.maxSessions, engine));
    r.node.setMaxSessions(effectiveMax);
    r.node.setPrice(BigInt(cfg.pricePerUnit), BigInt(cfg.pixelsPerUnit));
    r.node.setBroadcasterPrices(nodeBroadcasterPrices(cfg));
    const on = o.inputs.active();
    r.node.sessions.setAccepting(on);
    if (!on) {
      const n = r.node.sessions.count();
      // Draining while sessions still run; then stopped (the port stays open only to refuse politely).
      return n
        ? setStatus('stopping', `Switched off: finishing ${n} running session${n === 1 ? '' : 's'}, no new ones`)
        : setStatus('stopped', 'Switched off: not accepting new sessions');
    }
    if (!r.view.healthy())
      return setStatus('error', 'The chain RPC does not answer: payments are refused until it is back');
    let activeOnChain: boolean;
    try {
      activeOnChain = await r.view.isActiveOrchestrator(r.address);
    } catch {
      return setStatus('error', 'The chain RPC does not answer: payments are refused until it is back');
    }
    if (!activeOnChain)
      return setStatus(
        'running',
        `Not active on chain: gateways will not pay ${r.address} until it is in the active set`,
      );
    if (r.remote && r.remote.capacity() === 0)
      return setStatus(
        'running',
        `Serving gateways on ${r.node.serviceUri}; no remote transcoder connected: new sessions are refused until one registers`,
      );
    setStatus('running', `Serving gateways on ${r.node.serviceUri}`);
  }

  const update = (): Promise<void> => {
    busy = busy.then(evaluate).catch((err) => log.error(`Node runtime: ${(err as Error).message}`));
    return busy;
  };
  // The poll also pushes the figures no event announces: the per-minute rate decaying after the
  // last segment, the port opening or closing, the cap changing (sent only when they differ).
  const poll = setInterval(() => {
    void update().then(() => {
      if (JSON.stringify(statsNow()) !== lastStatsSent) statsChanged();
    });
  }, 3000);
  poll.unref();

  // Throttled events: stats at most once a second; ticket changes (and the totals) as they happen.
  let statsTimer: NodeJS.Timeout | null = null;
  let lastStatsSent = '';
  const sendStats = () => {
    const next = statsNow();
    lastStatsSent = JSON.stringify(next);
    o.onStats?.(next);
  };
  const statsChanged = () => {
    if (statsTimer || !o.onStats) return;
    statsTimer = setTimeout(() => {
      statsTimer = null;
      sendStats();
    }, 1000);
    statsTimer.unref();
  };
  const offStats = stats.onChange(statsChanged);
  let lastEarning: number | null = o.store.totals().lastRedeemedAt;
  const offStore = o.store.onChange((hash) => {
    // Only the selected network's tickets reach the UI (a redemption finishing after a switch does not).
    const t = o.store.current(hash);
    if (t) o.onTicket?.(ticketEntry(t));
    if (t?.state === 'redeemed') {
      lastEarning = t.updatedAt;
      o.onEarning?.(t.updatedAt);
    }
    // At once, not throttled: the ticket list and the totals beside it must never disagree.
    if (o.onStats) sendStats();
  });

  /** The cap in force and what sets it: one figure for every page. */
  function sessionCap(configured: number): { maxSessions: number; maxSessionsReason: string } {
    // With remote transcoders the advertised capacity is theirs (go-livepeer -maxSessions auto).
    if (running?.remote)
      return { maxSessions: running.remote.capacity(), maxSessionsReason: "your remote transcoders' capacity" };
    if (running && effectiveMax !== null && engineMax !== null && engineMax < configured)
      return {
        maxSessions: effectiveMax,
        maxSessionsReason: `what your GPUs take (benchmark), below your limit of ${configured}`,
      };
    return { maxSessions: configured, maxSessionsReason: 'your limit (Settings → Service port)' };
  }

  function statsNow(): OrchestratorStats {
    const snap = stats.snapshot();
    const totals = o.store.totals();
    const node = running?.node ?? null;
    const cfg = readConfig();
    return {
      accepting: !!node && node.sessions.accepting(),
      serviceUri: node?.serviceUri ?? null,
      activeSessions: node?.sessions.count() ?? 0,
      ...sessionCap(cfg.maxSessions),
      segmentsPerMinute: snap.segmentsPerMinute,
      segmentsTotal: snap.segmentsTotal,
      segmentsFailed: snap.segmentsFailed,
      latencyP50Ms: snap.latencyP50Ms,
      latencyP95Ms: snap.latencyP95Ms,
      ticketsReceived: snap.ticketsReceived,
      ticketsWon: snap.ticketsWon,
      ticketValueReceived: snap.ticketValueReceived.toString(),
      pendingRedemption: totals.pending.toString(),
      redeemed: totals.redeemed.toString(),
      redemptionGas: totals.gas.toString(),
      lastEarningAt: lastEarning,
    };
  }

  return {
    update,
    stats: statsNow,
    sessions: () => stats.sessions(),
    tickets: (limit) => o.store.recent(limit).map(ticketEntry),
    config: readConfig,
    async updateConfig(patch) {
      const next = { ...readConfig(), ...patch };
      BigInt(next.pricePerUnit);
      o.db
        .prepare('INSERT INTO node_config (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json')
        .run(JSON.stringify(next));
      await update();
      return next;
    },
    metricsText: () => running?.node.metrics.render() ?? '',
    node: () => running?.node ?? null,
    async close() {
      closed = true;
      clearInterval(poll);
      if (statsTimer) clearTimeout(statsTimer);
      offStats();
      offStore();
      await busy;
      await stopNode();
    },
  };
}
