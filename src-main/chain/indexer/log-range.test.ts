// Providers' real eth_getLogs refusals (as quoted in public issues) read as a width to retry with.
import { describe, expect, it } from 'vitest';
import { createAdaptiveRange, rangeRefusal } from './log-range.ts';

const rpcError = (code: number, message: string): unknown => ({
  code: 'UNKNOWN_ERROR',
  message: `could not coalesce error (error=${JSON.stringify({ code, message })})`,
  error: { code, message },
});

describe('rangeRefusal', () => {
  it('reads the range a provider suggests', () => {
    const alchemy = rangeRefusal(
      rpcError(
        -32602,
        'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters and the response size limit, this block range should work: [0x0, 0xd043b8]',
      ),
    );
    expect(alchemy).toMatchObject({ suggested: 0xd043b8 + 1, kind: 'results' });
    const infura = rangeRefusal(
      rpcError(-32005, 'query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC].'),
    );
    expect(infura).toMatchObject({ suggested: 0x102dbcc - 0xbde5f8 + 1, kind: 'results' });
    expect(rangeRefusal(rpcError(-32602, 'eth_getLogs is limited to a 10,000 range'))).toMatchObject({
      suggested: 10_000,
      kind: 'range',
    });
    expect(rangeRefusal(rpcError(-32603, 'eth_getLogs range is too large, max is 1k blocks'))?.suggested).toBe(1000);
    expect(rangeRefusal(rpcError(-32602, 'query exceeds max block range 100000'))?.suggested).toBe(100_000);
    expect(rangeRefusal(rpcError(-32602, 'maximum [from, to] blocks distance: 3000'))?.suggested).toBe(3000);
    expect(rangeRefusal(rpcError(35, 'ranges over 10000 blocks are not supported on freetier'))?.suggested).toBe(
      10_000,
    );
    expect(
      rangeRefusal(rpcError(-32602, 'query exceeds max results 20000, retry with the range 23879634-23879696'))
        ?.suggested,
    ).toBe(63);
  });

  it('halves when the provider names no range', () => {
    expect(rangeRefusal(rpcError(-32600, 'block range is too wide'))).toMatchObject({ suggested: null, kind: 'range' });
    expect(rangeRefusal(rpcError(-32000, 'logs matched by query exceeds limit of 10000'))).toMatchObject({
      suggested: null,
      kind: 'results',
    });
    expect(rangeRefusal(rpcError(-32005, 'limit exceeded'))).toMatchObject({ suggested: null });
  });

  it('leaves rate limits and other failures alone', () => {
    expect(rangeRefusal(rpcError(-32005, 'limit exceeded: too many requests, retry later'))).toBeNull();
    expect(rangeRefusal(rpcError(429, 'Your app has exceeded its compute units per second capacity'))).toBeNull();
    expect(rangeRefusal(rpcError(-32000, 'execution reverted'))).toBeNull();
    expect(rangeRefusal(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBeNull();
  });
});

describe('createAdaptiveRange', () => {
  it('halves on refusals, takes a suggestion, and grows back no wider than a refused cap', () => {
    const r = createAdaptiveRange({ initial: 10_000, max: 1_000_000, growAfter: 2 });
    expect(r.refused(10_000, { suggested: null, kind: 'range' })).toBe(5000);
    expect(r.refused(5000, { suggested: 1000, kind: 'range' })).toBe(1000);
    r.succeeded();
    r.succeeded();
    expect(r.current()).toBe(1000); // the provider stated its cap: 1000
  });

  it('finds an unnamed cap by halving, then bisecting back up to within 6 %', () => {
    const cap = 100;
    const r = createAdaptiveRange({ initial: 2052, max: 1_000_000, growAfter: 1 });
    const tried: number[] = [];
    for (let i = 0; i < 40; i++) {
      const w = r.current();
      tried.push(w);
      if (w > cap) r.refused(w, { suggested: null, kind: 'range' });
      else r.succeeded();
    }
    expect(tried.slice(0, 6)).toEqual([2052, 1026, 513, 256, 128, 64]);
    expect(tried.filter((w) => w > cap).length).toBeLessThanOrEqual(8);
    expect(r.current()).toBeGreaterThanOrEqual(94);
    expect(r.current()).toBeLessThanOrEqual(cap);
  });

  it('grows past a dense stretch that was refused for its results', () => {
    const r = createAdaptiveRange({ initial: 8000, max: 64_000, growAfter: 1 });
    expect(r.refused(8000, { suggested: null, kind: 'results' })).toBe(4000);
    r.succeeded();
    r.succeeded();
    r.succeeded();
    r.succeeded();
    expect(r.current()).toBe(64_000);
    r.succeeded();
    expect(r.current()).toBe(64_000);
  });
});
