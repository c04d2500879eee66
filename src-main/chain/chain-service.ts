// The chain and devnet services of the contract: thin adapters over the runtime. Inputs arrive
// decoded (bigint) and results leave through the router, which encodes them with the same schemas.
import { getAddress } from 'ethers';
import type { z } from 'zod';
import {
  AppError,
  ErrorCode,
  type chain,
  type ChainRewardStatus,
  type devnet,
  type DevnetInfo,
} from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { ChainRuntime } from './chain-runtime.ts';
import {
  ARBITRUM_ONE_PRICE_FEEDS,
  createPriceFeedCache,
  readPriceFeed,
  type PriceFeedCache,
} from './reads/price-feeds.ts';
import type { RewardAttempt, RewardServiceStatus } from './reward-service.ts';
import { toAppError } from './rpc-errors.ts';
import { redactRpcUrl } from './rpc/redact.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { parseUnits } from '../../src-shared/domain/units.ts';

type ChainRewardStatusValue = z.output<typeof ChainRewardStatus>;

/** The reward service's state as `chain.rewardStatus` and the `chain.reward` event carry it. */
export function rewardStatus(
  orchestrator: string | null,
  status: RewardServiceStatus,
  attempts: RewardAttempt[],
): ChainRewardStatusValue {
  return { orchestrator, ...status, attempts };
}

/** The price feeds of the connected network: Chainlink's on Arbitrum One, ours on the devnet. */
async function readPrices(runtime: ChainRuntime, cache: PriceFeedCache, refresh: boolean) {
  const conn = await runtime.connection();
  const d = runtime.devnet()?.contracts;
  const feeds =
    conn.network === 'arbitrum-one'
      ? ARBITRUM_ONE_PRICE_FEEDS
      : d
        ? {
            ethUsd: { pair: 'ETH / USD', address: d.DevnetPriceFeed },
            eurUsd: { pair: 'EUR / USD', address: d.DevnetEurUsdFeed },
          }
        : {};
  const r = await cache.read(conn.client.provider, feeds, refresh);
  return {
    network: conn.network,
    ethUsd: r.readings.ethUsd ?? null,
    eurUsd: r.readings.eurUsd ?? null,
    lptUsd: r.readings.lptUsd ?? null,
    missing: r.missing,
    readAt: r.readAtMs,
  };
}

export function createChainService(
  runtime: ChainRuntime,
  prices: PriceFeedCache = createPriceFeedCache(),
): ServiceImpl<typeof chain> {
  /** The reward service's status, or "stopped" when none runs for this network. */
  const currentRewardStatus = () => {
    const r = runtime.rewardService();
    return rewardStatus(
      r?.orchestrator ?? null,
      r?.service.status() ?? {
        state: 'stopped',
        message: 'Not running',
        lastRewardRound: null,
        lastCheckedAt: null,
        missed: null,
      },
      r?.service.attempts(20) ?? [],
    );
  };
  return {
    async status() {
      const network = await runtime.connection().catch((err: unknown) => {
        throw toAppError(err, 'Connecting to the chain');
      });
      try {
        // From the shared head: the UI's status costs no request of its own.
        const [contracts, { protocol }] = await Promise.all([
          network.client.addresses(),
          network.client.state.current(),
        ]);
        return {
          network: network.network,
          connected: true,
          rpcUrl: redactRpcUrl(network.rpcUrl),
          controller: network.controller,
          contracts,
          protocol,
          error: null,
          secondsPerBlock: network.secondsPerBlock,
        };
      } catch (err) {
        const e = toAppError(err, 'Reading the chain');
        return {
          network: network.network,
          connected: false,
          rpcUrl: redactRpcUrl(network.rpcUrl),
          controller: network.controller,
          contracts: null,
          protocol: null,
          error: e.message,
          secondsPerBlock: network.secondsPerBlock,
        };
      }
    },
    rpcState: () => runtime.rpcState(),
    account: async ({ address }) => (await runtime.connection()).client.state.account(address),
    pool: async () => (await runtime.connection()).client.transcoderPool(),
    prepare: async ({ from, action }) => (await runtime.connection()).client.prepare(from, action),
    async confirm({ previewId }) {
      const { logs: _logs, ...outcome } = await (await runtime.connection()).client.confirm(previewId);
      return outcome;
    },
    async discard({ previewId }) {
      (await runtime.connection()).client.discard(previewId);
      return { ok: true as const };
    },
    async setRewardService({ orchestrator, enabled, maxGasPriceWei }) {
      await runtime.setRewardService(orchestrator, enabled, maxGasPriceWei);
      return currentRewardStatus();
    },
    rewardStatus: currentRewardStatus,
    // What is indexed so far (the indexer keeps up in the background: no RPC call per request;
    // a step under way, say after a confirmed transaction, is waited for)
    async delegators({ orchestrator }) {
      const ix = await runtime.indexer(orchestrator);
      await ix.settled().catch(() => undefined);
      return ix.delegators();
    },
    async earnings({ orchestrator }) {
      const ix = await runtime.indexer(orchestrator);
      await ix.settled().catch(() => undefined);
      return ix.earningsByRound();
    },
    async indexProgress({ orchestrator }) {
      const ix = await runtime.indexer(orchestrator);
      await ix.settled().catch(() => undefined);
      return ix.progress();
    },
    prices: ({ refresh }) => readPrices(runtime, prices, refresh),
  };
}

function devnetInfo(runtime: ChainRuntime): DevnetInfo {
  const d = runtime.devnet();
  if (!d)
    return {
      running: false,
      rpcUrl: null,
      chainId: null,
      controller: null,
      contracts: {},
      restored: false,
      startMs: null,
    };
  return {
    running: true,
    rpcUrl: d.rpcUrl,
    chainId: d.chainId,
    controller: d.controller,
    contracts: d.contracts,
    restored: d.restored,
    startMs: d.startMs,
  };
}

export function createDevnetService(runtime: ChainRuntime): ServiceImpl<typeof devnet> {
  const running = (): NonNullable<ReturnType<ChainRuntime['devnet']>> => {
    const d = runtime.devnet();
    if (!d) throw new AppError(ErrorCode.Conflict, 'The devnet is not running: start it first');
    return d;
  };
  return {
    async start() {
      await runtime.startDevnet();
      return devnetInfo(runtime);
    },
    info: () => devnetInfo(runtime),
    async fund({ address, eth, lpt }) {
      await running().fund(getAddress(address), { eth, lpt });
      return { ok: true as const };
    },
    advanceRound: async () => ({ round: await running().advanceRound() }),
    async setEthUsdPrice({ usd }) {
      const d = running();
      const answer = parseUnits(usd, DEVNET_PARAMS.ethUsdDecimals);
      if (answer === null || answer <= 0n)
        throw new AppError(ErrorCode.BadInput, `Not a positive price in USD: ${usd}`);
      await d.setEthUsdPrice(answer);
      return readPriceFeed(d.provider, { pair: 'ETH / USD', address: d.contracts.DevnetPriceFeed });
    },
  };
}
