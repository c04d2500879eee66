// The orchestrator node as the dashboard sees it: live stats, sessions, winning tickets and their
// redemptions (the earnings ledger), the service configuration, and demo traffic on the devnet.
// Amounts are decimal strings of wei; times are epoch milliseconds.
import { z } from 'zod';
import { method } from '../define.ts';
import { ChainAddress, ChainWei } from './chain.ts';

export const OrchestratorStats = z.object({
  /** Whether the service port accepts new sessions now. */
  accepting: z.boolean(),
  /** The public service URI gateways use, or null while the node is not running. */
  serviceUri: z.string().nullable(),
  activeSessions: z.number().int().nonnegative(),
  /** The session cap in force (the one figure every page shows). */
  maxSessions: z.number().int().nonnegative(),
  /** What sets that cap, in words: the configured limit, the GPUs' benchmark, or the remote transcoders. */
  maxSessionsReason: z.string(),
  /** Segments transcoded during the last 60 s (falls to 0 a minute after the last segment). */
  segmentsPerMinute: z.number().nonnegative(),
  segmentsTotal: z.number().int().nonnegative(),
  segmentsFailed: z.number().int().nonnegative(),
  /** Time from receiving a segment to answering it, milliseconds, over the last 200 segments; null with none. */
  latencyP50Ms: z.number().nonnegative().nullable(),
  latencyP95Ms: z.number().nonnegative().nullable(),
  ticketsReceived: z.number().int().nonnegative(),
  ticketsWon: z.number().int().nonnegative(),
  /** Expected value of the tickets received since start. */
  ticketValueReceived: ChainWei,
  /** Face value of winning tickets not yet redeemed (pending or being submitted). */
  pendingRedemption: ChainWei,
  /** Face value redeemed on chain (all time, from the ledger). */
  redeemed: ChainWei,
  /** Gas spent on redemptions (all time). */
  redemptionGas: ChainWei,
  /** Epoch ms of the last redeemed ticket, or null. */
  lastEarningAt: z.number().int().nonnegative().nullable(),
});
export type OrchestratorStats = z.infer<typeof OrchestratorStats>;

export const OrchestratorSession = z.object({
  id: z.string(),
  /** The paying gateway (ticket sender), when it has paid. */
  sender: ChainAddress.nullable(),
  startedAt: z.number().int().nonnegative(),
  lastSegmentAt: z.number().int().nonnegative().nullable(),
  segments: z.number().int().nonnegative(),
  /** The profiles of the last segment, e.g. ["P240p30fps16x9"]. */
  profiles: z.array(z.string()),
});
export type OrchestratorSession = z.infer<typeof OrchestratorSession>;

export const WinningTicketState = z.enum(['pending', 'submitted', 'redeemed', 'failed', 'skipped']);
export type WinningTicketState = z.infer<typeof WinningTicketState>;

export const WinningTicketEntry = z.object({
  hash: z.string(),
  sender: ChainAddress,
  faceValue: ChainWei,
  /** Win probability as a fraction of 2^256 − 1, decimal. */
  winProb: z.string(),
  creationRound: z.string(),
  receivedAt: z.number().int().nonnegative(),
  /** pending = waiting for its parameters to expire; submitted = tx sent; then redeemed, failed or skipped. */
  state: WinningTicketState,
  txHash: z.string().nullable(),
  /** Gas paid for the redemption transaction, wei (null until it is mined). */
  gasCost: ChainWei.nullable(),
  /** What the redemption paid (the sender may cover less than the face value); null until known. */
  paid: ChainWei.nullable(),
  /** Why it failed or was skipped, in words. */
  error: z.string().nullable(),
  updatedAt: z.number().int().nonnegative(),
});
export type WinningTicketEntry = z.infer<typeof WinningTicketEntry>;

/** Most gateways one node prices individually. */
export const MAX_BROADCASTER_PRICES = 100;

/** A gateway's own price (livepeer_cli "Set price for broadcaster", go-livepeer -pricePerBroadcaster). */
export const BroadcasterPrice = z.object({
  /** The gateway's ticket sender address. */
  address: ChainAddress,
  /** wei per pixelsPerUnit pixels; '0' = free for this gateway (go-livepeer -freeStream). */
  pricePerUnit: ChainWei,
  pixelsPerUnit: z.string().regex(/^[1-9]\d{0,30}$/, 'Pixels per unit: a whole number from 1'),
});
export type BroadcasterPrice = z.infer<typeof BroadcasterPrice>;

export const BroadcasterPrices = z
  .array(BroadcasterPrice)
  .max(MAX_BROADCASTER_PRICES, `At most ${MAX_BROADCASTER_PRICES} gateways can have their own price`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((b, i) => {
      const key = b.address.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [i, 'address'], message: `${b.address} is listed twice` });
      seen.add(key);
    });
  });

export const OrchestratorConfig = z.object({
  /** The service port gateways connect to (go-livepeer's 8935). */
  servicePort: z.number().int().min(1).max(65535),
  /** The address the service port binds (0.0.0.0 = every interface). */
  bindHost: z.string().trim().min(1).max(255),
  /** The public URI advertised on chain and to gateways; empty = https://<bindHost>:<port>. */
  serviceUri: z.string().trim().max(2048),
  /** Price: pricePerUnit wei per pixelsPerUnit pixels. */
  pricePerUnit: ChainWei,
  pixelsPerUnit: z.string().regex(/^[1-9]\d{0,30}$/),
  maxSessions: z.number().int().min(1).max(1000),
  /** The largest ticket face value this node asks gateways for, wei; '0' = no cap (livepeer_cli "Set max ticket face value"). */
  maxTicketFaceValue: ChainWei,
  /** Gateways charged their own price instead of pricePerUnit/pixelsPerUnit (addresses compared case-insensitively). */
  broadcasterPrices: BroadcasterPrices,
});
export type OrchestratorConfig = z.infer<typeof OrchestratorConfig>;

export const DemoTrafficStatus = z.object({
  /** Demo traffic exists only on the devnet. */
  available: z.boolean(),
  running: z.boolean(),
  segmentsSent: z.number().int().nonnegative(),
  segmentsFailed: z.number().int().nonnegative(),
  /** Round trip of the last segments (send → verified renditions), ms. */
  latencyP50Ms: z.number().nonnegative().nullable(),
  lastError: z.string().nullable(),
});
export type DemoTrafficStatus = z.infer<typeof DemoTrafficStatus>;

export const orchestrator = {
  stats: method({
    summary:
      'Live figures of the orchestrator node; the orchestrator.stats event streams them (at most once a second).',
    input: z.object({}).strict(),
    output: OrchestratorStats,
  }),
  sessions: method({
    summary: 'The transcoding sessions open now.',
    input: z.object({}).strict(),
    output: z.array(OrchestratorSession),
  }),
  tickets: method({
    summary: 'Winning tickets and their redemptions, newest first (the earnings ledger).',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(WinningTicketEntry),
  }),
  config: method({
    summary: 'The service port, bind address, public URI, price and session limit.',
    input: z.object({}).strict(),
    output: OrchestratorConfig,
  }),
  updateConfig: method({
    summary: 'Change the service configuration; a running node restarts its listener when the port or address changes.',
    input: OrchestratorConfig.partial().strict(),
    output: OrchestratorConfig,
  }),
  demoStatus: method({
    summary: 'Demo traffic (a built-in gateway streaming test video with real tickets) on the devnet.',
    input: z.object({}).strict(),
    output: DemoTrafficStatus,
  }),
  setDemo: method({
    summary: 'Turn demo traffic on or off (devnet only: CONFLICT elsewhere).',
    input: z.object({ enabled: z.boolean() }).strict(),
    output: DemoTrafficStatus,
  }),
};
