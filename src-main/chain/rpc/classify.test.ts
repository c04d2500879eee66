// The classification on what real providers answer (bodies quoted from their issue trackers and docs).
import { describe, expect, it } from 'vitest';
import { classifyResponse, parseRetryAfter, rateLimitOf } from './classify.ts';

const NOW = Date.parse('2026-12-05T04:00:00Z');

describe('rate-limit classification', () => {
  it.each([
    [
      'Alchemy (429 + CU/s)',
      429,
      {
        jsonrpc: '2.0',
        id: 474,
        error: {
          code: 429,
          message:
            'Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message. If not, check out https://docs.alchemy.com/reference/throughput',
        },
      },
    ],
    [
      'Alchemy monthly capacity (403)',
      403,
      {
        jsonrpc: '2.0',
        id: 6570,
        error: {
          code: -32600,
          message:
            'Monthly capacity limit exceeded. Visit https://dashboard.alchemyapi.io/settings/billing to upgrade your scaling policy for continued service.',
        },
      },
    ],
    [
      'Infura (429 + -32005)',
      429,
      {
        jsonrpc: '2.0',
        id: 3419,
        error: {
          code: -32005,
          message: 'project ID request rate exceeded',
          data: {
            rate: { allowed_rps: 50, backoff_seconds: 0, current_rps: 52.3 },
            see: 'https://infura.io/docs/ethereum/json-rpc/ratelimits',
          },
        },
      },
    ],
    [
      'Arbitrum public RPC',
      429,
      { jsonrpc: '2.0', error: { code: 429, message: 'Public RPC Rate Limit Hit, limit will reset in 60 seconds' } },
    ],
    ['Ankr (plain HTTP 429, text body)', 429, undefined],
  ])('%s is rate-limited', (_name, status, body) => {
    const verdict = classifyResponse(status, null, body, NOW);
    expect(verdict.kind).toBe('rate-limited');
  });

  it.each([
    ['Infura daily quota', { code: -32005, message: 'daily request count exceeded, request rate limited' }],
    ['Tenderly', { code: -32005, message: 'rate limit exceeded' }],
    ['Base public RPC', { code: -32016, message: 'over rate limit' }],
    [
      'QuickNode',
      {
        code: -32007,
        message: '100/second request limit reached - reduce calls per second or upgrade your account at quicknode.com',
      },
    ],
    ['a generic gateway', { code: -32000, message: 'Too Many Requests' }],
    ['Infura legacy', { code: -32005, message: 'legacy access request rate exceeded' }],
  ])('%s in a 200 answer is a rate limit', (_name, error) => {
    expect(rateLimitOf(error)).not.toBeNull();
  });

  it('is not fooled by ordinary errors or range limits (those need a smaller query, not a wait)', () => {
    expect(rateLimitOf({ code: 3, message: 'execution reverted: BONDING_MANAGER_NOT_ACTIVE' })).toBeNull();
    expect(rateLimitOf({ code: -32000, message: 'nonce too low' })).toBeNull();
    expect(rateLimitOf({ code: -32005, message: 'query returned more than 10000 results' })).toBeNull();
    expect(
      rateLimitOf({
        code: -32602,
        message: 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range',
      }),
    ).toBeNull();
    expect(
      classifyResponse(200, null, { jsonrpc: '2.0', id: 1, error: { code: 3, message: 'execution reverted' } }, NOW),
    ).toEqual({ kind: 'ok' });
  });

  it('reads the wait the provider asked for: Retry-After (seconds or date), backoff_seconds, "reset in N seconds"', () => {
    expect(parseRetryAfter('20', NOW)).toBe(20_000);
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(classifyResponse(429, '3', undefined, NOW)).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000 });
    expect(
      rateLimitOf({ code: -32005, message: 'project ID request rate exceeded', data: { backoff_seconds: 30 } })
        ?.retryAfterMs,
    ).toBe(30_000);
    expect(
      rateLimitOf({ code: 429, message: 'Public RPC Rate Limit Hit, limit will reset in 60 seconds' })?.retryAfterMs,
    ).toBe(60_000);
  });

  it('calls server errors, refused keys and non-JSON answers an outage', () => {
    expect(classifyResponse(503, null, undefined, NOW).kind).toBe('down');
    expect(classifyResponse(401, null, { error: { code: -32600, message: 'API key not found' } }, NOW).kind).toBe(
      'down',
    );
    expect(classifyResponse(200, null, undefined, NOW).kind).toBe('down');
  });
});
