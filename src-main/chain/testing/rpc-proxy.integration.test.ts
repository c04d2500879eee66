import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../test-support.ts';
import { startRpcProxy, type RpcProxy } from './rpc-proxy.ts';

let t: TestDevnet;
let proxy: RpcProxy;
beforeAll(async () => {
  t = await startTestDevnet();
  proxy = await startRpcProxy({
    upstream: t.devnet.rpcUrl,
    intercept: ({ method }) =>
      method === 'eth_getLogs' ? { code: -32602, message: 'block range too large' } : undefined,
  });
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await t?.close();
});

async function post(body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(proxy.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

it('forwards requests and counts them by method, a batch per call, devnet-only methods excluded', async () => {
  proxy.reset();
  const single = await post({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] });
  expect(single.status).toBe(200);
  expect((single.json as { result: string }).result).toMatch(/^0x[0-9a-f]+$/);
  const batch = await post([
    { jsonrpc: '2.0', id: 2, method: 'eth_chainId', params: [] },
    { jsonrpc: '2.0', id: 3, method: 'eth_blockNumber', params: [] },
    { jsonrpc: '2.0', id: 4, method: 'evm_mine', params: [] },
  ]);
  expect((batch.json as unknown[]).length).toBe(3);
  expect(proxy.counts()).toEqual({ eth_blockNumber: 2, eth_chainId: 1 });
  expect(proxy.total()).toBe(3);
});

it('plays a rate-limited provider for a while, then forwards again', async () => {
  proxy.reset();
  const provider = new JsonRpcProvider(proxy.url, 31337, { staticNetwork: true });
  try {
    proxy.rateLimit(400, 'http-429');
    const limited = await post({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] });
    expect(limited.status).toBe(429);
    expect(JSON.stringify(limited.json)).toContain('limit exceeded');
    proxy.rateLimit(400, 'json-rpc');
    await expect(provider.send('eth_blockNumber', [])).rejects.toThrow(/limit exceeded/);
    expect(proxy.refused()).toBe(2);
    await new Promise((r) => setTimeout(r, 450));
    expect(typeof (await provider.getBlockNumber())).toBe('number');
    expect(proxy.counts().eth_blockNumber).toBe(1);
  } finally {
    provider.destroy();
  }
});

it("answers a call the provider would refuse with the provider's error, and counts it", async () => {
  proxy.reset();
  const refused = await post({ jsonrpc: '2.0', id: 7, method: 'eth_getLogs', params: [{ fromBlock: '0x0' }] });
  expect(refused.json).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32602, message: 'block range too large' } });
  expect(proxy.counts()).toEqual({ eth_getLogs: 1 });
});
