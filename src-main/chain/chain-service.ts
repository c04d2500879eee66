// The chain and devnet services of the contract: thin adapters from the runtime's bigint world
// to the contract's decimal strings (and back for inputs).
import { getAddress } from 'ethers';
import {
  AppError,
  ErrorCode,
  type chain,
  type ChainAction as WireAction,
  type devnet,
  type DevnetInfo,
} from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { ChainRuntime } from './chain-runtime.ts';
import type { ChainAction } from './client.ts';
import type { RewardAttempt, RewardServiceStatus } from './reward-service.ts';
import { toAppError } from './rpc-errors.ts';

/** A value as it crosses the contract: every bigint becomes a decimal string. */
export type Wire<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** bigint → decimal string, recursively (the contract carries amounts as strings). */
export function toWire<T>(value: T): Wire<T> {
  if (typeof value === 'bigint') return value.toString() as Wire<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => toWire(v)) as Wire<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)])) as Wire<T>;
  }
  return value as Wire<T>;
}

function fromWire(action: WireAction): ChainAction {
  switch (action.kind) {
    case 'approve':
    case 'unbond':
      return { kind: action.kind, amount: BigInt(action.amount) };
    case 'bond':
      return { kind: 'bond', amount: BigInt(action.amount), to: action.to };
    case 'transfer':
      return { kind: 'transfer', amount: BigInt(action.amount), to: action.to };
    case 'rebond':
    case 'withdrawStake':
      return { kind: action.kind, lockId: BigInt(action.lockId) };
    case 'rebondFromUnbonded':
      return { kind: 'rebondFromUnbonded', to: action.to, lockId: BigInt(action.lockId) };
    case 'withdrawFees':
      return {
        kind: 'withdrawFees',
        amount: BigInt(action.amount),
        ...(action.recipient ? { recipient: action.recipient } : {}),
      };
    case 'transcoder':
      return { kind: 'transcoder', rewardCut: BigInt(action.rewardCut), feeShare: BigInt(action.feeShare) };
    case 'setServiceUri':
      return { kind: 'setServiceUri', uri: action.uri };
    case 'fundDepositAndReserve':
      return { kind: 'fundDepositAndReserve', deposit: BigInt(action.deposit), reserve: BigInt(action.reserve) };
    case 'redeemTicket':
      return {
        kind: 'redeemTicket',
        ticket: {
          ...action.ticket,
          faceValue: BigInt(action.ticket.faceValue),
          winProb: BigInt(action.ticket.winProb),
          senderNonce: BigInt(action.ticket.senderNonce),
        },
        sig: action.sig,
        recipientRand: BigInt(action.recipientRand),
      };
    default:
      return { kind: action.kind };
  }
}

export function rewardStatusWire(orchestrator: string | null, status: RewardServiceStatus, attempts: RewardAttempt[]) {
  return toWire({ orchestrator, ...status, attempts });
}

export function createChainService(runtime: ChainRuntime): ServiceImpl<typeof chain> {
  return {
    async status() {
      const network = await runtime.connection().catch((err: unknown) => {
        throw toAppError(err, 'Connecting to the chain');
      });
      try {
        const [contracts, protocol] = await Promise.all([network.client.addresses(), network.client.protocol()]);
        return {
          network: network.network,
          connected: true,
          rpcUrl: network.rpcUrl,
          controller: network.controller,
          contracts,
          protocol: toWire(protocol),
          error: null,
        };
      } catch (err) {
        const e = toAppError(err, 'Reading the chain');
        return {
          network: network.network,
          connected: false,
          rpcUrl: network.rpcUrl,
          controller: network.controller,
          contracts: null,
          protocol: null,
          error: e.message,
        };
      }
    },
    account: async ({ address }) => toWire(await (await runtime.connection()).client.account(address)),
    pool: async () => toWire(await (await runtime.connection()).client.transcoderPool()),
    prepare: async ({ from, action }) =>
      toWire(await (await runtime.connection()).client.prepare(from, fromWire(action))),
    confirm: async ({ previewId }) => toWire(await (await runtime.connection()).client.confirm(previewId)),
    async discard({ previewId }) {
      (await runtime.connection()).client.discard(previewId);
      return { ok: true as const };
    },
    async setRewardService({ orchestrator, enabled, maxGasPriceWei }) {
      await runtime.setRewardService(
        orchestrator,
        enabled,
        maxGasPriceWei === undefined ? undefined : BigInt(maxGasPriceWei),
      );
      const r = runtime.rewardService();
      return rewardStatusWire(
        r?.orchestrator ?? null,
        r?.service.status() ?? { state: 'stopped', message: 'Not running', lastRewardRound: null, lastCheckedAt: null },
        r?.service.attempts(20) ?? [],
      );
    },
    rewardStatus() {
      const r = runtime.rewardService();
      return rewardStatusWire(
        r?.orchestrator ?? null,
        r?.service.status() ?? { state: 'stopped', message: 'Not running', lastRewardRound: null, lastCheckedAt: null },
        r?.service.attempts(20) ?? [],
      );
    },
    async delegators({ orchestrator }) {
      const ix = await runtime.indexer(orchestrator);
      await ix.sync().catch(() => undefined); // serve what is indexed even while the RPC is down
      return toWire(ix.delegators());
    },
    async earnings({ orchestrator }) {
      const ix = await runtime.indexer(orchestrator);
      await ix.sync().catch(() => undefined);
      return toWire(ix.earningsByRound());
    },
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
      await running().fund(getAddress(address), { eth: BigInt(eth), lpt: BigInt(lpt) });
      return { ok: true as const };
    },
    advanceRound: async () => ({ round: (await running().advanceRound()).toString() }),
  };
}
