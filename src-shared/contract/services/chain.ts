// The chain: protocol and account state, transactions as preview → confirm, the reward service,
// the delegator/earnings index, and the embedded devnet. On the wire amounts, rounds and ids are
// decimal strings; the schemas decode them to bigint for the main process (codecs.ts). Exported
// types are the wire form (what the renderer sees); main derives its own with z.output.
import { z } from 'zod';
import { bigintString } from '../codecs.ts';
import { method } from '../define.ts';

/** An amount in wei as the wire carries it (a string). */
export const ChainWei = z.string().regex(/^\d{1,78}$/, 'An amount in wei (a whole decimal number)');
export const ChainAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'An Ethereum address (0x + 40 hex digits)');
const Hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
/** Wei: a string on the wire, a bigint in main. */
export const Wei = bigintString(ChainWei);
/** A round, block number, id or count: a string on the wire, a bigint in main. */
export const Uint = bigintString(z.string().regex(/^\d+$/, 'A whole decimal number'));
const Ppm = bigintString(z.string().regex(/^\d{1,7}$/, 'Parts per million (0 to 1000000)'));
/** In on-chain order: BondingManager's DelegatorStatus numbering. */
export const DelegatorStatus = z.enum(['Pending', 'Bonded', 'Unbonded']);

export const ChainContracts = z.object({
  Controller: ChainAddress,
  LivepeerToken: ChainAddress,
  BondingManager: ChainAddress,
  RoundsManager: ChainAddress,
  TicketBroker: ChainAddress,
  ServiceRegistry: ChainAddress,
  Minter: ChainAddress,
});

export const ChainProtocolState = z.object({
  chainId: Uint,
  blockNumber: Uint,
  l1BlockNumber: Uint,
  paused: z.boolean(),
  round: Uint,
  roundLength: Uint,
  roundStartBlock: Uint,
  roundInitialized: z.boolean(),
  roundLocked: z.boolean(),
  lastInitializedRound: Uint,
  totalActiveStake: Wei,
  nextRoundTotalActiveStake: Wei,
  activeSetSize: Uint,
  activeSetMaxSize: Uint,
  unbondingPeriod: Uint,
  inflation: Uint,
  mintableTokens: Wei,
  mintedTokens: Wei,
  totalSupply: Wei,
  /** The supply the Minter inflates (this chain's + L1 circulating), and the next round projected from it. */
  supply: z.object({
    globalSupply: Wei,
    l1CirculatingSupply: Wei,
    /** Over 1e9. */
    nextBondingRate: Uint,
    targetBondingRate: Uint,
    nextInflation: Uint,
    nextMintableTokens: Wei,
  }),
});
export type ChainProtocolState = z.input<typeof ChainProtocolState>;

export const ChainStatus = z.object({
  network: z.enum(['devnet', 'arbitrum-one']),
  connected: z.boolean(),
  /** The RPC endpoint redacted to scheme and host (its path or query often carries an API key). */
  rpcUrl: z.string().nullable(),
  controller: ChainAddress,
  contracts: ChainContracts.nullable(),
  protocol: ChainProtocolState.nullable(),
  /** Why the chain is not reachable, in words. */
  error: z.string().nullable(),
  /** Seconds per block as rounds count them, as the app knows it: Arbitrum One's L1, the devnet's pace. */
  secondsPerBlock: z.number().positive().optional(),
});
export type ChainStatus = z.input<typeof ChainStatus>;

export const ChainAccountState = z.object({
  address: ChainAddress,
  ethBalance: Wei,
  lptBalance: Wei,
  bondingAllowance: Wei,
  delegator: z.object({
    status: DelegatorStatus,
    bondedAmount: Wei,
    fees: Wei,
    delegate: ChainAddress,
    delegatedAmount: Wei,
    startRound: Uint,
    lastClaimRound: Uint,
    pendingStake: Wei,
    pendingFees: Wei,
  }),
  unbondingLocks: z.array(z.object({ id: Uint, amount: Wei, withdrawRound: Uint, withdrawable: z.boolean() })),
  transcoder: z.object({
    registered: z.boolean(),
    active: z.boolean(),
    serviceUri: z.string(),
    rewardCut: Uint,
    feeShare: Uint,
    lastRewardRound: Uint,
    activationRound: Uint,
    deactivationRound: Uint,
    totalStake: Wei,
  }),
  ticketFunds: z.object({ deposit: Wei, reserve: Wei, withdrawRound: Uint }),
});
export type ChainAccountState = z.input<typeof ChainAccountState>;

export const ChainTicket = z.object({
  recipient: ChainAddress,
  sender: ChainAddress,
  faceValue: Wei,
  winProb: Wei,
  senderNonce: Uint,
  recipientRandHash: Hex,
  auxData: Hex,
});

/** Every state-changing action the app can prepare. */
export const ChainAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approve'), amount: Wei }).strict(),
  z.object({ kind: z.literal('transfer'), amount: Wei, to: ChainAddress }).strict(),
  z.object({ kind: z.literal('bond'), amount: Wei, to: ChainAddress }).strict(),
  z.object({ kind: z.literal('unbond'), amount: Wei }).strict(),
  z.object({ kind: z.literal('rebond'), lockId: Uint }).strict(),
  z.object({ kind: z.literal('rebondFromUnbonded'), to: ChainAddress, lockId: Uint }).strict(),
  z.object({ kind: z.literal('withdrawStake'), lockId: Uint }).strict(),
  z.object({ kind: z.literal('withdrawFees'), amount: Wei, recipient: ChainAddress.optional() }).strict(),
  z.object({ kind: z.literal('claimEarnings') }).strict(),
  z.object({ kind: z.literal('transcoder'), rewardCut: Ppm, feeShare: Ppm }).strict(),
  z.object({ kind: z.literal('setServiceUri'), uri: z.string().max(2048) }).strict(),
  z.object({ kind: z.literal('reward') }).strict(),
  z.object({ kind: z.literal('initializeRound') }).strict(),
  z.object({ kind: z.literal('fundDepositAndReserve'), deposit: Wei, reserve: Wei }).strict(),
  z.object({ kind: z.literal('unlock') }).strict(),
  z.object({ kind: z.literal('cancelUnlock') }).strict(),
  z.object({ kind: z.literal('withdrawTicketFunds') }).strict(),
  z.object({ kind: z.literal('redeemTicket'), ticket: ChainTicket, sig: Hex, recipientRand: Wei }).strict(),
]);
export type ChainAction = z.input<typeof ChainAction>;

export const ChainTxPreview = z.object({
  id: z.string(),
  kind: z.string(),
  from: ChainAddress,
  chainId: Uint,
  summary: z.string(),
  changes: z.array(z.string()),
  contract: z.string(),
  to: ChainAddress,
  method: z.string(),
  args: z.array(z.string()),
  value: Wei,
  data: Hex,
  simulatedResult: z.string().nullable(),
  gasLimit: Uint,
  maxFeePerGas: Wei,
  maxPriorityFeePerGas: Wei,
  maxCostWei: Wei,
  /** A ticket redemption: what it pays (less than the face value when the sender is short). */
  payableWei: Wei.optional(),
  expiresAt: z.number().int(),
});
export type ChainTxPreview = z.input<typeof ChainTxPreview>;

export const ChainTxOutcome = z.object({
  previewId: z.string(),
  hash: Hex,
  blockNumber: Uint,
  gasUsed: Uint,
  effectiveGasPrice: Wei,
  costWei: Wei,
});
export type ChainTxOutcome = z.input<typeof ChainTxOutcome>;

export const ChainTxProgress = z.object({
  previewId: z.string(),
  kind: z.string(),
  state: z.enum(['signing', 'submitted', 'confirmed', 'failed']),
  hash: Hex.nullable(),
  blockNumber: Uint.nullable(),
  gasUsed: Uint.nullable(),
  costWei: Wei.nullable(),
  /** The decoded revert reason or why sending failed. */
  reason: z.string().nullable(),
  at: z.number().int(),
});
export type ChainTxProgress = z.input<typeof ChainTxProgress>;

export const ChainRewardAttempt = z.object({
  id: z.number().int(),
  round: Uint,
  action: z.enum(['reward', 'initializeRound']),
  state: z.enum(['confirmed', 'failed', 'skipped']),
  txHash: Hex.nullable(),
  gasUsed: Uint.nullable(),
  costWei: Wei.nullable(),
  detail: z.string(),
  at: z.number().int(),
});
export type ChainRewardAttempt = z.input<typeof ChainRewardAttempt>;

export const ChainRewardStatus = z.object({
  orchestrator: ChainAddress.nullable(),
  state: z.enum(['stopped', 'idle', 'waiting', 'calling', 'paused']),
  message: z.string(),
  lastRewardRound: Uint.nullable(),
  lastCheckedAt: z.number().int().nullable(),
  /** The last round that ended without a reward call while the service watched it, and why (RPC down, gas above the ceiling, not active, locked). */
  missed: z.object({ round: Uint, reason: z.string(), at: z.number().int() }).nullable(),
  attempts: z.array(ChainRewardAttempt),
});
export type ChainRewardStatus = z.input<typeof ChainRewardStatus>;

export const ChainDelegator = z.object({
  address: ChainAddress,
  bondedAmount: Wei,
  lastChangeBlock: z.number().int(),
});
export const ChainRoundEarnings = z.object({
  round: z.number().int(),
  rewards: Wei,
  fees: Wei,
  tickets: z.number().int(),
  gasCostWei: Wei,
});
/** The event index of one orchestrator: how much of its history is read (figures from it are partial until complete). */
export const ChainIndexProgress = z.object({
  orchestrator: ChainAddress,
  state: z.enum(['stopped', 'syncing', 'idle', 'paused']),
  message: z.string(),
  /** The first block of its history (the protocol's first block on Arbitrum One). */
  startBlock: z.number().int(),
  /** The last block fully read, null before the first. */
  indexedBlock: z.number().int().nullable(),
  /** The chain head the index is reading towards, null before the first step. */
  headBlock: z.number().int().nullable(),
  /** 0–100: blocks read of those from startBlock to headBlock. */
  percent: z.number().min(0).max(100),
  /** History is read up to the head: figures from the index are whole. */
  complete: z.boolean(),
});
export type ChainIndexProgress = z.infer<typeof ChainIndexProgress>;
export const ChainPoolMember = z.object({ address: ChainAddress, stake: Wei });

/** One Chainlink-style price feed's latest answer (AggregatorV3Interface). */
export const ChainPriceFeed = z.object({
  pair: z.string(),
  address: ChainAddress,
  /** int256 as a decimal string, scaled by 10^decimals. */
  answer: z.string().regex(/^-?\d{1,78}$/),
  decimals: z.number().int().min(0).max(255),
  /** Unix seconds of the answer's last update. */
  updatedAt: z.number().int(),
});
export type ChainPriceFeed = z.input<typeof ChainPriceFeed>;
export const PriceFeedKey = z.enum(['ethUsd', 'eurUsd', 'lptUsd']);
export const ChainPrices = z.object({
  network: z.enum(['devnet', 'arbitrum-one']),
  ethUsd: ChainPriceFeed.nullable(),
  eurUsd: ChainPriceFeed.nullable(),
  lptUsd: ChainPriceFeed.nullable(),
  /** Feeds without an answer and why (none on this chain, or the read failed). */
  missing: z.array(z.object({ key: PriceFeedKey, reason: z.string() })),
  readAt: z.number().int(),
});
export type ChainPrices = z.input<typeof ChainPrices>;
/** The shared head as the main process read it: the protocol state and the watched accounts (one request). */
export const ChainHead = z.object({ protocol: ChainProtocolState, accounts: z.array(ChainAccountState) });
export type ChainHead = z.input<typeof ChainHead>;

export const ChainNewRound = z.object({ round: Uint, initialized: z.boolean(), blockNumber: Uint });
export type ChainNewRound = z.input<typeof ChainNewRound>;

const Empty = z.object({}).strict();

/**
 * How the app's chain RPC is doing, pushed as `chain.rpc` whenever it changes: `ok`; `rate-limited`
 * (requests wait and are retried at `retryAt`); `fallback` (the backup RPC URL serves while the
 * primary is limited or down, tried again at `retryAt`); `down` (nothing answers; requests fail).
 */
export const ChainRpcState = z.object({
  state: z.enum(['ok', 'rate-limited', 'fallback', 'down']),
  /** When the app next tries the limited or failing primary (ms since the epoch), if it waits. */
  retryAt: z.number().nullable(),
  /** What the provider said (never a URL), null when ok. */
  reason: z.string().nullable(),
  hasFallback: z.boolean(),
  /** Since when this state holds (ms since the epoch). */
  since: z.number(),
});
export type ChainRpcState = z.infer<typeof ChainRpcState>;

export const chain = {
  status: method({
    summary: 'Which chain, its contracts and the protocol state now (round, lock, active stake, inflation).',
    input: Empty,
    output: ChainStatus,
  }),
  account: method({
    summary: "An account's balances, delegation, pending stake and fees, unbonding locks and orchestrator state.",
    input: z.object({ address: ChainAddress }).strict(),
    output: ChainAccountState,
  }),
  pool: method({
    summary: 'The transcoder pool (the next active set), largest stake first.',
    input: Empty,
    output: z.array(ChainPoolMember),
  }),
  prepare: method({
    summary:
      'Simulate an action and return its preview (words, call, simulated result, gas and cost). Nothing is sent.',
    input: z.object({ from: ChainAddress, action: ChainAction }).strict(),
    output: ChainTxPreview,
  }),
  confirm: method({
    summary: 'Sign the previewed transaction with the wallet and send it; progress arrives as chain.tx events.',
    input: z.object({ previewId: z.string() }).strict(),
    output: ChainTxOutcome,
  }),
  discard: method({
    summary: 'Forget a preview without sending it.',
    input: z.object({ previewId: z.string() }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  setRewardService: method({
    summary: 'Turn automatic reward calling on or off for an orchestrator account, with an optional gas-price ceiling.',
    input: z.object({ orchestrator: ChainAddress, enabled: z.boolean(), maxGasPriceWei: Wei.optional() }).strict(),
    output: ChainRewardStatus,
  }),
  rpcState: method({
    summary:
      "The chain RPC's state now (ok, rate-limited, on the backup RPC, down); changes arrive as chain.rpc events.",
    input: Empty,
    output: ChainRpcState,
  }),
  rewardStatus: method({
    summary: 'What the reward service is doing and its recent attempts with their cost.',
    input: Empty,
    output: ChainRewardStatus,
  }),
  delegators: method({
    summary: "The orchestrator's delegators from the event index (what is indexed so far: see indexProgress).",
    input: z.object({ orchestrator: ChainAddress }).strict(),
    output: z.array(ChainDelegator),
  }),
  earnings: method({
    summary: "The orchestrator's rewards, fees and reward gas per round from the event index.",
    input: z.object({ orchestrator: ChainAddress }).strict(),
    output: z.array(ChainRoundEarnings),
  }),
  indexProgress: method({
    summary:
      "How much of the orchestrator's event history is indexed (starts its indexing); updates arrive as chain.index events.",
    input: z.object({ orchestrator: ChainAddress }).strict(),
    output: ChainIndexProgress,
  }),
  prices: method({
    summary:
      'Chainlink prices (ETH/USD, EUR/USD; LPT/USD where a feed exists) read through the chain RPC; each answer is cached for 5 minutes unless refresh.',
    input: z.object({ refresh: z.boolean().default(false) }).strict(),
    output: ChainPrices,
  }),
};

export const DevnetInfo = z.object({
  running: z.boolean(),
  rpcUrl: z.string().nullable(),
  chainId: z.number().int().nullable(),
  controller: ChainAddress.nullable(),
  contracts: z.record(z.string(), ChainAddress),
  restored: z.boolean(),
  startMs: z.number().nullable(),
});
export type DevnetInfo = z.infer<typeof DevnetInfo>;

export const DevnetProgress = z.object({
  step: z.enum(['spawn', 'load-state', 'deploy', 'initialize', 'seed', 'ready']),
  message: z.string(),
  elapsedMs: z.number(),
});

export const devnet = {
  start: method({
    summary: 'Start the embedded devnet (if not running); progress arrives as devnet.progress events.',
    input: Empty,
    output: DevnetInfo,
  }),
  info: method({ summary: 'Whether the devnet runs, and where.', input: Empty, output: DevnetInfo }),
  fund: method({
    summary: 'Faucet: send devnet ETH and LPT to an address.',
    input: z.object({ address: ChainAddress, eth: Wei.default(0n), lpt: Wei.default(0n) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  advanceRound: method({
    summary: 'Mine to the next round and initialize it.',
    input: Empty,
    output: z.object({ round: Uint }),
  }),
  setEthUsdPrice: method({
    summary: "Set the devnet ETH/USD price feed's answer (a new feed round); returns the feed as now read.",
    input: z
      .object({ usd: z.string().regex(/^\d{1,9}(\.\d{1,8})?$/, 'A price in USD like 3456.78 (up to 8 decimals)') })
      .strict(),
    output: ChainPriceFeed,
  }),
};
