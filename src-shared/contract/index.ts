// The one contract between the UI and the main process. Add a service here and both transports,
// the preload and the renderer's typed client pick it up.
import { wireOf } from './codecs.ts';
import type { ContractSpec, EventsSpec } from './define.ts';
import { app } from './services/app.ts';
import {
  chain,
  ChainIndexProgress,
  ChainHead,
  ChainNewRound,
  ChainRewardStatus,
  ChainRpcState,
  ChainTxProgress,
  devnet,
  DevnetProgress,
} from './services/chain.ts';
import { desktop } from './services/desktop.ts';
import { logs, LogEntry } from './services/logs.ts';
import { node, NodeStatus } from './services/node.ts';
import { settings, Settings } from './services/settings.ts';
import { wallet, WalletStatus } from './services/wallet.ts';
import { media, BenchmarkState, DeviceCapacity } from './services/media.ts';
import { gpu, TelemetrySample } from './services/gpu.ts';
import { orchestrator, OrchestratorStats, WinningTicketEntry, DemoTrafficStatus } from './services/orchestrator.ts';
import { governance, GovernanceProposalOpened } from './services/governance.ts';
import { reachability, ReachabilityMapping } from './services/reachability.ts';
import { transcoders, TranscodersStatus } from './services/transcoders.ts';
import { z } from 'zod';

export const contract = {
  app,
  settings,
  node,
  logs,
  desktop,
  wallet,
  chain,
  devnet,
  media,
  gpu,
  orchestrator,
  governance,
  reachability,
  transcoders,
} satisfies ContractSpec;
export type Contract = typeof contract;
export type ServiceName = keyof Contract;
export type MethodName<S extends ServiceName> = keyof Contract[S] & string;

/**
 * Pushed from main to every subscribed UI; payloads are parsed with these schemas before they leave.
 * Listeners keep the wire form, so a chain value's event is the wire side of its schema (`wireOf`):
 * the emitter encodes its domain value with that schema (`ChainTxProgress.encode(progress)`).
 */
export const events = {
  'node.status': NodeStatus,
  'settings.changed': Settings,
  'log.entry': LogEntry,
  'wallet.status': WalletStatus,
  'chain.tx': wireOf(ChainTxProgress),
  'chain.round': wireOf(ChainNewRound),
  /** Each head read (every few seconds): status and the selected account without asking. */
  'chain.head': wireOf(ChainHead),
  'chain.reward': wireOf(ChainRewardStatus),
  /** The event index's backfill and sync progress, per orchestrator (at most once a second while backfilling). */
  'chain.index': ChainIndexProgress,
  /** The chain RPC's state changed (rate-limited, on the backup RPC, down, ok again). */
  'chain.rpc': ChainRpcState,
  'devnet.progress': DevnetProgress,
  'media.benchmark': BenchmarkState,
  'media.capacity': z.array(DeviceCapacity),
  'gpu.telemetry': TelemetrySample,
  /** Throttled: at most once a second while something changes. */
  'orchestrator.stats': OrchestratorStats,
  /** A winning ticket arrived or changed state (submitted, redeemed, failed, skipped). */
  'orchestrator.ticket': WinningTicketEntry,
  'orchestrator.demo': DemoTrafficStatus,
  'governance.proposal': GovernanceProposalOpened,
  'reachability.mapping': ReachabilityMapping,
  'transcoders.status': TranscodersStatus,
} satisfies EventsSpec;
export type Events = typeof events;
export type EventName = keyof Events & string;

export * from './client.ts';
export * from './codecs.ts';
export * from './define.ts';
export * from './errors.ts';
export * from './wire.ts';
export * from './services/app.ts';
export * from './services/chain.ts';
export * from './services/desktop.ts';
export * from './services/logs.ts';
export * from './services/node.ts';
export * from './services/settings.ts';
export * from './services/wallet.ts';
export * from './services/media.ts';
export * from './services/gpu.ts';
export * from './services/orchestrator.ts';
export * from './services/governance.ts';
export * from './services/reachability.ts';
export * from './services/transcoders.ts';
