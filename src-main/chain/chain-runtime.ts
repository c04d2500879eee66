// Holds the app's live chain connection for the configured network: on the devnet it starts the
// embedded devnet on first use; on Arbitrum One it connects to the configured RPC. It owns the
// reward service and the indexer, watches for new rounds, and stops everything on close.
import { getAddress } from 'ethers';
import type { ChainRpcState, Network } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Database } from '../store/database.ts';
import type { AccountSigner } from '../wallet/account-signer.ts';
import { ARBITRUM_ONE_CHAIN_ID, ARBITRUM_ONE_CONTROLLER } from './abi.ts';
import { BACKGROUND_TX_KINDS, createChainClient, type ChainClient, type TxProgress } from './client.ts';
import { startDevnet, type Devnet, type DevnetProgress } from './devnet/devnet.ts';
import { createEventIndexer, type ChainIndexer, type EventIndexer, type IndexProgress } from './indexer.ts';
import type { ChainHead } from './state/chain-state.ts';
import type { DevnetScale } from './devnet/scale.ts';
import { chainPace, type ChainPace } from './pace.ts';
import {
  createRewardService,
  type RewardAttempt,
  type RewardService,
  type RewardServiceStatus,
} from './reward-service.ts';

export interface ChainRuntimeOptions {
  dataDir: string;
  db: Database;
  log: Logger;
  network: () => Network;
  /** The wallet's signer for an address; absent until a wallet exists. */
  getSigner?: (address: string) => Promise<AccountSigner>;
  /** The devnet's size (the setting): a small devnet is seeded when this says mainnet. */
  devnetScale?: () => DevnetScale;
  /** Benches and tests: the devnet's anvil port, and the URL the app reaches it through (a counting proxy). */
  devnetPort?: number;
  devnetClientRpcUrl?: string;
  /** Mine an empty devnet block this often so rounds advance (0 = only on transactions; a function: asked per block). */
  devnetBlockIntervalMs?: number | (() => number);
  /** How often the shared head is read (default: the network's pace, chain/pace.ts). */
  headIntervalMs?: number;
  onTx?: (progress: TxProgress) => void;
  onRound?: (round: { round: bigint; initialized: boolean; blockNumber: bigint }) => void;
  onReward?: (orchestrator: string, status: RewardServiceStatus, attempt: RewardAttempt | null) => void;
  onDevnetProgress?: (progress: DevnetProgress) => void;
  onIndexProgress?: (progress: IndexProgress) => void;
  /** Every head read (one request: protocol, basefee, watched accounts), for the UI. */
  onHead?: (head: ChainHead) => void;
  /** Accounts the head always carries (the wallet's selected one); re-read on `syncWatched`. */
  watchedAccounts?: () => readonly (string | null)[];
  /** The chain RPC's state changed (rate-limited, on the backup URL, down, ok). */
  onRpcState?: (state: ChainRpcState) => void;
}

export interface ChainConnection {
  network: Network['kind'];
  /** The blocks rounds count in come this often (the devnet's mining pace, Arbitrum One's L1 block). */
  secondsPerBlock: number;
  rpcUrl: string;
  controller: string;
  client: ChainClient;
}

export interface ChainRuntime {
  connection(): Promise<ChainConnection>;
  /** The current connection's RPC state (ok before any connection). */
  rpcState(): ChainRpcState;
  devnet(): Devnet | null;
  startDevnet(): Promise<Devnet>;
  rewardService(): { orchestrator: string; service: RewardService } | null;
  setRewardService(orchestrator: string, enabled: boolean, maxGasPriceWei?: bigint): Promise<void>;
  indexer(orchestrator: string): Promise<ChainIndexer>;
  /** Follows `watchedAccounts` (call when the wallet's selection changes). */
  syncWatched(): void;
  /** Seconds per block as rounds count them (the devnet's mining pace, Arbitrum One's L1 block). */
  secondsPerBlock(): number;
  close(): Promise<void>;
}

export function createChainRuntime(options: ChainRuntimeOptions): ChainRuntime {
  let devnet: Devnet | null = null;
  let devnetStarting: Promise<Devnet> | null = null;
  /** Closing while the devnet starts (a mainnet-scale seeding) stops its anvil instead of waiting. */
  const closing = new AbortController();
  let current: { key: string; conn: ChainConnection; pace: ChainPace } | null = null;
  let reward: { orchestrator: string; service: RewardService } | null = null;
  /** One event indexer for every watched orchestrator of the current connection. */
  let events: EventIndexer | null = null;
  let offHead: (() => void) | null = null;
  const watching = new Map<string, () => void>(); // address → unwatch, on the current connection

  function syncWatched(): void {
    const client = current?.conn.client;
    const wanted = new Set(
      (options.watchedAccounts?.() ?? []).filter((a): a is string => !!a).map((a) => getAddress(a)),
    );
    for (const [a, unwatch] of watching)
      if (!wanted.has(a) || !client) {
        unwatch();
        watching.delete(a);
      }
    if (client) for (const a of wanted) if (!watching.has(a)) watching.set(a, client.state.watch(a));
  }

  /** The devnet's mining timer when it has one, else the network's pace. */
  function secondsPerBlock(): number {
    const network = options.network().kind;
    const mining = options.devnetBlockIntervalMs;
    const minedMs = typeof mining === 'function' ? mining() : (mining ?? 0);
    const blockMs = network === 'devnet' && minedMs > 0 ? minedMs : chainPace(network, options.devnetScale?.()).blockMs;
    return blockMs / 1000;
  }

  function ensureDevnet(): Promise<Devnet> {
    if (devnet) return Promise.resolve(devnet);
    devnetStarting ??= startDevnet({
      dataDir: options.dataDir,
      blockIntervalMs: options.devnetBlockIntervalMs ?? 0,
      scale: options.devnetScale?.() ?? 'small',
      ...(options.devnetPort === undefined ? {} : { port: options.devnetPort }),
      ...(options.onDevnetProgress ? { onProgress: options.onDevnetProgress } : {}),
      signal: closing.signal,
    }).then(
      (d) => {
        devnet = d;
        options.log.info(`Devnet ready at ${d.rpcUrl} (${d.restored ? 'restored' : 'deployed'} in ${d.startMs} ms)`);
        return d;
      },
      (err: unknown) => {
        devnetStarting = null;
        throw err;
      },
    );
    return devnetStarting;
  }

  /** New rounds come from the shared head (chain/state/): no watcher of its own. */
  function watchRounds(client: ChainClient): void {
    offHead?.();
    offHead = client.state.onChange((c) => {
      options.onHead?.(c.head);
      events?.onHead(Number(c.head.protocol.blockNumber)); // the indexer steps on the same head, when it moved
      if (!c.newRound) return;
      const p = c.head.protocol;
      options.onRound?.({ round: p.round, initialized: p.roundInitialized, blockNumber: p.blockNumber });
    });
    client.state.start();
  }

  async function connection(): Promise<ChainConnection> {
    const network = options.network();
    const key = JSON.stringify(network.kind === 'devnet' ? [network, options.devnetScale?.()] : network);
    if (current?.key === key) return current.conn;
    await dropConnection();
    let rpcUrl: string, controller: string, chainId: number;
    let fallbackRpcUrl: string | null = null;
    if (network.kind === 'devnet') {
      const d = await ensureDevnet();
      await d.scaleTo(options.devnetScale?.() ?? 'small'); // a setting changed while it ran
      ({ rpcUrl, controller, chainId } = d);
      rpcUrl = options.devnetClientRpcUrl ?? rpcUrl;
    } else {
      rpcUrl = network.rpcUrl;
      fallbackRpcUrl = network.fallbackRpcUrl ?? null;
      controller = ARBITRUM_ONE_CONTROLLER;
      chainId = ARBITRUM_ONE_CHAIN_ID;
    }
    const pace = chainPace(network.kind, options.devnetScale?.());
    const client = createChainClient({
      rpcUrl,
      fallbackRpcUrl,
      controller,
      chainId,
      log: options.log.child('client'),
      headIntervalMs: options.headIntervalMs ?? pace.headIntervalMs,
      ...(options.getSigner ? { getSigner: options.getSigner } : {}),
    });
    if (options.onTx) client.onProgress(options.onTx);
    client.onProgress((p) => {
      // Its events show without waiting for the next step (one eth_getLogs); the node's own
      // redemptions, several a minute on a busy node, only while a page reads the index
      if (p.state === 'confirmed')
        events?.poke(p.blockNumber === null ? undefined : Number(p.blockNumber), {
          background: BACKGROUND_TX_KINDS.has(p.kind),
        });
    });
    if (options.onRpcState) {
      client.onRpcState(options.onRpcState);
      options.onRpcState(client.rpcState()); // a new connection starts afresh
    }
    const conn: ChainConnection = {
      network: network.kind,
      rpcUrl,
      controller,
      client,
      secondsPerBlock: secondsPerBlock(),
    };
    current = { key, conn, pace };
    syncWatched();
    watchRounds(client);
    return conn;
  }

  async function dropConnection(): Promise<void> {
    if (reward) await reward.service.stop();
    reward = null;
    await events?.stop();
    events = null;
    offHead?.();
    offHead = null;
    current?.conn.client.close();
    current = null;
    syncWatched();
  }

  return {
    connection,
    rpcState: () =>
      current?.conn.client.rpcState() ?? {
        state: 'ok',
        retryAt: null,
        reason: null,
        hasFallback: false,
        since: Date.now(),
      },
    devnet: () => devnet,
    startDevnet: ensureDevnet,
    rewardService: () => reward,
    syncWatched,
    secondsPerBlock,
    async setRewardService(orchestratorInput, enabled, maxGasPriceWei) {
      const orchestrator = getAddress(orchestratorInput);
      if (reward) {
        await reward.service.stop();
        reward = null;
      }
      if (!enabled) return;
      const { client } = await connection();
      const service = createRewardService({
        client,
        db: options.db,
        orchestrator,
        log: options.log.child('reward'),
        ...(maxGasPriceWei === undefined ? {} : { maxGasPriceWei }),
      });
      service.onChange((status, attempt) => options.onReward?.(orchestrator, status, attempt));
      reward = { orchestrator, service };
      service.start();
    },
    async indexer(orchestratorInput) {
      const orchestrator = getAddress(orchestratorInput);
      const { client } = await connection();
      if (!events) {
        events = createEventIndexer({
          client,
          db: options.db,
          log: options.log.child('indexer'),
          ...(current ? { intervalMs: current.pace.indexIntervalMs } : {}),
          onLogs: (logs) => client.applyLogs(logs), // the pool follows its events from the same query
          ...(options.onIndexProgress ? { onProgress: options.onIndexProgress } : {}),
        });
        const head = client.state.head(); // its first step goes to the head already read
        if (head) events.onHead(Number(head.protocol.blockNumber));
        events.start();
      }
      return events.watch(orchestrator);
    },
    async close() {
      if (!devnet) closing.abort();
      await dropConnection();
      const d = devnet ?? (devnetStarting ? await devnetStarting.catch(() => null) : null);
      await d?.stop();
      devnet = null;
    },
  };
}
