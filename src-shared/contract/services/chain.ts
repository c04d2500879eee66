// The chain: protocol and account state, transactions as preview → confirm, the reward service,
// the delegator/earnings index, and the embedded devnet. Amounts are decimal strings of wei.
import { z } from 'zod';
import { method } from '../define.ts';

export const ChainWei = z.string().regex(/^\d{1,78}$/, 'An amount in wei (a whole decimal number)');
export const ChainAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'An Ethereum address (0x + 40 hex digits)');
const Hex = z.string().regex(/^0x[0-9a-fA-F]*$/);
const Round = z.string().regex(/^\d+$/);
const Ppm = z.string().regex(/^\d{1,7}$/, 'Parts per million (0 to 1000000)');

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
  chainId: z.string(),
  blockNumber: z.string(),
  l1BlockNumber: z.string(),
  paused: z.boolean(),
  round: Round,
  roundLength: z.string(),
  roundStartBlock: z.string(),
  roundInitialized: z.boolean(),
  roundLocked: z.boolean(),
  lastInitializedRound: Round,
  totalActiveStake: ChainWei,
  nextRoundTotalActiveStake: ChainWei,
  activeSetSize: z.string(),
  activeSetMaxSize: z.string(),
  unbondingPeriod: z.string(),
  inflation: z.string(),
  mintableTokens: ChainWei,
  mintedTokens: ChainWei,
  /** The token's supply on this chain (Arbitrum: without L1's). */
  totalSupply: ChainWei,
  /** The supply the Minter inflates (this chain's + L1 circulating), and the next round projected from it. */
  supply: z.object({
    globalSupply: ChainWei,
    l1CirculatingSupply: ChainWei,
    /** Over 1e9. */
    nextBondingRate: z.string(),
    targetBondingRate: z.string(),
    nextInflation: z.string(),
    nextMintableTokens: ChainWei,
  }),
});
export type ChainProtocolState = z.infer<typeof ChainProtocolState>;

export const ChainStatus = z.object({
  network: z.enum(['devnet', 'arbitrum-one']),
  connected: z.boolean(),
  rpcUrl: z.string().nullable(),
  controller: ChainAddress,
  contracts: ChainContracts.nullable(),
  protocol: ChainProtocolState.nullable(),
  /** Why the chain is not reachable, in words. */
  error: z.string().nullable(),
});
export type ChainStatus = z.infer<typeof ChainStatus>;

export const ChainAccountState = z.object({
  address: ChainAddress,
  ethBalance: ChainWei,
  lptBalance: ChainWei,
  bondingAllowance: ChainWei,
  delegator: z.object({
    status: z.enum(['Pending', 'Bonded', 'Unbonded']),
    bondedAmount: ChainWei,
    fees: ChainWei,
    delegate: ChainAddress,
    delegatedAmount: ChainWei,
    startRound: Round,
    lastClaimRound: Round,
    pendingStake: ChainWei,
    pendingFees: ChainWei,
  }),
  unbondingLocks: z.array(
    z.object({ id: z.string(), amount: ChainWei, withdrawRound: Round, withdrawable: z.boolean() }),
  ),
  transcoder: z.object({
    registered: z.boolean(),
    active: z.boolean(),
    serviceUri: z.string(),
    rewardCut: z.string(),
    feeShare: z.string(),
    lastRewardRound: Round,
    activationRound: Round,
    deactivationRound: z.string(),
    totalStake: ChainWei,
  }),
  ticketFunds: z.object({ deposit: ChainWei, reserve: ChainWei, withdrawRound: Round }),
});
export type ChainAccountState = z.infer<typeof ChainAccountState>;

const TicketInput = z.object({
  recipient: ChainAddress,
  sender: ChainAddress,
  faceValue: ChainWei,
  winProb: ChainWei,
  senderNonce: z.string().regex(/^\d+$/),
  recipientRandHash: Hex,
  auxData: Hex,
});

/** Every state-changing action the app can prepare. */
export const ChainAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approve'), amount: ChainWei }).strict(),
  z.object({ kind: z.literal('transfer'), amount: ChainWei, to: ChainAddress }).strict(),
  z.object({ kind: z.literal('bond'), amount: ChainWei, to: ChainAddress }).strict(),
  z.object({ kind: z.literal('unbond'), amount: ChainWei }).strict(),
  z.object({ kind: z.literal('rebond'), lockId: z.string().regex(/^\d+$/) }).strict(),
  z.object({ kind: z.literal('rebondFromUnbonded'), to: ChainAddress, lockId: z.string().regex(/^\d+$/) }).strict(),
  z.object({ kind: z.literal('withdrawStake'), lockId: z.string().regex(/^\d+$/) }).strict(),
  z.object({ kind: z.literal('withdrawFees'), amount: ChainWei, recipient: ChainAddress.optional() }).strict(),
  z.object({ kind: z.literal('claimEarnings') }).strict(),
  z.object({ kind: z.literal('transcoder'), rewardCut: Ppm, feeShare: Ppm }).strict(),
  z.object({ kind: z.literal('setServiceUri'), uri: z.string().max(2048) }).strict(),
  z.object({ kind: z.literal('reward') }).strict(),
  z.object({ kind: z.literal('initializeRound') }).strict(),
  z.object({ kind: z.literal('fundDepositAndReserve'), deposit: ChainWei, reserve: ChainWei }).strict(),
  z.object({ kind: z.literal('unlock') }).strict(),
  z.object({ kind: z.literal('cancelUnlock') }).strict(),
  z.object({ kind: z.literal('withdrawTicketFunds') }).strict(),
  z.object({ kind: z.literal('redeemTicket'), ticket: TicketInput, sig: Hex, recipientRand: ChainWei }).strict(),
]);
export type ChainAction = z.infer<typeof ChainAction>;

export const ChainTxPreview = z.object({
  id: z.string(),
  kind: z.string(),
  from: ChainAddress,
  chainId: z.string(),
  summary: z.string(),
  changes: z.array(z.string()),
  contract: z.string(),
  to: ChainAddress,
  method: z.string(),
  args: z.array(z.string()),
  value: ChainWei,
  data: Hex,
  simulatedResult: z.string().nullable(),
  gasLimit: z.string(),
  maxFeePerGas: ChainWei,
  maxPriorityFeePerGas: ChainWei,
  maxCostWei: ChainWei,
  /** A ticket redemption: what it pays (less than the face value when the sender is short). */
  payableWei: ChainWei.optional(),
  expiresAt: z.number().int(),
});
export type ChainTxPreview = z.infer<typeof ChainTxPreview>;

export const ChainTxOutcome = z.object({
  previewId: z.string(),
  hash: Hex,
  blockNumber: z.string(),
  gasUsed: z.string(),
  effectiveGasPrice: ChainWei,
  costWei: ChainWei,
});
export type ChainTxOutcome = z.infer<typeof ChainTxOutcome>;

export const ChainTxProgress = z.object({
  previewId: z.string(),
  kind: z.string(),
  state: z.enum(['signing', 'submitted', 'confirmed', 'failed']),
  hash: Hex.nullable(),
  blockNumber: z.string().nullable(),
  gasUsed: z.string().nullable(),
  costWei: ChainWei.nullable(),
  /** The decoded revert reason or why sending failed. */
  reason: z.string().nullable(),
  at: z.number().int(),
});
export type ChainTxProgress = z.infer<typeof ChainTxProgress>;

export const ChainRewardAttempt = z.object({
  id: z.number().int(),
  round: Round,
  action: z.enum(['reward', 'initializeRound']),
  state: z.enum(['confirmed', 'failed', 'skipped']),
  txHash: Hex.nullable(),
  gasUsed: z.string().nullable(),
  costWei: ChainWei.nullable(),
  detail: z.string(),
  at: z.number().int(),
});
export type ChainRewardAttempt = z.infer<typeof ChainRewardAttempt>;

export const ChainRewardStatus = z.object({
  orchestrator: ChainAddress.nullable(),
  state: z.enum(['stopped', 'idle', 'waiting', 'calling', 'paused']),
  message: z.string(),
  lastRewardRound: Round.nullable(),
  lastCheckedAt: z.number().int().nullable(),
  attempts: z.array(ChainRewardAttempt),
});
export type ChainRewardStatus = z.infer<typeof ChainRewardStatus>;

export const ChainDelegator = z.object({
  address: ChainAddress,
  bondedAmount: ChainWei,
  lastChangeBlock: z.number().int(),
});
export const ChainRoundEarnings = z.object({
  round: z.number().int(),
  rewards: ChainWei,
  fees: ChainWei,
  tickets: z.number().int(),
  gasCostWei: ChainWei,
});

export const ChainNewRound = z.object({ round: Round, initialized: z.boolean(), blockNumber: z.string() });
export type ChainNewRound = z.infer<typeof ChainNewRound>;

const Empty = z.object({}).strict();

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
    output: z.array(z.object({ address: ChainAddress, stake: ChainWei })),
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
    input: z.object({ orchestrator: ChainAddress, enabled: z.boolean(), maxGasPriceWei: ChainWei.optional() }).strict(),
    output: ChainRewardStatus,
  }),
  rewardStatus: method({
    summary: 'What the reward service is doing and its recent attempts with their cost.',
    input: Empty,
    output: ChainRewardStatus,
  }),
  delegators: method({
    summary: "The orchestrator's delegators from the event index (synced first).",
    input: z.object({ orchestrator: ChainAddress }).strict(),
    output: z.array(ChainDelegator),
  }),
  earnings: method({
    summary: "The orchestrator's rewards, fees and reward gas per round from the event index.",
    input: z.object({ orchestrator: ChainAddress }).strict(),
    output: z.array(ChainRoundEarnings),
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
  step: z.enum(['spawn', 'load-state', 'deploy', 'initialize', 'ready']),
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
    input: z.object({ address: ChainAddress, eth: ChainWei.default('0'), lpt: ChainWei.default('0') }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  advanceRound: method({
    summary: 'Mine to the next round and initialize it.',
    input: Empty,
    output: z.object({ round: Round }),
  }),
};
