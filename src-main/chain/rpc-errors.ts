// Turns what ethers throws into the contract's typed errors: a down or slow RPC is UNAVAILABLE or
// TIMEOUT (retry later), a contract refusal is REVERTED with its decoded reason.
import { AppError, ChainFix, ErrorCode } from '../../src-shared/contract/index.ts';
import { rpcHold } from './rpc/hold.ts';

interface EthersLikeError {
  code?: string;
  reason?: string | null;
  shortMessage?: string;
  message?: string;
  revert?: { args?: unknown[] } | null;
  info?: { error?: { message?: string; data?: unknown } };
  error?: { message?: string; code?: number };
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'NETWORK_ERROR',
  'SERVER_ERROR',
  'UND_ERR_SOCKET',
]);

/** The revert reason of a failed call or estimate, if the node returned one. */
export function revertReason(err: unknown): string | null {
  const e = err as EthersLikeError;
  if (e?.reason) return e.reason;
  const arg = e?.revert?.args?.[0];
  if (typeof arg === 'string') return arg;
  const raw = e?.info?.error?.message ?? e?.error?.message ?? '';
  const match = /reverted(?: with reason string)?:?\s*'?([^']+)'?/i.exec(raw) ?? /revert(?:ed)?\s+(.+)$/i.exec(raw);
  return match?.[1]?.trim() ?? null;
}

/** A revert the caller can clear by initializing the round (BondingManager's and TicketBroker's check). */
function reverted(what: string, reason: string): AppError {
  if (/current round is not initialized/i.test(reason))
    return new AppError(ErrorCode.RoundLocked, `${what} would fail: the current round has not been initialized yet`, {
      reason,
      fix: ChainFix.InitializeRound,
    });
  return new AppError(ErrorCode.Reverted, `${what} would fail: ${reason}`, { reason });
}

export function toAppError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  const e = err as EthersLikeError;
  const code = e?.code ?? '';
  if (code === 'CALL_EXCEPTION') {
    return reverted(what, revertReason(err) ?? 'no reason given');
  }
  if (code === 'TIMEOUT') return new AppError(ErrorCode.Timeout, `${what}: the chain RPC did not answer in time`);
  if (UNAVAILABLE_CODES.has(code) || /ECONNREFUSED|fetch failed|socket hang up|connect/i.test(e?.message ?? '')) {
    return new AppError(ErrorCode.Unavailable, `${what}: the chain RPC is not reachable`);
  }
  if (code === 'INSUFFICIENT_FUNDS')
    return new AppError(ErrorCode.InsufficientBalance, `${what}: not enough ETH for the transaction and its gas`);
  const reason = revertReason(err);
  if (reason && /revert/i.test(e?.message ?? e?.info?.error?.message ?? '')) return reverted(what, reason);
  return new AppError(ErrorCode.Internal, `${what}: ${e?.shortMessage ?? e?.message ?? String(err)}`);
}

/**
 * Runs an RPC-bound step with a deadline, mapping failures to typed errors. The deadline starts
 * again while the transport holds requests (budget queue, rate limit): that wait is bounded there.
 */
export async function rpc<T>(what: string, work: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const arm = (): void => {
      const epoch = rpcHold.epoch();
      timer = setTimeout(() => {
        if (rpcHold.active() || rpcHold.epoch() !== epoch) arm();
        else reject(new AppError(ErrorCode.Timeout, `${what}: the chain RPC did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    };
    arm();
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (err) {
    throw toAppError(err, what);
  } finally {
    clearTimeout(timer);
  }
}
