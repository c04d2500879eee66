// What every action planner returns and shares: the call to make and its effect in words, and the
// checks that several actions run before anything is simulated (so the user reads a plain reason
// instead of a revert).
import { formatEther } from 'ethers';
import { AppError, ChainFix, ErrorCode } from '../../../src-shared/contract/index.ts';
import { PERC_DIVISOR, type TxContract } from '../abi.ts';
import type { ChainReader } from '../reads/reader.ts';
import type { ChainAction, ChainActionKind, ProtocolAddresses } from '../types.ts';

/** One contract call, described: the transaction pipeline encodes, simulates and prices it. */
export interface Plan {
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
  /**
   * Gas already estimated by the planner (a redemption batch, whose own estimate means nothing):
   * prepare uses it instead of eth_estimateGas, which is then the planner's simulation.
   */
  gas?: bigint;
}

export interface PlanContext {
  r: ChainReader;
  addrs: ProtocolAddresses;
}

export type ActionOf<K extends ChainActionKind> = Extract<ChainAction, { kind: K }>;

/** One planner per action kind: the dispatch table is typed so a missing kind does not compile. */
export type Planners = {
  readonly [K in ChainActionKind]: (ctx: PlanContext, from: string, action: ActionOf<K>) => Promise<Plan>;
};

export const fmt = (wei: bigint, unit: string): string => `${formatEther(wei)} ${unit}`;
export const pct = (ppm: bigint): string => `${Number((ppm * 10_000n) / PERC_DIVISOR) / 100} %`;
export const short = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;

export function positive(amount: bigint, what: string): void {
  if (amount <= 0n) throw new AppError(ErrorCode.BadInput, `${what} must be more than zero`);
}

/** Nothing but initializeRound() works in a round nobody has initialized yet: the error names that fix. */
export function notInitialized(round: bigint | string): AppError {
  return new AppError(
    ErrorCode.RoundLocked,
    `Round ${round} has not been initialized yet; it starts once someone initializes it`,
    {
      round: round.toString(),
      fix: ChainFix.InitializeRound,
    },
  );
}

export async function requireInitialized(r: ChainReader): Promise<void> {
  const [initialized, round] = await Promise.all([
    r.view<boolean>('RoundsManager', 'currentRoundInitialized'),
    r.view<bigint>('RoundsManager', 'currentRound'),
  ]);
  if (!initialized) throw notInitialized(round);
}
