// Composition root: builds the services once, wires their change streams to contract events and
// hands back one router. Electron and the headless server are two transports over this object.
import { accessSync, constants } from 'node:fs';
import { contract, type AppInfo, type Contract, type DesktopCapabilities } from '../../src-shared/contract/index.ts';
import { HEADLESS_CAPABILITIES } from '../desktop/capabilities.ts';
import { createTranscodingControl, type TranscodingControl } from '../orchestrator/transcoding-control.ts';
import {
  createTranscodersRuntime,
  createTranscodersService,
  TRANSCODER_MIGRATIONS,
  type TranscodersRuntime,
} from '../transcoder/transcoders-runtime.ts';
import { transcoderNodeState } from '../transcoder/transcoder-node-state.ts';
import { mediaEngineAdapter } from '../transcoder/media-adapter.ts';
import { createChainRuntime } from '../chain/chain-runtime.ts';
import { createChainService, createDevnetService, rewardStatusWire, toWire } from '../chain/chain-service.ts';
import { CHAIN_MIGRATIONS } from '../chain/migrations.ts';
import { createGovernanceRuntime } from '../governance/governance-service.ts';
import { createReachabilityRuntime } from '../reachability/reachability-service.ts';
import type { AccountSigner } from '../wallet/account-signer.ts';
import { createLogSink, type LogSink, type Logger } from '../log/logger.ts';
import { createNodeStatusTracker, type NodeStatusTracker } from '../orchestrator/node-status.ts';
import { createSettingsStore, SETTINGS_MIGRATIONS, type SettingsStore } from '../settings/settings-store.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { NODE_MIGRATIONS } from '../orchestrator/payments/winning-ticket-store.ts';
import { createEventHub, type EventHub } from '../core/event-hub.ts';
import { createRouter, type ContractImpl, type Router } from './router.ts';
import { APP_NAME, APP_VERSION } from './app-meta.ts';
import { createMediaEngine, MEDIA_MIGRATIONS, type MediaEngine } from '../media/media-engine.ts';
import { createMediaService } from '../media/media-service.ts';
import { createNvidiaSmiProvider } from '../gpu/nvidia-smi.ts';
import { createSystemProvider, createTelemetry, GPU_MIGRATIONS, type Telemetry } from '../gpu/telemetry.ts';
import { createGpuService } from '../gpu/gpu-service.ts';
import type { SecretVault } from '../wallet/secret-vault.ts';
import { createWallet, type Wallet } from '../wallet/wallet.ts';
import { createWalletService } from '../wallet/wallet-service.ts';
import { WALLET_MIGRATIONS } from '../wallet/wallet-store.ts';
import { createWinningTicketStore } from '../orchestrator/payments/winning-ticket-store.ts';
import { createMediaSegmentTranscoder } from '../orchestrator/runtime/media-segment-transcoder.ts';
import {
  createOrchestratorRuntime,
  NODE_CONFIG_MIGRATIONS,
  type OrchestratorRuntime,
} from '../orchestrator/runtime/orchestrator-runtime.ts';
import { createOrchestratorService } from '../orchestrator/runtime/orchestrator-service.ts';
import { createDemoTraffic } from '../orchestrator/runtime/demo-traffic.ts';
import { DEVNET_PAYMENTS } from '../orchestrator/runtime/devnet-payments.ts';
import type { RecipientConfig } from '../orchestrator/payments/recipient.ts';

export interface HostOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  /** Electron passes its own versions; headless leaves them null. */
  runtime?: { electron: string | null; chrome: string | null };
  logSink?: LogSink;
  /** FFmpeg to prefer (CLI --ffmpeg / LIVEPEER_MINER_FFMPEG); otherwise the media setting, the bundled FFmpeg, PATH. */
  ffmpegPath?: string;
  /** nvidia-smi to sample (tests and demos point it at a fake); default LIVEPEER_MINER_NVIDIA_SMI or PATH. */
  nvidiaSmiPath?: string;
  /** Sample telemetry every second (default true). */
  telemetry?: boolean;
  /** The OS keychain for the wallet's "remember password" (Electron's safeStorage); none when headless. */
  secretVault?: SecretVault | null;
  /** The bundled keystore worker (Electron build); default: the source file next to the wallet. */
  keystoreWorkerPath?: string;
  /** Overrides the wallet as the chain's transaction signer (tests); the chain client never holds keys. */
  getSigner?: (address: string) => Promise<AccountSigner>;
  /** Mine an empty devnet block this often so rounds advance by themselves (default 2000 ms: a 50-block round every 100 s). */
  devnetBlockIntervalMs?: number;
  /** The Electron shell reports what its desktop integrations can do; headless has none. */
  desktop?: { capabilities(): DesktopCapabilities };
  /** Orchestrator service port override (tests: 0 = a free port) and ticket settings (tests: high win probability). */
  orchestrator?: { port?: number; payments?: Partial<Omit<RecipientConfig, 'address' | 'secret'>> };
}

export interface Host {
  readonly router: Router;
  readonly events: EventHub;
  readonly log: Logger;
  readonly settings: SettingsStore;
  readonly nodeStatus: NodeStatusTracker;
  readonly media: MediaEngine;
  readonly telemetry: Telemetry;
  readonly wallet: Wallet;
  /** The user's on/off switch and pauses; the node runtime follows `transcoding.get().active`. */
  readonly transcoding: TranscodingControl;
  /** Transcoder mode, and the orchestrator's remote transcoders (`remote` for the node assembly). */
  readonly transcoders: TranscodersRuntime;
  /** The orchestrator node runtime (service port, redemptions, stats, /metrics text). */
  readonly orchestrator: OrchestratorRuntime;
  close(): Promise<void>;
}

export function createHost(options: HostOptions): Host {
  const logSink = options.logSink ?? createLogSink();
  const log = logSink.root.child('host');
  const startedAt = Date.now();
  const db: Database = openDatabase(options.dataDir, [
    ...SETTINGS_MIGRATIONS,
    ...NODE_MIGRATIONS,
    ...WALLET_MIGRATIONS,
    ...CHAIN_MIGRATIONS,
    ...MEDIA_MIGRATIONS,
    ...GPU_MIGRATIONS,
    ...TRANSCODER_MIGRATIONS,
    ...NODE_CONFIG_MIGRATIONS,
  ]);
  const settings = createSettingsStore(db, logSink.root.child('settings'));
  const nodeStatus = createNodeStatusTracker(settings.get());
  const hub = createEventHub(log);
  const chainRuntime = createChainRuntime({
    dataDir: options.dataDir,
    db,
    log: logSink.root.child('chain'),
    network: () => settings.get().network,
    devnetBlockIntervalMs: options.devnetBlockIntervalMs ?? 2000,
    getSigner:
      options.getSigner ??
      (async (address) => {
        const signer = wallet.signer(address);
        if (!signer) throw new Error(`this wallet holds no key for ${address}`);
        return signer;
      }),
    onTx: (progress) => hub.emit('chain.tx', toWire(progress)),
    onRound: (round) => {
      hub.emit('chain.round', toWire(round));
      // Proposals open at round boundaries: look for newly opened ones on each new round
      void governance.poll().catch(() => undefined);
    },
    onReward: (orchestrator, status, attempt) =>
      hub.emit('chain.reward', rewardStatusWire(orchestrator, status, attempt ? [attempt] : [])),
    onDevnetProgress: (progress) => hub.emit('devnet.progress', progress),
  });
  const governance = createGovernanceRuntime({
    client: async () => (await chainRuntime.connection()).client,
    // Rounds count L1 blocks on Arbitrum (12 s); the devnet mines one block per interval
    secondsPerBlock: () =>
      settings.get().network.kind === 'devnet' ? (options.devnetBlockIntervalMs ?? 2000) / 1000 : 12,
    log: logSink.root.child('governance'),
    onProposalOpened: (opened) => hub.emit('governance.proposal', opened),
  });
  const reachability = createReachabilityRuntime({
    client: async () => (await chainRuntime.connection()).client,
    log: logSink.root.child('reachability'),
    onMapping: (status) => hub.emit('reachability.mapping', status),
  });
  const wallet = createWallet({
    dataDir: options.dataDir,
    db,
    log: logSink.root.child('wallet'),
    vault: options.secretVault ?? null,
    ...(options.keystoreWorkerPath === undefined ? {} : { workerPath: options.keystoreWorkerPath }),
  });
  const telemetry = createTelemetry({
    db,
    gpu: createNvidiaSmiProvider(options.nvidiaSmiPath ? { executable: options.nvidiaSmiPath } : {}),
    system: createSystemProvider(),
    log: logSink.root.child('gpu'),
    onSample: (sample) => hub.emit('gpu.telemetry', sample),
  });
  const media = createMediaEngine({
    db,
    log: logSink.root.child('media'),
    ffmpegPathOverride: options.ffmpegPath ?? process.env['LIVEPEER_MINER_FFMPEG'] ?? null,
    // A probe before the first telemetry sample must still see every GPU, or a rig would use only GPU 0.
    nvidiaGpus: async () =>
      (telemetry.latest() ?? (await telemetry.sampleOnce())).gpus.map((g) => ({ index: g.index, name: g.name })),
    onBenchmark: (state) => hub.emit('media.benchmark', state),
    onCapacity: (capacity) => hub.emit('media.capacity', capacity),
  });
  if (options.telemetry !== false) telemetry.start();
  const transcoding = createTranscodingControl(settings);
  const transcodersRuntime = createTranscodersRuntime({
    db,
    log: logSink.root,
    engine: mediaEngineAdapter(media),
    settings: () => settings.get(),
    onSettings: (l) => settings.onChange(l),
    control: () => transcoding.get(),
    onControl: (l) => transcoding.onChange(l),
    telemetry: () => telemetry.latest(),
    emit: (status) => {
      hub.emit('transcoders.status', status);
      // In the transcoder role the node status is transcoder mode's connection.
      if (settings.get().role === 'transcoder') void orchestrator.update();
    },
    onRemoteChanged: () => void orchestrator.update(),
  });
  const winningTickets = createWinningTicketStore(db);
  const orchestrator = createOrchestratorRuntime({
    dataDir: options.dataDir,
    db,
    store: winningTickets,
    transcoder: createMediaSegmentTranscoder(media),
    status: nodeStatus,
    log: logSink.root,
    inputs: {
      settings: () => settings.get(),
      wallet: () => wallet.status(),
      signer: (address) => wallet.signer(address),
      active: () => transcoding.get().active,
      chain: async () => (await chainRuntime.connection()).client,
      engineCapacity: async () => (await media.capacity()).reduce((n, d) => n + d.maxSessions, 0),
      remote: () => (transcodersRuntime.remoteEnabled() ? transcodersRuntime.remote : null),
      transcoderMode: () => transcoderNodeState(transcodersRuntime.status().mode),
    },
    // Tests may fix the ticket settings; otherwise the devnet gets its demo-friendly ones.
    payments:
      options.orchestrator?.payments ??
      (() => (settings.get().network.kind === 'devnet' ? DEVNET_PAYMENTS : undefined)),
    ...(options.orchestrator?.port === undefined ? {} : { portOverride: options.orchestrator.port }),
    onStats: (stats) => hub.emit('orchestrator.stats', stats),
    onTicket: (entry) => hub.emit('orchestrator.ticket', entry),
  });
  const demo = createDemoTraffic({
    devnet: () => (settings.get().network.kind === 'devnet' ? chainRuntime.devnet() : null),
    orchestratorUri: () => orchestrator.node()?.serviceUri.replace('0.0.0.0', '127.0.0.1') ?? null,
    log: logSink.root,
    onStatus: (s) => hub.emit('orchestrator.demo', s),
    accepting: () => transcoding.get().active,
  });

  const unsubscribers = [
    settings.onChange((next) => {
      hub.emit('settings.changed', next);
      nodeStatus.applySettings(next);
    }),
    nodeStatus.onChange((status) => hub.emit('node.status', status)),
    logSink.subscribe((entry) => hub.emit('log.entry', entry)),
    wallet.onChange((status) => hub.emit('wallet.status', status)),
    // The node follows the role, the wallet lock and the user's switch.
    settings.onChange(() => void orchestrator.update()),
    wallet.onChange(() => void orchestrator.update()),
    transcoding.onChange(() => void orchestrator.update()),
  ];
  void orchestrator.update();

  const services: ContractImpl<Contract> = {
    app: {
      info: () => ({
        name: APP_NAME,
        version: APP_VERSION,
        mode: options.mode,
        platform: process.platform,
        arch: process.arch,
        versions: {
          node: process.versions.node,
          electron: options.runtime?.electron ?? null,
          chrome: options.runtime?.chrome ?? null,
        },
        dataDir: options.dataDir,
      }),
      health: () => {
        const checks = [storeCheck(db), dataDirCheck(options.dataDir)];
        return {
          status: checks.every((c) => c.ok) ? 'ok' : 'degraded',
          uptimeSeconds: (Date.now() - startedAt) / 1000,
          checks,
        };
      },
    },
    settings: {
      get: () => settings.get(),
      update: (patch) => {
        const next = settings.update(patch);
        log.info(`Settings changed: ${Object.keys(patch).join(', ')}`);
        return next;
      },
    },
    node: { status: () => nodeStatus.get() },
    logs: { recent: ({ limit }) => logSink.recent(limit) },
    media: createMediaService(media),
    gpu: createGpuService(telemetry),
    transcoders: createTranscodersService(transcodersRuntime),
    wallet: createWalletService(wallet),
    chain: createChainService(chainRuntime),
    devnet: createDevnetService(chainRuntime),
    governance: governance.service,
    reachability: reachability.service,
    desktop: { capabilities: () => options.desktop?.capabilities() ?? HEADLESS_CAPABILITIES },
    orchestrator: createOrchestratorService(orchestrator, demo),
  };

  log.info(`Host started (${options.mode}) with data in ${options.dataDir}`);
  return {
    router: createRouter(contract, services, log.child('router')),
    events: hub,
    log: logSink.root,
    settings,
    nodeStatus,
    media,
    telemetry,
    transcoding,
    transcoders: transcodersRuntime,
    wallet,
    orchestrator,
    async close() {
      for (const off of unsubscribers) off();
      await transcodersRuntime.close();
      await demo.close();
      await orchestrator.close();
      await reachability.close(); // take the port forward off the router on exit
      await chainRuntime.close();
      transcoding.close();
      await telemetry.stop();
      await media.close();
      wallet.close();
      db.close();
    },
  };
}

function storeCheck(db: Database): { name: string; ok: boolean; detail: string } {
  try {
    const row = db.prepare('PRAGMA quick_check').get() as { quick_check?: string } | undefined;
    const ok = row?.quick_check === 'ok';
    return {
      name: 'store',
      ok,
      detail: ok ? 'SQLite store is readable and consistent' : `SQLite check: ${row?.quick_check ?? 'no answer'}`,
    };
  } catch (err) {
    return { name: 'store', ok: false, detail: `SQLite store failed: ${String(err)}` };
  }
}

function dataDirCheck(dir: string): { name: string; ok: boolean; detail: string } {
  try {
    accessSync(dir, constants.W_OK);
    return { name: 'data folder', ok: true, detail: 'Writable' };
  } catch {
    return { name: 'data folder', ok: false, detail: `Cannot write to ${dir}` };
  }
}
