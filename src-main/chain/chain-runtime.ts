// Holds the app's live chain connection for the configured network: on the devnet it starts the
// embedded devnet on first use; on Arbitrum One it connects to the configured RPC. It owns the
// reward service and the indexer, watches for new rounds, and stops everything on close.
import { getAddress } from 'ethers';
import type { Network } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Database } from '../store/database.ts';
import type { AccountSigner } from '../wallet/account-signer.ts';
import { ARBITRUM_ONE_CHAIN_ID, ARBITRUM_ONE_CONTROLLER } from './abi.ts';
import { createChainClient, type ChainClient, type TxProgress } from './client.ts';
import { startDevnet, type Devnet, type DevnetProgress } from './devnet/devnet.ts';
import { createEventIndexer, type ChainIndexer, type EventIndexer, type IndexProgress } from './indexer.ts';
import type { DevnetScale } from './devnet/scale.ts';
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
  /** Mine an empty devnet block this often so rounds advance (0 = only on transactions). */
  devnetBlockIntervalMs?: number;
  roundWatchIntervalMs?: number;
  onTx?: (progress: TxProgress) => void;
  onRound?: (round: { round: bigint; initialized: boolean; blockNumber: bigint }) => void;
  onReward?: (orchestrator: string, status: RewardServiceStatus, attempt: RewardAttempt | null) => void;
  onDevnetProgress?: (progress: DevnetProgress) => void;
  onIndexProgress?: (progress: IndexProgress) => void;
}

export interface ChainConnection {
  network: Network['kind'];
  rpcUrl: string;
  controller: string;
  client: ChainClient;
}

export interface ChainRuntime {
  connection(): Promise<ChainConnection>;
  devnet(): Devnet | null;
  startDevnet(): Promise<Devnet>;
  rewardService(): { orchestrator: string; service: RewardService } | null;
  setRewardService(orchestrator: string, enabled: boolean, maxGasPriceWei?: bigint): Promise<void>;
  indexer(orchestrator: string): Promise<ChainIndexer>;
  /** A new chain head (for the chain-state service to drive the indexer instead of its fallback timer). */
  indexHead(blockNumber: number, blockHash?: string): void;
  close(): Promise<void>;
}

export function createChainRuntime(options: ChainRuntimeOptions): ChainRuntime {
  let devnet: Devnet | null = null;
  let devnetStarting: Promise<Devnet> | null = null;
  let current: { key: string; conn: ChainConnection } | null = null;
  let reward: { orchestrator: string; service: RewardService } | null = null;
  /** One event indexer for every watched orchestrator of the current connection. */
  let events: EventIndexer | null = null;
  let watcher: NodeJS.Timeout | null = null;
  let lastRound: string | null = null;

  function ensureDevnet(): Promise<Devnet> {
    if (devnet) return Promise.resolve(devnet);
    devnetStarting ??= startDevnet({
      dataDir: options.dataDir,
      blockIntervalMs: options.devnetBlockIntervalMs ?? 0,
      scale: options.devnetScale?.() ?? 'small',
      ...(options.devnetPort === undefined ? {} : { port: options.devnetPort }),
      ...(options.onDevnetProgress ? { onProgress: options.onDevnetProgress } : {}),
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

  function watchRounds(client: ChainClient): void {
    if (watcher) clearInterval(watcher);
    watcher = setInterval(() => {
      void client.protocol().then(
        (p) => {
          const key = `${p.round}:${p.roundInitialized}`;
          if (key !== lastRound) {
            lastRound = key;
            options.onRound?.({ round: p.round, initialized: p.roundInitialized, blockNumber: p.blockNumber });
          }
        },
        () => undefined, // an outage shows in status calls; the watcher just waits
      );
    }, options.roundWatchIntervalMs ?? 3000);
    watcher.unref();
  }

  async function connection(): Promise<ChainConnection> {
    const network = options.network();
    const key = JSON.stringify(network.kind === 'devnet' ? [network, options.devnetScale?.()] : network);
    if (current?.key === key) return current.conn;
    await dropConnection();
    let rpcUrl: string, controller: string, chainId: number;
    if (network.kind === 'devnet') {
      const d = await ensureDevnet();
      await d.scaleTo(options.devnetScale?.() ?? 'small'); // a setting changed while it ran
      ({ rpcUrl, controller, chainId } = d);
      rpcUrl = options.devnetClientRpcUrl ?? rpcUrl;
    } else {
      rpcUrl = network.rpcUrl;
      controller = ARBITRUM_ONE_CONTROLLER;
      chainId = ARBITRUM_ONE_CHAIN_ID;
    }
    const client = createChainClient({
      rpcUrl,
      controller,
      chainId,
      log: options.log.child('client'),
      ...(options.getSigner ? { getSigner: options.getSigner } : {}),
    });
    if (options.onTx) client.onProgress(options.onTx);
    client.onProgress((p) => {
      if (p.state === 'confirmed') events?.poke(); // its events show without waiting for the next step
    });
    const conn: ChainConnection = { network: network.kind, rpcUrl, controller, client };
    current = { key, conn };
    watchRounds(client);
    return conn;
  }

  async function dropConnection(): Promise<void> {
    if (reward) await reward.service.stop();
    reward = null;
    await events?.stop();
    events = null;
    if (watcher) clearInterval(watcher);
    watcher = null;
    current?.conn.client.close();
    current = null;
  }

  return {
    connection,
    devnet: () => devnet,
    startDevnet: ensureDevnet,
    rewardService: () => reward,
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
          ...(options.onIndexProgress ? { onProgress: options.onIndexProgress } : {}),
        });
        events.start();
      }
      return events.watch(orchestrator);
    },
    indexHead: (blockNumber, blockHash) => events?.onHead(blockNumber, blockHash),
    async close() {
      await dropConnection();
      const d = devnet ?? (devnetStarting ? await devnetStarting.catch(() => null) : null);
      await d?.stop();
      devnet = null;
    },
  };
}
