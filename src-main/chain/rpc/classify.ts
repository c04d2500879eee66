// Tells a provider's rate limiting apart from an outage and from an ordinary JSON-RPC error, from
// the HTTP status, the Retry-After header and the JSON-RPC error each provider sends (see
// classify.test.ts for the real messages of Alchemy, Infura, Arbitrum's public RPC, QuickNode, Ankr,
// Base, Tenderly). A range or result-size limit is not a rate limit: the caller must ask for less.

export interface JsonRpcErrorBody {
  code?: unknown;
  message?: unknown;
  data?: unknown;
}

export type RpcVerdict =
  | { kind: 'ok' }
  | { kind: 'rate-limited'; retryAfterMs: number | null; reason: string }
  | { kind: 'down'; reason: string };

/** JSON-RPC codes providers use for "slow down" (EIP-1474 -32005, Alchemy 429, Base -32016, QuickNode -32007). */
const RATE_LIMIT_CODES = new Set([-32005, 429, -32016, -32007]);
const RATE_LIMIT_TEXT =
  /rate limit|limit exceeded|too many requests|compute units|request rate|capacity limit|request limit reached|exceeded .*(rate|quota)|throttl/i;
/**
 * Infura answers -32005 for too many log results too: a range or result limit needs a smaller query
 * (indexer/log-range.ts adapts to those), not a wait.
 */
const RANGE_LIMIT_TEXT =
  /more than \d+ results|block range|response size|range (is )?too (large|wide)|range too large|too many blocks|exceeds (the )?limit|exceeds max results|too many logs|response too large|query timeout/i;
/** Gateway codes meaning "no backend right now" (Ankr -32055), i.e. an outage of this endpoint. */
const OUTAGE_CODES = new Set([-32055]);

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A wait the provider suggested in the error itself (Infura backoff_seconds, "reset in 60 seconds"). */
function hintedWaitMs(error: JsonRpcErrorBody): number | null {
  const data = error.data as { backoff_seconds?: unknown; rate?: { backoff_seconds?: unknown } } | undefined;
  const seconds = data?.rate?.backoff_seconds ?? data?.backoff_seconds;
  if (typeof seconds === 'number' && seconds > 0) return seconds * 1000;
  const reset = /reset in (\d+) ?s/i.exec(String(error.message ?? ''));
  return reset ? Number(reset[1]) * 1000 : null;
}

/** Whether one JSON-RPC error says "slow down"; null when it is an ordinary error for the caller. */
export function rateLimitOf(error: JsonRpcErrorBody): { retryAfterMs: number | null; reason: string } | null {
  const message = typeof error.message === 'string' ? error.message : '';
  if (RANGE_LIMIT_TEXT.test(message)) return null;
  const code = typeof error.code === 'number' ? error.code : null;
  if ((code !== null && RATE_LIMIT_CODES.has(code)) || RATE_LIMIT_TEXT.test(message)) {
    return { retryAfterMs: hintedWaitMs(error), reason: message || `JSON-RPC error ${String(code)}` };
  }
  return null;
}

export function isOutageError(error: JsonRpcErrorBody): boolean {
  return typeof error.code === 'number' && OUTAGE_CODES.has(error.code);
}

/** The JSON-RPC errors in a response body (one object or a batch), if it parses. */
export function errorsIn(body: unknown): JsonRpcErrorBody[] {
  const items = Array.isArray(body) ? body : [body];
  return items.flatMap((item) => {
    const error = (item as { error?: unknown } | null)?.error;
    return error && typeof error === 'object' ? [error as JsonRpcErrorBody] : [];
  });
}

/** The verdict on one HTTP exchange: status, Retry-After and the parsed body (undefined if not JSON). */
export function classifyResponse(status: number, retryAfter: string | null, body: unknown, now: number): RpcVerdict {
  const headerWait = parseRetryAfter(retryAfter, now);
  const limited = errorsIn(body)
    .map(rateLimitOf)
    .find((r) => r !== null);
  if (status === 429 || (limited && status >= 400)) {
    return {
      kind: 'rate-limited',
      retryAfterMs: headerWait ?? limited?.retryAfterMs ?? null,
      reason: limited?.reason ?? `HTTP ${status} Too Many Requests`,
    };
  }
  if (status >= 400) return { kind: 'down', reason: `HTTP ${status}` };
  if (body === undefined) return { kind: 'down', reason: 'the answer is not JSON' };
  return { kind: 'ok' };
}
