// The one way the app's chain requests reach an RPC endpoint: a request budget per endpoint,
// waiting out rate limits (Retry-After, else exponential backoff with jitter, capped) instead of
// failing callers, failover to an optional backup URL while the primary is limited or down, counts
// per method for /metrics, and a state (ok / rate-limited / fallback / down) for the UI.
import type { JsonRpcError, JsonRpcPayload, JsonRpcResult } from 'ethers';
import { AppError, ErrorCode, type ChainRpcState } from '../../../src-shared/contract/index.ts';
import type { Logger } from '../../log/logger.ts';
import {
  backoffMs,
  createTokenBucket,
  DEFAULT_BACKOFF,
  FREE_PLAN_BUDGET,
  systemClock,
  type BackoffOptions,
  type BudgetOptions,
  type Clock,
  type TokenBucket,
} from './budget.ts';
import { classifyResponse, isOutageError, rateLimitOf, type JsonRpcErrorBody } from './classify.ts';
import { rpcHold } from './hold.ts';
import { rpcMeter, type EndpointRole, type RpcMeter } from './meter.ts';
import { redactRpcUrl } from './redact.ts';

export interface PostResult {
  status: number;
  retryAfter: string | null;
  text: string;
}
export type PostFn = (url: string, body: string, timeoutMs: number) => Promise<PostResult>;

export interface RpcTransportOptions {
  primaryUrl: string;
  /** A second endpoint used while the primary is rate-limited or down. */
  fallbackUrl?: string | null;
  /** Per endpoint (default: about one request a second with bursts of 20). */
  budget?: BudgetOptions;
  backoff?: BackoffOptions;
  /** Rate-limited answers one request accepts before it fails UNAVAILABLE (default 12). */
  maxRetries?: number;
  /** The longest one request waits for rate limits to clear, in total (default 120 s). */
  maxWaitMs?: number;
  /** How long a failing primary is left to the fallback before it is tried again (default 30 s, doubling to 5 min). */
  downCooloffMs?: number;
  /** Deadline of one exchange on the wire (default 15 s). */
  requestTimeoutMs?: number;
  clock?: Clock;
  random?: () => number;
  post?: PostFn;
  meter?: RpcMeter;
  log?: Logger;
}

export interface RpcTransport {
  send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<(JsonRpcResult | JsonRpcError)[]>;
  state(): ChainRpcState;
  onState(listener: (state: ChainRpcState) => void): () => void;
  /** Fails waiting and later requests. */
  close(): void;
}

interface Endpoint {
  role: EndpointRole;
  url: string;
  label: string;
  bucket: TokenBucket;
  blockedBy: 'rate-limit' | 'down' | null;
  blockedUntil: number;
  /** Rate-limited answers in a row (the backoff grows with it). */
  strikes: number;
  /** Failures in a row (the cool-off grows with it). */
  failures: number;
  /** One request tests a blocked endpoint after its wait; the others wait for its answer. */
  probing: boolean;
  reason: string | null;
}

type Answer = JsonRpcResult | JsonRpcError;
type Exchange =
  | { kind: 'answers'; answers: Answer[] }
  | { kind: 'rate-limited'; retryAfterMs: number | null; reason: string }
  | { kind: 'down'; reason: string };

const MAX_COOLOFF_MS = 5 * 60_000;

export const fetchPost: PostFn = async (url, body, timeoutMs) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
};

function wakeup(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A provider's words without any URL in them (they may carry keys). */
function clean(reason: string): string {
  return reason.replace(/\b(https?|wss?):\/\/\S+/gi, (u) => redactRpcUrl(u)).slice(0, 200);
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string }; code?: string; message?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'no answer in time';
  return e?.cause?.code ?? e?.code ?? e?.message ?? String(err);
}

export function createRpcTransport(o: RpcTransportOptions): RpcTransport {
  const clock = o.clock ?? systemClock;
  const random = o.random ?? Math.random;
  const post = o.post ?? fetchPost;
  const meter = o.meter ?? rpcMeter;
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const maxRetries = o.maxRetries ?? 12;
  const maxWaitMs = o.maxWaitMs ?? 120_000;
  const cooloffMs = o.downCooloffMs ?? 30_000;
  const timeoutMs = o.requestTimeoutMs ?? 15_000;
  const endpoint = (role: EndpointRole, url: string): Endpoint => ({
    role,
    url,
    label: redactRpcUrl(url),
    bucket: createTokenBucket(o.budget ?? FREE_PLAN_BUDGET, clock),
    blockedBy: null,
    blockedUntil: 0,
    strikes: 0,
    failures: 0,
    probing: false,
    reason: null,
  });
  const endpoints = [
    endpoint('primary', o.primaryUrl),
    ...(o.fallbackUrl ? [endpoint('fallback', o.fallbackUrl)] : []),
  ];
  const listeners = new Set<(state: ChainRpcState) => void>();
  let current: ChainRpcState = {
    state: 'ok',
    retryAt: null,
    reason: null,
    hasFallback: endpoints.length > 1,
    since: clock.now(),
  };
  let closed = false;
  // Wakes waiting requests when an endpoint's state changes (a probe answered).
  let changed = wakeup();

  function computeState(): Omit<ChainRpcState, 'since' | 'hasFallback'> {
    const [primary, fallback] = endpoints as [Endpoint, Endpoint | undefined];
    if (primary.blockedBy === null) return { state: 'ok', retryAt: null, reason: null };
    if (fallback && fallback.blockedBy === null)
      return { state: 'fallback', retryAt: primary.blockedUntil, reason: primary.reason };
    const limited = endpoints.filter((e) => e.blockedBy === 'rate-limit');
    if (limited.length > 0) {
      const first = limited.reduce((a, b) => (b.blockedUntil < a.blockedUntil ? b : a));
      return { state: 'rate-limited', retryAt: first.blockedUntil, reason: first.reason };
    }
    return { state: 'down', retryAt: null, reason: primary.reason };
  }

  function update(): void {
    const next = computeState();
    const prev = current;
    if (next.state === prev.state && next.retryAt === prev.retryAt && next.reason === prev.reason) return;
    current = {
      ...next,
      hasFallback: endpoints.length > 1,
      since: next.state === prev.state ? prev.since : clock.now(),
    };
    if (next.state !== prev.state) {
      const detail = next.reason ? ` (${next.reason})` : '';
      const log = next.state === 'ok' ? o.log?.info : o.log?.warn;
      log?.call(o.log, `Chain RPC ${endpoints[0]?.label}: ${next.state}${detail}`);
    }
    for (const listener of listeners) listener(current);
    changed.resolve();
    changed = wakeup();
  }

  function markOk(ep: Endpoint): void {
    ep.blockedBy = null;
    ep.strikes = 0;
    ep.failures = 0;
    ep.reason = null;
    update();
  }

  function markLimited(ep: Endpoint, retryAfterMs: number | null, reason: string): void {
    meter.rateLimited(ep.role);
    ep.blockedBy = 'rate-limit';
    ep.blockedUntil = clock.now() + backoffMs(ep.strikes++, retryAfterMs, backoff, random);
    ep.reason = clean(reason);
    update();
  }

  function markDown(ep: Endpoint, reason: string): void {
    meter.failed(ep.role);
    ep.blockedBy = 'down';
    ep.blockedUntil = clock.now() + Math.min(MAX_COOLOFF_MS, cooloffMs * 2 ** Math.min(ep.failures++, 20));
    ep.reason = clean(reason);
    update();
  }

  /** The endpoint to use now, or when to look again. An outage is never waited for: it fails fast. */
  function pick(now: number, failedHere: Set<Endpoint>): { ep: Endpoint } | { until: number } | null {
    const candidates = endpoints.filter((e) => !failedHere.has(e));
    const free = candidates.find((e) => e.blockedBy === null || (now >= e.blockedUntil && !e.probing));
    if (free) return { ep: free };
    const down = candidates.find((e) => e.blockedBy === 'down' && !e.probing);
    if (down) return { ep: down };
    if (candidates.length === 0) return null;
    return { until: Math.min(...candidates.map((e) => (e.probing ? now + 1000 : e.blockedUntil))) };
  }

  async function exchange(ep: Endpoint, payload: JsonRpcPayload | JsonRpcPayload[]): Promise<Exchange> {
    let res: PostResult;
    try {
      res = await post(ep.url, JSON.stringify(payload), timeoutMs);
    } catch (err) {
      return { kind: 'down', reason: networkReason(err) };
    }
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      body = undefined;
    }
    const verdict = classifyResponse(res.status, res.retryAfter, body, clock.now());
    if (verdict.kind !== 'ok') return verdict;
    const answers = (Array.isArray(body) ? body : [body]) as Answer[];
    const outage = answers.find((a) => 'error' in a && isOutageError(a.error as JsonRpcErrorBody));
    if (outage && 'error' in outage) return { kind: 'down', reason: String(outage.error.message) };
    return { kind: 'answers', answers };
  }

  function unavailable(message: string): AppError {
    return new AppError(ErrorCode.Unavailable, message);
  }

  async function send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<Answer[]> {
    const batch = Array.isArray(payload);
    let pending = batch ? payload : [payload];
    const done = new Map<number, Answer>();
    const started = clock.now();
    const failedHere = new Set<Endpoint>();
    let limitedAnswers = 0;
    for (;;) {
      if (closed) throw unavailable('The chain RPC connection was closed');
      const now = clock.now();
      const choice = pick(now, failedHere);
      if (choice === null) {
        const why = endpoints.map((e) => `${e.role}: ${e.reason ?? 'failed'}`).join('; ');
        throw unavailable(`The chain RPC is not reachable (${why})`);
      }
      if ('until' in choice) {
        if (choice.until - started > maxWaitMs)
          throw unavailable(
            `The chain RPC is rate-limited (${current.reason ?? 'too many requests'}); gave up after ${Math.round((now - started) / 1000)} s`,
          );
        const wake = changed.promise;
        await rpcHold.during(() => Promise.race([clock.sleep(Math.max(0, choice.until - now)), wake]));
        continue;
      }
      const ep = choice.ep;
      const probe = ep.blockedBy !== null;
      if (probe) ep.probing = true;
      let result: Exchange;
      try {
        if (ep.bucket.available() < pending.length) await rpcHold.during(() => ep.bucket.take(pending.length));
        else await ep.bucket.take(pending.length);
        for (const p of pending) meter.request(p.method, ep.role);
        result = await exchange(ep, batch ? pending : (pending[0] as JsonRpcPayload));
      } finally {
        if (probe) ep.probing = false;
      }
      if (result.kind === 'down') {
        markDown(ep, result.reason);
        failedHere.add(ep);
        continue;
      }
      let limited: { retryAfterMs: number | null; reason: string } | null = null;
      if (result.kind === 'rate-limited') limited = result;
      else {
        // Keep what was answered; only the refused calls of a batch go again (a sent transaction must not).
        const refused = new Set<number>();
        for (const answer of result.answers) {
          const hit = 'error' in answer ? rateLimitOf(answer.error as JsonRpcErrorBody) : null;
          if (hit) {
            limited ??= hit;
            refused.add(Number(answer.id));
          } else done.set(Number(answer.id), answer);
        }
        pending = pending.filter((p) => refused.has(p.id));
      }
      if (!limited) {
        markOk(ep);
        return (batch ? payload : [payload]).flatMap((p) => {
          const answer = done.get(p.id);
          return answer ? [answer] : [];
        });
      }
      markLimited(ep, limited.retryAfterMs, limited.reason);
      if (++limitedAnswers > maxRetries)
        throw unavailable(
          `The chain RPC is rate-limited (${ep.reason ?? 'too many requests'}); gave up after ${maxRetries} retries`,
        );
    }
  }

  return {
    send,
    state: () => current,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      changed.resolve();
    },
  };
}
