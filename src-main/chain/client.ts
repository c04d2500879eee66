// The chain client: resolves the protocol through the Controller, reads protocol and account
// state, and runs every state-changing action as preview → confirm. It never holds keys: confirm
// asks an AccountSigner (from the wallet, injected by the host) to sign exactly what was previewed.
import { randomUUID } from 'node:crypto';
import {
  Contract,
  formatEther,
  getAddress,
  id,
  Interface,
  isAddress,
  JsonRpcProvider,
  Network,
  ZeroAddress,
  type TransactionLike,
} from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { AccountSigner, ApprovedTransaction } from '../wallet/account-signer.ts';
import {
  DELEGATOR_STATUS,
  GOVERNANCE_CONTRACTS,
  PERC_DIVISOR,
  POLL_ABI,
  PROTOCOL_ABIS,
  type ProtocolContract,
  type TxContract,
} from './abi.ts';
import { planGovernance, type GovernanceAction } from './governance-actions.ts';
import { readSupply, type SupplyFigures } from './global-supply.ts';
import { positionHints, type PoolMember } from './pool-hints.ts';
import { revertReason, rpc, toAppError } from './rpc-errors.ts';
import { payoutChanges, payoutError, readTicketPayout } from './ticket-payout.ts';

/** Chains whose `block.number` in the protocol is an L1 block estimate (Arbitrum One / Sepolia). */
const ARBITRUM_CHAIN_IDS = new Set([42161n, 421614n]);

export type ProtocolAddresses = Record<ProtocolContract, string>;

export interface ProtocolState {
  chainId: bigint;
  blockNumber: bigint;
  /** The block number rounds are counted in (`l1BlockNumber` on Arbitrum). */
  l1BlockNumber: bigint;
  paused: boolean;
  round: bigint;
  roundLength: bigint;
  roundStartBlock: bigint;
  roundInitialized: boolean;
  roundLocked: boolean;
  lastInitializedRound: bigint;
  totalActiveStake: bigint;
  nextRoundTotalActiveStake: bigint;
  activeSetSize: bigint;
  activeSetMaxSize: bigint;
  unbondingPeriod: bigint;
  inflation: bigint;
  mintableTokens: bigint;
  mintedTokens: bigint;
  /** The LPT token's supply on this chain (on Arbitrum One, without the L1 supply). */
  totalSupply: bigint;
  /** The supply inflation is computed on (global: with L1's) and the next round projected from it. */
  supply: SupplyFigures;
}

export interface UnbondingLock {
  id: bigint;
  amount: bigint;
  withdrawRound: bigint;
  withdrawable: boolean;
}

export interface AccountState {
  address: string;
  ethBalance: bigint;
  lptBalance: bigint;
  /** LPT the BondingManager may pull (what `bond` needs). */
  bondingAllowance: bigint;
  delegator: {
    status: (typeof DELEGATOR_STATUS)[number];
    bondedAmount: bigint;
    fees: bigint;
    delegate: string;
    delegatedAmount: bigint;
    startRound: bigint;
    lastClaimRound: bigint;
    pendingStake: bigint;
    pendingFees: bigint;
  };
  unbondingLocks: UnbondingLock[];
  transcoder: {
    registered: boolean;
    active: boolean;
    serviceUri: string;
    rewardCut: bigint;
    feeShare: bigint;
    lastRewardRound: bigint;
    activationRound: bigint;
    deactivationRound: bigint;
    totalStake: bigint;
  };
  ticketFunds: { deposit: bigint; reserve: bigint; withdrawRound: bigint };
}

export interface WinningTicket {
  recipient: string;
  sender: string;
  faceValue: bigint;
  winProb: bigint;
  senderNonce: bigint;
  recipientRandHash: string;
  auxData: string;
}

export type ChainAction =
  | { kind: 'approve'; amount: bigint }
  | { kind: 'transfer'; amount: bigint; to: string }
  | { kind: 'bond'; amount: bigint; to: string }
  | { kind: 'unbond'; amount: bigint }
  | { kind: 'rebond'; lockId: bigint }
  | { kind: 'rebondFromUnbonded'; to: string; lockId: bigint }
  | { kind: 'withdrawStake'; lockId: bigint }
  | { kind: 'withdrawFees'; amount: bigint; recipient?: string }
  | { kind: 'claimEarnings' }
  | { kind: 'transcoder'; rewardCut: bigint; feeShare: bigint }
  | { kind: 'setServiceUri'; uri: string }
  | { kind: 'reward' }
  | { kind: 'initializeRound' }
  | { kind: 'fundDepositAndReserve'; deposit: bigint; reserve: bigint }
  | { kind: 'unlock' }
  | { kind: 'cancelUnlock' }
  | { kind: 'withdrawTicketFunds' }
  | { kind: 'redeemTicket'; ticket: WinningTicket; sig: string; recipientRand: bigint }
  | GovernanceAction;
export type ChainActionKind = ChainAction['kind'];

export interface TxPreview {
  id: string;
  kind: ChainActionKind;
  from: string;
  chainId: bigint;
  /** What happens, in words. */
  summary: string;
  /** Each change the transaction makes, in words. */
  changes: string[];
  contract: TxContract;
  to: string;
  method: string;
  args: string[];
  value: bigint;
  data: string;
  /** The simulated call's decoded result (eth_call), if the method returns anything. */
  simulatedResult: string | null;
  gasLimit: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  /** Upper bound of the fee: gasLimit × maxFeePerGas. */
  maxCostWei: bigint;
  /** A ticket redemption: what it would pay (the face value, or less when the sender is short). */
  payableWei?: bigint;
  expiresAt: number;
}

export type TxState = 'signing' | 'submitted' | 'confirmed' | 'failed';

export interface TxProgress {
  previewId: string;
  kind: ChainActionKind;
  state: TxState;
  hash: string | null;
  blockNumber: bigint | null;
  gasUsed: bigint | null;
  costWei: bigint | null;
  reason: string | null;
  at: number;
}

export interface TxOutcome {
  previewId: string;
  hash: string;
  blockNumber: bigint;
  gasUsed: bigint;
  effectiveGasPrice: bigint;
  costWei: bigint;
}

export interface ChainClientOptions {
  rpcUrl: string;
  controller: string;
  /** The wallet's signer for an address (injected by the host; the client never sees keys). */
  getSigner?: (address: string) => Promise<AccountSigner>;
  log?: Logger;
  /** Known chain id (skips detection; devnet 31337, Arbitrum One 42161). */
  chainId?: number;
  rpcTimeoutMs?: number;
  receiptTimeoutMs?: number;
  previewTtlMs?: number;
}

export interface ChainClient {
  readonly provider: JsonRpcProvider;
  chainId(): Promise<bigint>;
  addresses(): Promise<ProtocolAddresses>;
  blockNumbers(): Promise<{ blockNumber: bigint; l1BlockNumber: bigint }>;
  protocol(): Promise<ProtocolState>;
  account(address: string): Promise<AccountState>;
  transcoderPool(): Promise<PoolMember[]>;
  prepare(from: string, action: ChainAction): Promise<TxPreview>;
  getPreview(previewId: string): TxPreview | null;
  discard(previewId: string): void;
  confirm(previewId: string): Promise<TxOutcome>;
  onProgress(listener: (progress: TxProgress) => void): () => void;
  close(): void;
}

const fmt = (wei: bigint, unit: string): string => `${formatEther(wei)} ${unit}`;
const pct = (ppm: bigint): string => `${Number((ppm * 10_000n) / PERC_DIVISOR) / 100} %`;
const short = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;

export function createChainClient(options: ChainClientOptions): ChainClient {
  const timeoutMs = options.rpcTimeoutMs ?? 10_000;
  const receiptTimeoutMs = options.receiptTimeoutMs ?? 120_000;
  const previewTtlMs = options.previewTtlMs ?? 10 * 60_000;
  const provider = new JsonRpcProvider(
    options.rpcUrl,
    options.chainId === undefined ? undefined : Network.from(options.chainId),
    {
      cacheTimeout: -1,
      staticNetwork: options.chainId === undefined ? true : Network.from(options.chainId),
      pollingInterval: 250,
    },
  );
  const controller = new Contract(getAddress(options.controller), PROTOCOL_ABIS.Controller, provider);
  const pollIface = new Interface(POLL_ABI);
  const ifaces = Object.fromEntries(Object.entries(PROTOCOL_ABIS).map(([k, abi]) => [k, new Interface(abi)])) as Record<
    ProtocolContract,
    Interface
  >;
  const previews = new Map<string, TxPreview>();
  const listeners = new Set<(p: TxProgress) => void>();
  let resolved: Promise<ProtocolAddresses> | null = null;
  let chainIdCache: bigint | null = null;

  const call = <T>(what: string, work: () => Promise<T>): Promise<T> => rpc(what, work, timeoutMs);

  async function chainId(): Promise<bigint> {
    chainIdCache ??= await call('Reading the chain id', async () => (await provider.getNetwork()).chainId);
    return chainIdCache;
  }

  function addresses(): Promise<ProtocolAddresses> {
    resolved ??= (async () => {
      const names = Object.keys(PROTOCOL_ABIS).filter((n) => n !== 'Controller') as Exclude<
        ProtocolContract,
        'Controller'
      >[];
      const found = await call('Resolving the protocol contracts through the Controller', () =>
        Promise.all(names.map((n) => controller.getFunction('getContract')(id(n)) as Promise<string>)),
      );
      const out = { Controller: getAddress(options.controller) } as ProtocolAddresses;
      names.forEach((n, i) => {
        const address = found[i];
        if ((!address || address === ZeroAddress) && (GOVERNANCE_CONTRACTS as readonly string[]).includes(n)) {
          out[n] = ZeroAddress; // governance is optional: callers check for it
          return;
        }
        if (!address || address === ZeroAddress) {
          throw new AppError(
            ErrorCode.NotFound,
            `The Controller at ${options.controller} has no ${n}: is this a Livepeer Controller?`,
          );
        }
        out[n] = getAddress(address);
      });
      return out;
    })();
    resolved.catch(() => {
      resolved = null; // retry on the next call (the RPC may come back)
    });
    return resolved;
  }

  async function contract(name: ProtocolContract): Promise<Contract> {
    return new Contract((await addresses())[name], PROTOCOL_ABIS[name], provider);
  }

  async function view<T>(name: ProtocolContract, fn: string, ...args: unknown[]): Promise<T> {
    const c = await contract(name);
    return call(`Reading ${name}.${fn}`, () => c.getFunction(fn).staticCall(...args) as Promise<T>);
  }

  async function blockNumbers(): Promise<{ blockNumber: bigint; l1BlockNumber: bigint }> {
    const cid = await chainId();
    const block = await call(
      'Reading the latest block',
      () =>
        provider.send('eth_getBlockByNumber', ['latest', false]) as Promise<{ number: string; l1BlockNumber?: string }>,
    );
    const blockNumber = BigInt(block.number);
    const l1 = ARBITRUM_CHAIN_IDS.has(cid) && block.l1BlockNumber ? BigInt(block.l1BlockNumber) : blockNumber;
    return { blockNumber, l1BlockNumber: l1 };
  }

  async function protocol(): Promise<ProtocolState> {
    const [cid, blocks] = await Promise.all([chainId(), blockNumbers()]);
    const [paused, round, roundLength, roundStartBlock, roundInitialized, roundLocked, lastInitializedRound] =
      await Promise.all([
        view<boolean>('Controller', 'paused'),
        view<bigint>('RoundsManager', 'currentRound'),
        view<bigint>('RoundsManager', 'roundLength'),
        view<bigint>('RoundsManager', 'currentRoundStartBlock'),
        view<boolean>('RoundsManager', 'currentRoundInitialized'),
        view<boolean>('RoundsManager', 'currentRoundLocked'),
        view<bigint>('RoundsManager', 'lastInitializedRound'),
      ]);
    const [
      totalActiveStake,
      nextRoundTotalActiveStake,
      activeSetSize,
      activeSetMaxSize,
      unbondingPeriod,
      inflation,
      mintableTokens,
      mintedTokens,
      totalSupply,
    ] = await Promise.all([
      view<bigint>('BondingManager', 'currentRoundTotalActiveStake'),
      view<bigint>('BondingManager', 'nextRoundTotalActiveStake'),
      view<bigint>('BondingManager', 'getTranscoderPoolSize'),
      view<bigint>('BondingManager', 'getTranscoderPoolMaxSize'),
      view<bigint>('BondingManager', 'unbondingPeriod'),
      view<bigint>('Minter', 'inflation'),
      view<bigint>('Minter', 'currentMintableTokens'),
      view<bigint>('Minter', 'currentMintedTokens'),
      view<bigint>('LivepeerToken', 'totalSupply'),
    ]);
    const supply = await readSupply((fn) => view<bigint>('Minter', fn), {
      totalSupply,
      nextRoundTotalActiveStake,
      inflation,
    });
    return {
      chainId: cid,
      ...blocks,
      paused,
      round,
      roundLength,
      roundStartBlock,
      roundInitialized,
      roundLocked,
      lastInitializedRound,
      totalActiveStake,
      nextRoundTotalActiveStake,
      activeSetSize,
      activeSetMaxSize,
      unbondingPeriod: BigInt(unbondingPeriod),
      inflation,
      mintableTokens,
      mintedTokens,
      totalSupply,
      supply,
    };
  }

  function checkAddress(value: string, what: string): string {
    if (!isAddress(value)) throw new AppError(ErrorCode.BadInput, `${what} is not an Ethereum address: ${value}`);
    return getAddress(value);
  }

  async function account(addressInput: string): Promise<AccountState> {
    const address = checkAddress(addressInput, 'The account');
    const addrs = await addresses();
    const [
      ethBalance,
      lptBalance,
      bondingAllowance,
      d,
      pendingStake,
      pendingFees,
      t,
      registered,
      active,
      totalStake,
      serviceUri,
      round,
      status,
      senderInfo,
    ] = await Promise.all([
      call('Reading the ETH balance', () => provider.getBalance(address)),
      view<bigint>('LivepeerToken', 'balanceOf', address),
      view<bigint>('LivepeerToken', 'allowance', address, addrs.BondingManager),
      view<{
        bondedAmount: bigint;
        fees: bigint;
        delegateAddress: string;
        delegatedAmount: bigint;
        startRound: bigint;
        lastClaimRound: bigint;
        nextUnbondingLockId: bigint;
      }>('BondingManager', 'getDelegator', address),
      view<bigint>('BondingManager', 'pendingStake', address, 0n),
      view<bigint>('BondingManager', 'pendingFees', address, 0n),
      view<{
        lastRewardRound: bigint;
        rewardCut: bigint;
        feeShare: bigint;
        activationRound: bigint;
        deactivationRound: bigint;
      }>('BondingManager', 'getTranscoder', address),
      view<boolean>('BondingManager', 'isRegisteredTranscoder', address),
      view<boolean>('BondingManager', 'isActiveTranscoder', address),
      view<bigint>('BondingManager', 'transcoderTotalStake', address),
      view<string>('ServiceRegistry', 'getServiceURI', address),
      view<bigint>('RoundsManager', 'currentRound'),
      view<bigint>('BondingManager', 'delegatorStatus', address),
      view<[{ deposit: bigint; withdrawRound: bigint }, { fundsRemaining: bigint }]>(
        'TicketBroker',
        'getSenderInfo',
        address,
      ),
    ]);
    const lockIds = Array.from({ length: Number(d.nextUnbondingLockId) }, (_, i) => BigInt(i));
    const locks = await Promise.all(
      lockIds.map((i) =>
        view<{ amount: bigint; withdrawRound: bigint }>('BondingManager', 'getDelegatorUnbondingLock', address, i),
      ),
    );
    return {
      address,
      ethBalance,
      lptBalance,
      bondingAllowance,
      delegator: {
        status: DELEGATOR_STATUS[Number(status)] ?? 'Unbonded',
        bondedAmount: d.bondedAmount,
        fees: d.fees,
        delegate: d.delegateAddress,
        delegatedAmount: d.delegatedAmount,
        startRound: d.startRound,
        lastClaimRound: d.lastClaimRound,
        pendingStake,
        pendingFees,
      },
      // A lock whose withdrawRound is 0 was withdrawn or rebonded
      unbondingLocks: locks
        .map((l, i) => ({
          id: BigInt(i),
          amount: l.amount,
          withdrawRound: l.withdrawRound,
          withdrawable: l.withdrawRound <= round,
        }))
        .filter((l) => l.withdrawRound > 0n),
      transcoder: {
        registered,
        active,
        serviceUri,
        rewardCut: t.rewardCut,
        feeShare: t.feeShare,
        lastRewardRound: t.lastRewardRound,
        activationRound: t.activationRound,
        deactivationRound: t.deactivationRound,
        totalStake,
      },
      ticketFunds: {
        deposit: senderInfo[0].deposit,
        reserve: senderInfo[1].fundsRemaining,
        withdrawRound: senderInfo[0].withdrawRound,
      },
    };
  }

  async function transcoderPool(): Promise<PoolMember[]> {
    const members: PoolMember[] = [];
    let cursor = await view<string>('BondingManager', 'getFirstTranscoderInPool');
    while (cursor !== ZeroAddress && members.length < 1000) {
      const [stake, next] = await Promise.all([
        view<bigint>('BondingManager', 'transcoderTotalStake', cursor),
        view<string>('BondingManager', 'getNextTranscoderInPool', cursor),
      ]);
      members.push({ address: cursor, stake });
      cursor = next;
    }
    return members;
  }

  async function hints(address: string, stakeDelta: bigint): Promise<[string, string]> {
    const pool = await transcoderPool();
    const member = pool.find((m) => m.address === address);
    const current = member?.stake ?? (await view<bigint>('BondingManager', 'transcoderTotalStake', address));
    const { prev, next } = positionHints(pool, address, current + stakeDelta);
    return [prev, next];
  }

  // ---- preview → confirm ----

  interface Plan {
    contract: TxContract;
    /** The contract's address when it is not the Controller's (a Poll). */
    to?: string;
    method: string;
    args: unknown[];
    value?: bigint;
    summary: string;
    changes: string[];
    /** A ticket redemption: what the recipient's fee pool would receive. */
    payable?: bigint;
  }

  function positive(amount: bigint, what: string): void {
    if (amount <= 0n) throw new AppError(ErrorCode.BadInput, `${what} must be more than zero`);
  }

  async function requireInitialized(): Promise<void> {
    const [initialized, round] = await Promise.all([
      view<boolean>('RoundsManager', 'currentRoundInitialized'),
      view<bigint>('RoundsManager', 'currentRound'),
    ]);
    if (!initialized)
      throw new AppError(ErrorCode.RoundLocked, `Round ${round} is not initialized yet; initialize it first`, {
        round: round.toString(),
      });
  }

  async function plan(from: string, action: ChainAction): Promise<Plan> {
    const addrs = await addresses();
    switch (action.kind) {
      case 'castVote':
      case 'pollVote':
      case 'propose':
      case 'queueProposal':
      case 'executeProposal':
        return planGovernance(provider, addrs, from, action);
      case 'approve': {
        positive(action.amount, 'The amount to approve');
        return {
          contract: 'LivepeerToken',
          method: 'approve',
          args: [addrs.BondingManager, action.amount],
          summary: `Allow the BondingManager to take exactly ${fmt(action.amount, 'LPT')} from your wallet for bonding`,
          changes: [`LPT allowance for the BondingManager becomes ${fmt(action.amount, 'LPT')}`],
        };
      }
      case 'transfer': {
        positive(action.amount, 'The amount to send');
        const to = checkAddress(action.to, 'The recipient');
        const balance = await view<bigint>('LivepeerToken', 'balanceOf', from);
        if (balance < action.amount)
          throw new AppError(ErrorCode.InsufficientBalance, `Only ${fmt(balance, 'LPT')} in this wallet`, {
            balance: balance.toString(),
          });
        return {
          contract: 'LivepeerToken',
          method: 'transfer',
          args: [to, action.amount],
          summary: `Send ${fmt(action.amount, 'LPT')} to ${to}`,
          changes: [`Your unstaked LPT goes down by ${fmt(action.amount, 'LPT')}`],
        };
      }
      case 'bond': {
        // 0 is allowed: bond(0, newOrchestrator) moves the existing stake (checked below)
        if (action.amount < 0n) throw new AppError(ErrorCode.BadInput, 'The amount to bond cannot be negative');
        const to = checkAddress(action.to, 'The orchestrator');
        await requireInitialized();
        const [balance, allowance, registered, d] = await Promise.all([
          view<bigint>('LivepeerToken', 'balanceOf', from),
          view<bigint>('LivepeerToken', 'allowance', from, addrs.BondingManager),
          view<boolean>('BondingManager', 'isRegisteredTranscoder', to),
          view<{ bondedAmount: bigint; delegateAddress: string }>('BondingManager', 'getDelegator', from),
        ]);
        if (balance < action.amount)
          throw new AppError(
            ErrorCode.InsufficientBalance,
            `You have ${fmt(balance, 'LPT')}, not ${fmt(action.amount, 'LPT')}`,
            { balance: balance.toString(), required: action.amount.toString() },
          );
        if (allowance < action.amount)
          throw new AppError(
            ErrorCode.InsufficientAllowance,
            `Approve ${fmt(action.amount, 'LPT')} for bonding first (allowed now: ${fmt(allowance, 'LPT')})`,
            { allowance: allowance.toString(), required: action.amount.toString(), spender: addrs.BondingManager },
          );
        if (to !== from && !registered)
          throw new AppError(ErrorCode.NotFound, `${to} is not a registered orchestrator`);
        const moving = d.bondedAmount > 0n && d.delegateAddress !== to ? d.bondedAmount : 0n;
        if (action.amount === 0n && moving === 0n)
          throw new AppError(
            ErrorCode.BadInput,
            d.bondedAmount > 0n
              ? 'Your stake is already with this orchestrator: bond more than zero, or choose another one to move it to'
              : 'The amount to bond must be more than zero (you have no stake to move)',
          );
        const [prev, next] = await hints(to, action.amount + moving);
        const args = [action.amount, to, ZeroAddress, ZeroAddress, prev, next];
        const self = to === from;
        return {
          contract: 'BondingManager',
          method: 'bondWithHint',
          args,
          summary:
            action.amount === 0n
              ? `Move your ${fmt(moving, 'LPT')} of stake to orchestrator ${short(to)}`
              : self
                ? `Bond ${fmt(action.amount, 'LPT')} to yourself as an orchestrator`
                : `Bond ${fmt(action.amount, 'LPT')} to orchestrator ${short(to)}`,
          changes: [
            ...(action.amount > 0n
              ? [`${fmt(action.amount, 'LPT')} moves from your wallet into the protocol (held by the Minter)`]
              : []),
            ...(moving > 0n
              ? [`Your existing ${fmt(moving, 'LPT')} moves from ${short(d.delegateAddress)} to ${short(to)}`]
              : []),
            'The stake counts from the next round',
          ],
        };
      }
      case 'unbond': {
        positive(action.amount, 'The amount to unbond');
        await requireInitialized();
        const [stake, period, round] = await Promise.all([
          view<bigint>('BondingManager', 'pendingStake', from, 0n),
          view<bigint>('BondingManager', 'unbondingPeriod'),
          view<bigint>('RoundsManager', 'currentRound'),
        ]);
        if (stake < action.amount)
          throw new AppError(ErrorCode.InsufficientBalance, `Only ${fmt(stake, 'LPT')} is bonded`, {
            bonded: stake.toString(),
          });
        const d = await view<{ delegateAddress: string }>('BondingManager', 'getDelegator', from);
        const [prev, next] =
          action.amount === stake && d.delegateAddress === from
            ? [ZeroAddress, ZeroAddress]
            : await hints(d.delegateAddress, -action.amount);
        return {
          contract: 'BondingManager',
          method: 'unbondWithHint',
          args: [action.amount, prev, next],
          summary: `Unbond ${fmt(action.amount, 'LPT')}; withdrawable from round ${round + BigInt(period)}`,
          changes: [
            `${fmt(action.amount, 'LPT')} stops earning now`,
            `A new unbonding lock opens until round ${round + BigInt(period)}`,
            ...(action.amount === stake && d.delegateAddress === from
              ? ['You leave the active set from the next round']
              : []),
          ],
        };
      }
      case 'rebond':
      case 'rebondFromUnbonded':
      case 'withdrawStake': {
        await requireInitialized();
        const lock = await view<{ amount: bigint; withdrawRound: bigint }>(
          'BondingManager',
          'getDelegatorUnbondingLock',
          from,
          action.lockId,
        );
        if (lock.withdrawRound === 0n)
          throw new AppError(ErrorCode.NotFound, `Unbonding lock ${action.lockId} does not exist or was already used`);
        if (action.kind === 'withdrawStake') {
          const round = await view<bigint>('RoundsManager', 'currentRound');
          if (lock.withdrawRound > round)
            throw new AppError(
              ErrorCode.Conflict,
              `Unbonding lock ${action.lockId} can be withdrawn from round ${lock.withdrawRound} (now ${round})`,
              { withdrawRound: lock.withdrawRound.toString() },
            );
          return {
            contract: 'BondingManager',
            method: 'withdrawStake',
            args: [action.lockId],
            summary: `Withdraw ${fmt(lock.amount, 'LPT')} of unbonded stake to your wallet`,
            changes: [`${fmt(lock.amount, 'LPT')} returns to your wallet`],
          };
        }
        if (action.kind === 'rebond') {
          const d = await view<{ delegateAddress: string; bondedAmount: bigint }>(
            'BondingManager',
            'getDelegator',
            from,
          );
          if (d.bondedAmount === 0n)
            throw new AppError(ErrorCode.Conflict, 'You are not bonded to anyone: rebond to an orchestrator instead');
          const [prev, next] = await hints(d.delegateAddress, lock.amount);
          return {
            contract: 'BondingManager',
            method: 'rebondWithHint',
            args: [action.lockId, prev, next],
            summary: `Rebond ${fmt(lock.amount, 'LPT')} to ${short(d.delegateAddress)}`,
            changes: [`${fmt(lock.amount, 'LPT')} is bonded again and earns from the next round`],
          };
        }
        const to = checkAddress(action.to, 'The orchestrator');
        const [prev, next] = await hints(to, lock.amount);
        return {
          contract: 'BondingManager',
          method: 'rebondFromUnbondedWithHint',
          args: [to, action.lockId, prev, next],
          summary: `Rebond ${fmt(lock.amount, 'LPT')} to ${short(to)}`,
          changes: [`${fmt(lock.amount, 'LPT')} is bonded to ${short(to)} from the next round`],
        };
      }
      case 'withdrawFees': {
        positive(action.amount, 'The amount of fees');
        const recipient = checkAddress(action.recipient ?? from, 'The recipient');
        await requireInitialized();
        const fees = await view<bigint>('BondingManager', 'pendingFees', from, 0n);
        if (fees < action.amount)
          throw new AppError(ErrorCode.InsufficientBalance, `Only ${fmt(fees, 'ETH')} of fees are available`, {
            fees: fees.toString(),
          });
        return {
          contract: 'BondingManager',
          method: 'withdrawFees',
          args: [recipient, action.amount],
          summary: `Withdraw ${fmt(action.amount, 'ETH')} of fees to ${recipient === from ? 'your wallet' : short(recipient)}`,
          changes: [`${fmt(action.amount, 'ETH')} is paid out of the Minter`],
        };
      }
      case 'claimEarnings': {
        await requireInitialized();
        return {
          contract: 'BondingManager',
          method: 'claimEarnings',
          args: [0n],
          summary: 'Claim pending rewards and fees into your bonded stake',
          changes: ['Pending stake and fees become your bonded stake and withdrawable fees'],
        };
      }
      case 'transcoder': {
        for (const [value, name] of [
          [action.rewardCut, 'Reward cut'],
          [action.feeShare, 'Fee share'],
        ] as const) {
          if (value < 0n || value > PERC_DIVISOR)
            throw new AppError(ErrorCode.BadInput, `${name} must be between 0 and 1000000 parts per million`);
        }
        await requireInitialized();
        const [locked, round, registered, active, t] = await Promise.all([
          view<boolean>('RoundsManager', 'currentRoundLocked'),
          view<bigint>('RoundsManager', 'currentRound'),
          view<boolean>('BondingManager', 'isRegisteredTranscoder', from),
          view<boolean>('BondingManager', 'isActiveTranscoder', from),
          view<{ lastRewardRound: bigint }>('BondingManager', 'getTranscoder', from),
        ]);
        if (locked)
          throw new AppError(
            ErrorCode.RoundLocked,
            `Round ${round} is locked: orchestrator settings can change again next round`,
            { round: round.toString() },
          );
        if (!registered)
          throw new AppError(ErrorCode.Conflict, 'Bond LPT to yourself before registering as an orchestrator');
        if (active && t.lastRewardRound !== round)
          throw new AppError(
            ErrorCode.Conflict,
            'Call reward for this round before changing the reward cut or fee share',
          );
        const stake = await view<bigint>('BondingManager', 'transcoderTotalStake', from);
        const inPool = (await transcoderPool()).some((m) => m.address === from);
        const [prev, next] = inPool ? [ZeroAddress, ZeroAddress] : await hints(from, 0n);
        return {
          contract: 'BondingManager',
          method: 'transcoderWithHint',
          args: [action.rewardCut, action.feeShare, prev, next],
          summary: `Set reward cut ${pct(action.rewardCut)} and fee share ${pct(action.feeShare)}`,
          changes: [
            `You keep ${pct(action.rewardCut)} of LPT rewards`,
            `Delegators receive ${pct(action.feeShare)} of fees`,
            ...(inPool ? [] : [`You join the active set from round ${round + 1n} if ${fmt(stake, 'LPT')} is enough`]),
          ],
        };
      }
      case 'setServiceUri': {
        let parsed: URL;
        try {
          parsed = new URL(action.uri);
        } catch {
          throw new AppError(ErrorCode.BadInput, `Not a URL: ${action.uri}`);
        }
        if (parsed.protocol !== 'https:')
          throw new AppError(ErrorCode.BadInput, 'The service URI must be an https:// URL');
        return {
          contract: 'ServiceRegistry',
          method: 'setServiceURI',
          args: [action.uri],
          summary: `Publish ${action.uri} as your orchestrator address`,
          changes: ['Gateways will reach you at this URL'],
        };
      }
      case 'reward': {
        await requireInitialized();
        const [active, t, round] = await Promise.all([
          view<boolean>('BondingManager', 'isActiveTranscoder', from),
          view<{ lastRewardRound: bigint }>('BondingManager', 'getTranscoder', from),
          view<bigint>('RoundsManager', 'currentRound'),
        ]);
        if (!active) throw new AppError(ErrorCode.Conflict, 'Only an active orchestrator can call reward');
        if (t.lastRewardRound === round)
          throw new AppError(ErrorCode.Conflict, `Reward was already called in round ${round}`);
        const [prev, next] = await hints(from, 0n);
        return {
          contract: 'BondingManager',
          method: 'rewardWithHint',
          args: [prev, next],
          summary: `Claim the LPT reward for round ${round}`,
          changes: ['New LPT is minted for you and your delegators'],
        };
      }
      case 'initializeRound': {
        const [initialized, round] = await Promise.all([
          view<boolean>('RoundsManager', 'currentRoundInitialized'),
          view<bigint>('RoundsManager', 'currentRound'),
        ]);
        if (initialized) throw new AppError(ErrorCode.Conflict, `Round ${round} is already initialized`);
        return {
          contract: 'RoundsManager',
          method: 'initializeRound',
          args: [],
          summary: `Initialize round ${round}`,
          changes: ['The round starts: active set and rewards are fixed for it'],
        };
      }
      case 'fundDepositAndReserve': {
        if (action.deposit < 0n || action.reserve < 0n || action.deposit + action.reserve === 0n)
          throw new AppError(ErrorCode.BadInput, 'Deposit and reserve must be non-negative and not both zero');
        return {
          contract: 'TicketBroker',
          method: 'fundDepositAndReserve',
          args: [action.deposit, action.reserve],
          value: action.deposit + action.reserve,
          summary: `Fund ${fmt(action.deposit, 'ETH')} deposit and ${fmt(action.reserve, 'ETH')} reserve for paying tickets`,
          changes: [`${fmt(action.deposit + action.reserve, 'ETH')} leaves your wallet for the TicketBroker`],
        };
      }
      case 'unlock':
        return {
          contract: 'TicketBroker',
          method: 'unlock',
          args: [],
          summary: 'Start unlocking your ticket deposit and reserve',
          changes: ['Tickets from you stop being redeemable once unlocked'],
        };
      case 'cancelUnlock':
        return {
          contract: 'TicketBroker',
          method: 'cancelUnlock',
          args: [],
          summary: 'Cancel the unlock of your deposit and reserve',
          changes: ['Your funds stay locked and usable for tickets'],
        };
      case 'withdrawTicketFunds':
        return {
          contract: 'TicketBroker',
          method: 'withdraw',
          args: [],
          summary: 'Withdraw your unlocked ticket deposit and reserve',
          changes: ['The deposit and reserve return to your wallet'],
        };
      case 'redeemTicket': {
        await requireInitialized();
        const tk = action.ticket;
        // What the real contract would pay (a partial payout when the sender is short), or why it would fail
        const payout = await call('Reading what the ticket would pay', () =>
          readTicketPayout(provider, addrs, {
            sender: checkAddress(tk.sender, 'Ticket sender'),
            recipient: checkAddress(tk.recipient, 'Ticket recipient'),
            faceValue: tk.faceValue,
          }),
        );
        const refused = payoutError(payout);
        if (refused) throw refused;
        return {
          contract: 'TicketBroker',
          method: 'redeemWinningTicket',
          args: [
            {
              ...tk,
              recipient: checkAddress(tk.recipient, 'Ticket recipient'),
              sender: checkAddress(tk.sender, 'Ticket sender'),
            },
            action.sig,
            action.recipientRand,
          ],
          summary: `Redeem a winning ticket worth ${fmt(tk.faceValue, 'ETH')} from ${short(tk.sender)}: pays ${fmt(payout.payable, 'ETH')}`,
          changes: payoutChanges(payout, short(tk.recipient)),
          payable: payout.payable,
        };
      }
    }
  }

  async function prepare(fromInput: string, action: ChainAction): Promise<TxPreview> {
    const from = checkAddress(fromInput, 'The sending account');
    const p = await plan(from, action);
    const addrs = await addresses();
    const iface = p.contract === 'Poll' ? pollIface : ifaces[p.contract];
    const fn = iface.getFunction(p.method);
    if (!fn) throw new AppError(ErrorCode.Internal, `No ${p.method} in ${p.contract}`);
    const data = iface.encodeFunctionData(fn, p.args);
    const to = p.to ?? (p.contract === 'Poll' ? ZeroAddress : addrs[p.contract]);
    const value = p.value ?? 0n;
    const cid = await chainId();
    const what = p.summary;
    const request = { from, to, data, value };
    const result = await simulate(request, what);
    const decoded = fn.outputs.length > 0 ? iface.decodeFunctionResult(fn, result).map(String).join(', ') : null;
    const [gas, feeData, ethBalance] = await Promise.all([
      call(`Estimating gas for: ${what}`, () => provider.estimateGas(request)),
      call('Reading gas prices', () => provider.getFeeData()),
      call('Reading the ETH balance', () => provider.getBalance(from)),
    ]);
    const gasLimit = (gas * 12n) / 10n; // 20 % headroom over the estimate
    const maxFeePerGas = feeData.maxFeePerGas ?? feeData.gasPrice ?? 0n;
    const maxPriorityFeePerGas = feeData.maxPriorityFeePerGas ?? 0n;
    const maxCostWei = gasLimit * maxFeePerGas;
    if (ethBalance < value + maxCostWei) {
      throw new AppError(
        ErrorCode.InsufficientBalance,
        `You need up to ${fmt(value + maxCostWei, 'ETH')} (value and gas) but have ${fmt(ethBalance, 'ETH')}`,
        { balance: ethBalance.toString(), required: (value + maxCostWei).toString() },
      );
    }
    const preview: TxPreview = {
      id: randomUUID(),
      kind: action.kind,
      from,
      chainId: cid,
      summary: p.summary,
      changes: p.changes,
      contract: p.contract,
      to,
      method: fn.format('sighash'),
      args: p.args.map((a) =>
        typeof a === 'object' && a !== null
          ? JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
          : String(a),
      ),
      value,
      data,
      simulatedResult: decoded,
      gasLimit,
      maxFeePerGas,
      maxPriorityFeePerGas,
      maxCostWei,
      ...(p.payable === undefined ? {} : { payableWei: p.payable }),
      expiresAt: Date.now() + previewTtlMs,
    };
    previews.set(preview.id, preview);
    options.log?.info(`Prepared ${action.kind}: ${p.summary} (gas ≤ ${gasLimit})`);
    return preview;
  }

  async function simulate(
    request: { from: string; to: string; data: string; value: bigint },
    what: string,
  ): Promise<string> {
    try {
      return await call(`Simulating: ${what}`, () => provider.call(request));
    } catch (err) {
      throw toAppError(err, what);
    }
  }

  function emit(p: Omit<TxProgress, 'at'>): void {
    const event = { ...p, at: Date.now() };
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a listener's failure must not break the transaction flow
      }
    }
  }

  function takePreview(previewId: string): TxPreview {
    const preview = previews.get(previewId);
    if (!preview)
      throw new AppError(ErrorCode.NotFound, 'No such transaction preview (already sent, discarded or unknown)');
    if (preview.expiresAt < Date.now()) {
      previews.delete(previewId);
      throw new AppError(ErrorCode.Conflict, 'The preview expired: prepare the transaction again');
    }
    return preview;
  }

  async function confirm(previewId: string): Promise<TxOutcome> {
    const preview = takePreview(previewId);
    if (!options.getSigner) throw new AppError(ErrorCode.Unavailable, 'No wallet is available to sign');
    const base = {
      previewId,
      kind: preview.kind,
      hash: null,
      blockNumber: null,
      gasUsed: null,
      costWei: null,
      reason: null,
    };
    // State may have moved since the preview: re-simulate so nothing is sent that would fail
    await simulate({ from: preview.from, to: preview.to, data: preview.data, value: preview.value }, preview.summary);
    const signer = await options.getSigner(preview.from).catch((err: unknown) => {
      throw new AppError(
        ErrorCode.Unavailable,
        `The wallet cannot sign for ${preview.from} now: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    if (getAddress(signer.address) !== preview.from)
      throw new AppError(ErrorCode.Conflict, 'The wallet account differs from the preview sender');
    previews.delete(previewId); // single use, even if signing fails
    const [nonce, feeData] = await Promise.all([
      call('Reading the account nonce', () => provider.getTransactionCount(preview.from, 'pending')),
      call('Reading gas prices', () => provider.getFeeData()),
    ]);
    const maxFeePerGas = feeData.maxFeePerGas ?? feeData.gasPrice ?? preview.maxFeePerGas;
    const maxPriorityFeePerGas = feeData.maxPriorityFeePerGas ?? preview.maxPriorityFeePerGas;
    const tx: TransactionLike<string> = {
      type: 2,
      chainId: preview.chainId,
      to: preview.to,
      data: preview.data,
      value: preview.value,
      nonce,
      gasLimit: preview.gasLimit,
      maxFeePerGas,
      maxPriorityFeePerGas,
    };
    const approval: ApprovedTransaction = {
      previewId,
      chainId: preview.chainId,
      to: preview.to,
      data: preview.data,
      value: preview.value,
    };
    emit({ ...base, state: 'signing' });
    let raw: string;
    try {
      raw = await signer.signTransaction(tx, approval);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      emit({ ...base, state: 'failed', reason });
      throw new AppError(ErrorCode.Conflict, `The wallet refused to sign: ${reason}`);
    }
    let hash: string;
    try {
      hash = (await call(`Sending: ${preview.summary}`, () => provider.broadcastTransaction(raw))).hash;
    } catch (err) {
      const appErr = toAppError(err, preview.summary);
      emit({ ...base, state: 'failed', reason: appErr.message });
      throw appErr;
    }
    emit({ ...base, state: 'submitted', hash });
    options.log?.info(`Submitted ${preview.kind} as ${hash}`);
    const receipt = await rpc(
      `Waiting for ${hash}`,
      () => provider.waitForTransaction(hash, 1, receiptTimeoutMs),
      receiptTimeoutMs + 1000,
    ).catch((err: unknown) => {
      const appErr = toAppError(err, `Waiting for ${hash}`);
      emit({ ...base, hash, state: 'failed', reason: appErr.message });
      throw appErr;
    });
    if (!receipt) {
      emit({ ...base, hash, state: 'failed', reason: 'no receipt' });
      throw new AppError(ErrorCode.Timeout, `No receipt for ${hash}`);
    }
    const costWei = receipt.gasUsed * receipt.gasPrice;
    const done = { ...base, hash, blockNumber: BigInt(receipt.blockNumber), gasUsed: receipt.gasUsed, costWei };
    if (receipt.status !== 1) {
      const reason = await replayReason(preview, receipt.blockNumber);
      emit({ ...done, state: 'failed', reason });
      throw new AppError(ErrorCode.Reverted, `${preview.summary} failed on chain: ${reason}`, { reason, hash });
    }
    emit({ ...done, state: 'confirmed' });
    options.log?.info(`Confirmed ${preview.kind} in block ${receipt.blockNumber} (gas ${receipt.gasUsed})`);
    return {
      previewId,
      hash,
      blockNumber: BigInt(receipt.blockNumber),
      gasUsed: receipt.gasUsed,
      effectiveGasPrice: receipt.gasPrice,
      costWei,
    };
  }

  async function replayReason(preview: TxPreview, blockNumber: number): Promise<string> {
    try {
      await provider.call({
        from: preview.from,
        to: preview.to,
        data: preview.data,
        value: preview.value,
        // Replayed on the state the block left behind: what made it fail is usually still there
        blockTag: blockNumber,
      });
      return 'reverted (no reason given)';
    } catch (err) {
      return revertReason(err) ?? 'reverted (no reason given)';
    }
  }

  return {
    provider,
    chainId,
    addresses,
    blockNumbers,
    protocol,
    account,
    transcoderPool,
    prepare,
    getPreview: (previewId) => previews.get(previewId) ?? null,
    discard: (previewId) => void previews.delete(previewId),
    confirm,
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      previews.clear();
      provider.destroy();
    },
  };
}
