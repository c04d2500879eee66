// An RPC URL often carries an API key (Alchemy /v2/KEY, Infura /v3/KEY, ?apikey=KEY). The settings
// form shows the URL the user typed (settings.get); everything else the renderer receives (chain
// status, devnet info, RPC state, events), the log and /metrics show it redacted to scheme and host.
// Real parts: a devnet (anvil) reached through a JSON-RPC proxy at a keyed URL, and an Arbitrum One
// setting whose keyed URL does not answer (the error path).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract/index.ts';
import { rpcMetricsText } from '../chain/rpc/meter.ts';
import { startRpcProxy } from '../chain/testing/rpc-proxy.ts';
import { createHost, type Host } from './host.ts';

const caller = { transport: 'internal', authenticated: true } as const;
const KEY = 'k3yInPathAbCdEf0123456789';
const QUERY_KEY = 'qUeRyKeY9876543210';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Everything the renderer could receive from `host` besides settings.get, and the whole log. */
async function rendererView(host: Host, events: EventMessage[]): Promise<string> {
  const call = async (service: string, method: string) =>
    JSON.stringify(await host.router.call(caller, { service, method, input: {} }));
  return [
    await call('chain', 'status'),
    await call('chain', 'rpcState'),
    await call('devnet', 'info'),
    await call('app', 'info').catch(() => ''),
    await call('logs', 'recent'),
    JSON.stringify(events.filter((e) => e.event !== 'settings.changed')),
    host.orchestrator.metricsText(),
    rpcMetricsText(),
  ].join('\n');
}

describe('the RPC URL outside the settings form', () => {
  it('is redacted on the devnet reached at a keyed URL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpm-redact-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const proxy = await startRpcProxy({ upstream: `http://127.0.0.1:${port}` });
    cleanups.push(() => proxy.close());
    const keyed = `${proxy.url}/v2/${KEY}?apikey=${QUERY_KEY}`;
    const host = createHost({ dataDir, mode: 'headless', devnet: { port, clientRpcUrl: keyed } });
    cleanups.push(() => host.close());
    const events: EventMessage[] = [];
    host.events.subscribe((e) => events.push(e));

    const status = await host.router.call(caller, { service: 'chain', method: 'status', input: {} });
    expect(status).toMatchObject({ ok: true, result: { connected: true, rpcUrl: `${proxy.url}/…` } });
    const seen = await rendererView(host, events);
    expect(seen).not.toContain(KEY);
    expect(seen).not.toContain(QUERY_KEY);
  }, 120_000);

  it('is redacted on Arbitrum One when the keyed URL does not answer, and the form still shows it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpm-redact-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const host = createHost({ dataDir, mode: 'headless' });
    cleanups.push(() => host.close());
    const events: EventMessage[] = [];
    host.events.subscribe((e) => events.push(e));
    const dead = await freePort(); // nothing listens there
    const network = {
      kind: 'arbitrum-one',
      rpcUrl: `http://127.0.0.1:${dead}/v3/${KEY}`,
      fallbackRpcUrl: `http://127.0.0.1:${dead}/rpc?apikey=${QUERY_KEY}`,
    };
    await host.router.call(caller, { service: 'settings', method: 'update', input: { network } });

    const status = await host.router.call(caller, { service: 'chain', method: 'status', input: {} });
    expect(status).toMatchObject({ ok: true, result: { connected: false, rpcUrl: `http://127.0.0.1:${dead}/…` } });
    expect(JSON.stringify(status)).toMatch(/not reachable/);
    const seen = await rendererView(host, events);
    expect(seen).not.toContain(KEY);
    expect(seen).not.toContain(QUERY_KEY);
    // The form: what the user typed, in full.
    expect(await host.router.call(caller, { service: 'settings', method: 'get', input: {} })).toMatchObject({
      ok: true,
      result: { network },
    });
  }, 60_000);
});
