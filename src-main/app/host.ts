// Composition root: builds every subsystem once, in layer order (each from the ones above it, no
// forward references), wires their change streams to contract events and hands back one router.
// Every service implementation lives in its room; Electron and the headless server are two
// transports over this object.
import {
  ChainHead,
  ChainNewRound,
  ChainRewardStatus,
  ChainTxProgress,
  contract,
  type AppInfo,
  type Contract,
  type DesktopCapabilities,
} from '../../src-shared/contract/index.ts';
import { createEventHub, type EventHub } from '../core/event-hub.ts';
import { createSignal } from '../core/signal.ts';
import { createChainRuntime, type ChainRuntime } from '../chain/chain-runtime.ts';
import { createChainService, createDevnetService, rewardStatus } from '../chain/chain-service.ts';
import { CHAIN_MIGRATIONS } from '../chain/migrations.ts';
import { chainPace } from '../chain/pace.ts';
import { createDesktopService } from '../desktop/desktop-service.ts';
import { createGovernanceRuntime } from '../governance/governance-service.ts';
import { createNvidiaSmiProvider } from '../gpu/nvidia-smi.ts';
import { createGpuService } from '../gpu/gpu-service.ts';
import { createSystemProvider, createTelemetry, GPU_MIGRATIONS, type Telemetry } from '../gpu/telemetry.ts';
import { createLogSink, type LogSink, type Logger } from '../log/logger.ts';
import { createLogsService } from '../log/logs-service.ts';
import { createMediaEngine, MEDIA_MIGRATIONS, type MediaEngine } from '../media/media-engine.ts';
import { createMediaService } from '../media/media-service.ts';
import { createNodeService } from '../orchestrator/node-service.ts';
import { createNodeStatusTracker, type NodeStatusTracker } from '../orchestrator/node-status.ts';
import { createWinningTicketStore, NODE_MIGRATIONS } from '../orchestrator/payments/winning-ticket-store.ts';
import type { RecipientConfig } from '../orchestrator/payments/recipient.ts';
import { createDemoTraffic } from '../orchestrator/runtime/demo-traffic.ts';
import { DEVNET_PAYMENTS } from '../orchestrator/runtime/devnet-payments.ts';
import { createMediaSegmentTranscoder } from '../orchestrator/runtime/media-segment-transcoder.ts';
import {
  createOrchestratorRuntime,
  NODE_CONFIG_MIGRATIONS,
  type OrchestratorRuntime,
} from '../orchestrator/runtime/orchestrator-runtime.ts';
import { createOrchestratorService } from '../orchestrator/runtime/orchestrator-service.ts';
import { createTranscodingControl, type TranscodingControl } from '../orchestrator/transcoding-control.ts';
import { createReachabilityRuntime } from '../reachability/reachability-service.ts';
import { createSettingsService } from '../settings/settings-service.ts';
import { createSettingsStore, SETTINGS_MIGRATIONS, type SettingsStore } from '../settings/settings-store.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { mediaEngineAdapter } from '../transcoder/media-adapter.ts';
import { transcoderNodeState } from '../transcoder/transcoder-node-state.ts';
import {
  createTranscodersRuntime,
  createTranscodersService,
  TRANSCODER_MIGRATIONS,
  type TranscodersRuntime,
} from '../transcoder/transcoders-runtime.ts';
import type { AccountSigner } from '../wallet/account-signer.ts';
import type { SecretVault } from '../wallet/secret-vault.ts';
import { createWallet, walletSigner, type Wallet } from '../wallet/wallet.ts';
import { createWalletService } from '../wallet/wallet-service.ts';
import { WALLET_MIGRATIONS } from '../wallet/wallet-store.ts';
import { createAppService } from './app-service.ts';
import { INTENT_MIGRATIONS, wireNodeIntent } from './node-intent.ts';
import { createRouter, type ContractImpl, type Router } from './router.ts';

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
  /** Mine an empty devnet block this often so rounds advance by themselves (default: the devnet's pace, chain/pace.ts). */
  devnetBlockIntervalMs?: number;
  /** Benches and tests (`serve --devnet-port --devnet-rpc-url`): anvil's port, and the URL the app reaches it through (a counting proxy). */
  devnet?: { port?: number; clientRpcUrl?: string };
  /** The Electron shell reports what its desktop integrations can do; headless has none. */
  desktop?: { capabilities(): DesktopCapabilities };
  /**
   * The operating account's password for an unattended start (`serve --password-file`, read and
   * mode-checked by the CLI): the node unlocks its key at start; user actions stay locked.
   */
  nodePassword?: string | null;
  /** Wallet auto-lock "minute" in ms (tests shrink it; the same idle-lock code path). */
  walletMinuteMs?: number;
  /**
   * Orchestrator service port override (tests: 0 = a free port), ticket settings (tests: high win
   * probability) and how long due winners wait to share a batch (tests: short; default per network).
   */
  orchestrator?: {
    port?: number;
    payments?: Partial<Omit<RecipientConfig, 'address' | 'secret'>>;
    redemptionWindowMs?: number;
  };
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
  /** The chain connection, devnet and reward service (tests reach the devnet through it). */
  readonly chain: ChainRuntime;
  /** Settles once the saved choices are restored and an unattended unlock (if any) finished. */
  readonly started: Promise<void>;
  close(): Promise<void>;
}

export function createHost(options: HostOptions): Host {
  // ---- foundations: log, store, event hub, settings ------------------------------------------
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
    ...INTENT_MIGRATIONS,
  ]);
  const hub = createEventHub(log);
  const settings = createSettingsStore(db, logSink.root.child('settings'));
  const nodeStatus = createNodeStatusTracker(settings.get());
  // The devnet's block pace (chain/pace.ts): 2 s on the demo devnet, 12 s at mainnet scale
  const devnetBlockMs = (): number =>
    options.devnetBlockIntervalMs ?? chainPace('devnet', settings.get().devnetScale).blockMs;
  // Two pairs of subsystems need each other; the earlier one emits, the later one subscribes below.
  const newRound = createSignal(); // chain → governance
  let lastRound: bigint | null = null;
  const nodeInputsChanged = createSignal(); // transcoders → orchestrator

  // ---- keys and machine: wallet, telemetry ---------------------------------------------------
  const wallet = createWallet({
    dataDir: options.dataDir,
    db,
    log: logSink.root.child('wallet'),
    vault: options.secretVault ?? null,
    ...(options.walletMinuteMs === undefined ? {} : { minuteMs: options.walletMinuteMs }),
    ...(options.keystoreWorkerPath === undefined ? {} : { workerPath: options.keystoreWorkerPath }),
  });
  const telemetry = createTelemetry({
    db,
    gpu: createNvidiaSmiProvider(options.nvidiaSmiPath ? { executable: options.nvidiaSmiPath } : {}),
    system: createSystemProvider(),
    log: logSink.root.child('gpu'),
    onSample: (sample) => hub.emit('gpu.telemetry', sample),
  });

  // ---- chain (signs with the wallet) and media (sees telemetry's GPUs) -----------------------
  const chainRuntime = createChainRuntime({
    dataDir: options.dataDir,
    db,
    log: logSink.root.child('chain'),
    network: () => settings.get().network,
    devnetBlockIntervalMs: devnetBlockMs,
    devnetScale: () => settings.get().devnetScale,
    ...(options.devnet?.port === undefined ? {} : { devnetPort: options.devnet.port }),
    ...(options.devnet?.clientRpcUrl === undefined ? {} : { devnetClientRpcUrl: options.devnet.clientRpcUrl }),
    getSigner: options.getSigner ?? walletSigner(wallet),
    onTx: (progress) => hub.emit('chain.tx', ChainTxProgress.encode(progress)),
    onRound: (round) => {
      hub.emit('chain.round', ChainNewRound.encode(round));
      // Once per round number: a round is announced again when it gets initialized
      if (round.round !== lastRound) newRound.emit();
      lastRound = round.round;
    },
    onReward: (orchestrator, status, attempt) =>
      hub.emit('chain.reward', ChainRewardStatus.encode(rewardStatus(orchestrator, status, attempt ? [attempt] : []))),
    onDevnetProgress: (progress) => hub.emit('devnet.progress', progress),
    onIndexProgress: (progress) => hub.emit('chain.index', progress),
    onHead: (head) =>
      hub.emit('chain.head', ChainHead.encode({ protocol: head.protocol, accounts: [...head.accounts.values()] })),
    watchedAccounts: () => [wallet.status().selected],
    onRpcState: (state) => hub.emit('chain.rpc', state),
  });
  const chainClient = async () => (await chainRuntime.connection()).client;
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

  // ---- over the chain: governance, reachability ----------------------------------------------
  const governance = createGovernanceRuntime({
    client: chainClient,
    // Rounds count L1 blocks on Arbitrum (12 s); the devnet mines one block per interval
    secondsPerBlock: () => chainRuntime.secondsPerBlock(),
    log: logSink.root.child('governance'),
    onProposalOpened: (opened) => hub.emit('governance.proposal', opened),
  });
  const reachability = createReachabilityRuntime({
    client: chainClient,
    log: logSink.root.child('reachability'),
    onMapping: (status) => hub.emit('reachability.mapping', status),
  });

  // ---- the work: the user's switch, transcoders, the orchestrator node, demo traffic ---------
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
      if (settings.get().role === 'transcoder') nodeInputsChanged.emit();
    },
    onRemoteChanged: () => nodeInputsChanged.emit(),
  });
  const orchestrator = createOrchestratorRuntime({
    dataDir: options.dataDir,
    db,
    // Tickets are kept per network: the selected one's are listed, totalled and redeemed.
    store: createWinningTicketStore(db, Date.now, () => settings.get().network.kind),
    transcoder: createMediaSegmentTranscoder(media),
    status: nodeStatus,
    log: logSink.root,
    inputs: {
      settings: () => settings.get(),
      // The node runs on the key it keeps (nodeKey) even while user actions are locked.
      wallet: () => {
        const w = wallet.status();
        return { selected: w.selected, unlocked: w.nodeKey ?? w.unlocked };
      },
      signer: (address) => wallet.signer(address),
      active: () => transcoding.get().active,
      chain: chainClient,
      engineCapacity: async () => (await media.capacity()).reduce((n, d) => n + d.maxSessions, 0),
      remote: () => (transcodersRuntime.remoteEnabled() ? transcodersRuntime.remote : null),
      transcoderMode: () => transcoderNodeState(transcodersRuntime.status().mode),
    },
    // Tests may fix the ticket settings; otherwise the devnet gets its demo-friendly ones.
    payments:
      options.orchestrator?.payments ??
      (() => (settings.get().network.kind === 'devnet' ? DEVNET_PAYMENTS : undefined)),
    ...(options.orchestrator?.port === undefined ? {} : { portOverride: options.orchestrator.port }),
    ...(options.orchestrator?.redemptionWindowMs === undefined
      ? {}
      : { redemptionWindowMs: options.orchestrator.redemptionWindowMs }),
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

  // The operator's choices per network (reward service, demo) and the node's claim on the key.
  const intent = wireNodeIntent({
    db,
    log: logSink.root.child('intent'),
    settings,
    transcoding,
    chain: chainRuntime,
    demo,
    nodeStatus,
    wallet,
  });

  // ---- change streams → contract events; what the node follows --------------------------------
  const updateNode = (): void => void orchestrator.update();
  const unsubscribers = [
    settings.onChange((next) => {
      hub.emit('settings.changed', next);
      nodeStatus.applySettings(next);
    }),
    nodeStatus.onChange((status) => hub.emit('node.status', status)),
    // Whether demo traffic is available follows the devnet and the node: push it when they move.
    nodeStatus.onChange(() => demo.announce()),
    logSink.subscribe((entry) => hub.emit('log.entry', entry)),
    wallet.onChange((status) => {
      hub.emit('wallet.status', status);
      chainRuntime.syncWatched();
    }),
    // Proposals open at round boundaries: look for newly opened ones on each new round
    newRound.on(() => void governance.poll().catch(() => undefined)),
    // The node follows the role, the wallet lock, the user's switch and transcoder mode.
    settings.onChange(updateNode),
    wallet.onChange(updateNode),
    transcoding.onChange(updateNode),
    nodeInputsChanged.on(updateNode),
  ];
  updateNode();
  const started = intent.start(options.nodePassword ?? null);

  const services: ContractImpl<Contract> = {
    app: createAppService({ dataDir: options.dataDir, mode: options.mode, runtime: options.runtime, db, startedAt }),
    settings: createSettingsService(settings, log),
    node: createNodeService(nodeStatus),
    logs: createLogsService(logSink),
    media: createMediaService(media),
    gpu: createGpuService(telemetry),
    transcoders: createTranscodersService(transcodersRuntime),
    wallet: createWalletService(wallet),
    chain: createChainService({ ...chainRuntime, setRewardService: intent.setRewardService }),
    devnet: createDevnetService(chainRuntime),
    governance: governance.service,
    reachability: reachability.service,
    desktop: createDesktopService(options.desktop),
    orchestrator: createOrchestratorService(orchestrator, intent.demo),
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
    chain: chainRuntime,
    started,
    async close() {
      await started;
      intent.close();
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
