// The devnet's ETH/USD price feed read through the chain, as the Earnings page reads it: the
// default answer, a price set through `devnet.setEthUsdPrice`, the 5-minute cache and its refresh,
// bad input refused, and the AggregatorV3Interface read side against a real anvil.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse } from '../../src-shared/contract/index.ts';
import { priceFromReading } from '../../src-shared/domain/fiat.ts';
import { createHost, type Host } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { readPriceFeed } from './reads/price-feeds.ts';

interface Feed {
  pair: string;
  address: string;
  answer: string;
  decimals: number;
  updatedAt: number;
}
interface Prices {
  network: string;
  ethUsd: Feed | null;
  eurUsd: Feed | null;
  lptUsd: Feed | null;
  missing: { key: string; reason: string }[];
}

describe('price feeds through the chain (devnet)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-prices-'));
  let host: Host;
  const call = async (service: string, method: string, input: unknown = {}): Promise<CallResponse> =>
    host.router.call({ transport: 'internal', authenticated: true }, { service, method, input });
  const prices = async (refresh = false): Promise<Prices> => {
    const r = await call('chain', 'prices', { refresh });
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.result as Prices;
  };

  beforeAll(() => {
    host = createHost({
      dataDir,
      mode: 'headless',
      logSink: createLogSink({ write: () => undefined }),
      devnetBlockIntervalMs: 0,
    });
  });
  afterAll(async () => {
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the default ETH/USD answer with 8 decimals, fresh, and EUR/USD, and says why LPT has none', async () => {
    const p = await prices();
    expect(p.network).toBe('devnet');
    expect(p.ethUsd).toMatchObject({ pair: 'ETH / USD', decimals: 8, answer: DEVNET_PARAMS.ethUsdPrice.toString() });
    const price = priceFromReading(p.ethUsd!, Date.now());
    expect(price).toMatchObject({ value: 3000, stale: false });
    expect(p.eurUsd).toMatchObject({ pair: 'EUR / USD', decimals: 8, answer: DEVNET_PARAMS.eurUsdPrice.toString() });
    expect(p.lptUsd).toBeNull();
    expect(p.missing).toEqual([{ key: 'lptUsd', reason: expect.stringMatching(/no LPT\/USD feed on Arbitrum One/) }]);
  });

  it('sets a price on the chain, serves the cached answer until refreshed, then the new one', async () => {
    const set = await call('devnet', 'setEthUsdPrice', { usd: '4321.5' });
    expect(set).toMatchObject({ ok: true, result: { answer: '432150000000', decimals: 8 } });
    expect((await prices()).ethUsd?.answer).toBe(DEVNET_PARAMS.ethUsdPrice.toString()); // cached (5 min)
    const fresh = await prices(true);
    expect(fresh.ethUsd?.answer).toBe('432150000000');
    expect(priceFromReading(fresh.ethUsd!, Date.now())).toMatchObject({ value: 4321.5 });

    // The same contract through the AggregatorV3Interface bindings alone
    const devnet = host.chain.devnet()!;
    const direct = await readPriceFeed(devnet.provider, {
      pair: 'ETH / USD',
      address: devnet.contracts.DevnetPriceFeed,
    });
    expect(direct).toEqual(fresh.ethUsd);
    const block = await devnet.provider.getBlock('latest');
    expect(direct.updatedAt).toBe(block?.timestamp);
  });

  it('refuses a price that is not a positive number, and the feed keeps its answer', async () => {
    expect(await call('devnet', 'setEthUsdPrice', { usd: '-1' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call('devnet', 'setEthUsdPrice', { usd: '0' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect((await prices(true)).ethUsd?.answer).toBe('432150000000');
  });
});
