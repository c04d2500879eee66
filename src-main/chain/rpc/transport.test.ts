// The budget, backoff and failover logic on a fake clock, against a scripted endpoint (what it
// answers is chosen per test); the wire and a real chain are covered by rpc-limits.integration.test.ts.
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, type ChainRpcState } from '../../../src-shared/contract/index.ts';
import { backoffMs, createTokenBucket, type Clock } from './budget.ts';
import { createRpcMeter } from './meter.ts';
import { createRpcTransport, type PostFn, type PostResult } from './transport.ts';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

function fakeClock(): Clock & { advance(ms: number): Promise<void> } {
  let t = 1_000_000;
  let sleepers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => t,
    sleep: (ms) => new Promise<void>((resolve) => sleepers.push({ at: t + ms, resolve })),
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        await flush();
        const next = sleepers.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        sleepers = sleepers.filter((s) => s !== next);
        t = next.at;
        next.resolve();
      }
      t = end;
      await flush();
    },
  };
}

const ok = (body: unknown): PostResult => ({ status: 200, retryAfter: null, text: JSON.stringify(body) });
const echo = (body: string): PostResult => {
  const parsed = JSON.parse(body) as { id: number } | { id: number }[];
  const answer = (p: { id: number }) => ({ jsonrpc: '2.0', id: p.id, result: `0x${p.id}` });
  return ok(Array.isArray(parsed) ? parsed.map(answer) : answer(parsed));
};
const payload = (id: number, method = 'eth_blockNumber') => ({ jsonrpc: '2.0' as const, id, method, params: [] });

describe('token bucket', () => {
  it('lets a burst through, then queues at the average rate (FIFO)', async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ ratePerSec: 1, burst: 3 }, clock);
    const doneAt: number[] = [];
    for (let i = 0; i < 5; i++) void bucket.take(1).then(() => doneAt.push(clock.now()));
    await clock.advance(0);
    expect(doneAt).toHaveLength(3);
    await clock.advance(1000);
    expect(doneAt).toHaveLength(4);
    await clock.advance(1000);
    expect(doneAt.map((t) => t - doneAt[0]!)).toEqual([0, 0, 0, 1000, 2000]);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter, is capped, and never undercuts what the provider asked', () => {
    const o = { baseMs: 1000, capMs: 30_000 };
    expect(backoffMs(0, null, o, () => 0)).toBe(500);
    expect(backoffMs(0, null, o, () => 1)).toBe(1000);
    expect(backoffMs(3, null, o, () => 1)).toBe(8000);
    expect(backoffMs(10, null, o, () => 1)).toBe(30_000);
    expect(backoffMs(0, 20_000, o, () => 0.5)).toBe(20_000);
  });
});

describe('RPC transport', () => {
  function setup(opts: { fallback?: boolean; maxRetries?: number } = {}) {
    const clock = fakeClock();
    const meter = createRpcMeter();
    const posts: { url: string; body: string; at: number }[] = [];
    let answer: (url: string, body: string) => PostResult | Promise<PostResult> = (_u, b) => echo(b);
    const post: PostFn = async (url, body) => {
      posts.push({ url, body, at: clock.now() });
      return answer(url, body);
    };
    const states: ChainRpcState[] = [];
    const transport = createRpcTransport({
      primaryUrl: 'https://arb-mainnet.example/v2/SECRETKEY',
      fallbackUrl: opts.fallback ? 'https://backup.example/rpc?key=OTHER' : null,
      budget: { ratePerSec: 1, burst: 5 },
      clock,
      random: () => 1,
      post,
      meter,
      ...(opts.maxRetries === undefined ? {} : { maxRetries: opts.maxRetries }),
    });
    transport.onState((s) => states.push(s));
    return { clock, meter, posts, states, transport, setAnswer: (fn: typeof answer) => (answer = fn) };
  }

  it('waits out a 429 window (Retry-After honoured, one probe at a time) and loses nothing', async () => {
    const t = setup();
    let limitedUntil = t.clock.now() + 30_000;
    t.setAnswer((_u, body) =>
      t.clock.now() < limitedUntil ? { status: 429, retryAfter: '2', text: 'Too Many Requests' } : echo(body),
    );
    const results: unknown[] = [];
    const errors: unknown[] = [];
    for (let i = 1; i <= 4; i++)
      void t.transport.send(payload(i)).then(
        (r) => results.push(r),
        (e) => errors.push(e),
      );
    await t.clock.advance(0);
    expect(t.transport.state()).toMatchObject({ state: 'rate-limited', retryAt: expect.any(Number) as number });
    expect(t.transport.state().retryAt! - t.clock.now()).toBeGreaterThanOrEqual(2000);
    await t.clock.advance(29_000);
    expect(results).toHaveLength(0);
    expect(errors).toHaveLength(0);
    const duringWindow = t.posts.length;
    expect(duringWindow).toBeLessThan(12); // backoff, not a retry storm (4 callers, 30 s)
    await t.clock.advance(40_000);
    expect(errors).toEqual([]);
    expect(results).toHaveLength(4);
    expect(t.transport.state().state).toBe('ok');
    expect(t.states.map((s) => s.state)).toContain('rate-limited');
    expect(t.meter.snapshot().rateLimited.primary).toBeGreaterThan(0);
    limitedUntil = 0;
  });

  it('fails with UNAVAILABLE after the retry limit, not before', async () => {
    const t = setup({ maxRetries: 3 });
    t.setAnswer(() => ({ status: 429, retryAfter: null, text: '' }));
    let error: unknown = null;
    void t.transport.send(payload(1)).catch((e: unknown) => (error = e));
    await t.clock.advance(2000);
    expect(error).toBeNull();
    await t.clock.advance(60_000);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.Unavailable);
    expect(t.posts).toHaveLength(4);
  });

  it('retries only the refused calls of a batch (a sent transaction is not sent twice)', async () => {
    const t = setup();
    let first = true;
    t.setAnswer((_u, body) => {
      if (!first) return echo(body);
      first = false;
      return ok([
        { jsonrpc: '2.0', id: 1, result: '0xhash' },
        { jsonrpc: '2.0', id: 2, error: { code: -32005, message: 'limit exceeded' } },
      ]);
    });
    const done = t.transport.send([payload(1, 'eth_sendRawTransaction'), payload(2, 'eth_call')]);
    await t.clock.advance(5000);
    await expect(done).resolves.toEqual([
      { jsonrpc: '2.0', id: 1, result: '0xhash' },
      { jsonrpc: '2.0', id: 2, result: '0x2' },
    ]);
    expect(t.posts[1]?.body).not.toContain('eth_sendRawTransaction');
  });

  it('fails over to the backup while the primary is down, and goes back after the cool-off', async () => {
    const t = setup({ fallback: true });
    let primaryUp = false;
    t.setAnswer((url, body) => {
      if (url.includes('arb-mainnet') && !primaryUp)
        throw Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      return echo(body);
    });
    const first = t.transport.send(payload(1));
    await t.clock.advance(0);
    await expect(first).resolves.toHaveLength(1);
    expect(t.transport.state()).toMatchObject({ state: 'fallback', hasFallback: true, reason: 'ECONNREFUSED' });
    await t.transport.send(payload(2));
    expect(t.posts.slice(-1)[0]?.url).toContain('backup'); // the primary is left alone meanwhile
    primaryUp = true;
    await t.clock.advance(31_000);
    await t.transport.send(payload(3));
    expect(t.posts.slice(-1)[0]?.url).toContain('arb-mainnet');
    expect(t.transport.state().state).toBe('ok');
    expect(t.meter.snapshot().requests).toEqual(
      expect.arrayContaining([{ method: 'eth_blockNumber', endpoint: 'fallback', count: 2 }]),
    );
  });

  it('fails fast when nothing answers (as before: UNAVAILABLE), and says down', async () => {
    const t = setup();
    t.setAnswer(() => ({ status: 503, retryAfter: null, text: 'Service Unavailable' }));
    await expect(t.transport.send(payload(1))).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    expect(t.transport.state()).toMatchObject({ state: 'down', reason: 'HTTP 503' });
    expect(JSON.stringify(t.states)).not.toContain('SECRETKEY');
  });
});
