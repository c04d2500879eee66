// On Arbitrum the protocol counts rounds in L1 blocks: the client must read `l1BlockNumber` from
// the block there, and plain block numbers elsewhere. The machine has no Arbitrum node, so a tiny
// JSON-RPC server stands in for one, answering with the shape Arbitrum nodes return.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARBITRUM_ONE_CONTROLLER } from './abi.ts';
import { createChainClient } from './client.ts';

describe('L1 block numbers', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const calls = JSON.parse(body) as { id: number; method: string } | { id: number; method: string }[];
        const answer = (c: { id: number; method: string }): unknown => ({
          jsonrpc: '2.0',
          id: c.id,
          result:
            c.method === 'eth_chainId'
              ? '0xa4b1'
              : c.method === 'eth_getBlockByNumber'
                ? { number: '0x10a3b2c0', hash: `0x${'11'.repeat(32)}`, l1BlockNumber: '0x1406f40' }
                : null,
        });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(Array.isArray(calls) ? calls.map(answer) : answer(calls)));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('uses l1BlockNumber on Arbitrum One', async () => {
    const client = createChainClient({ rpcUrl: url, controller: ARBITRUM_ONE_CONTROLLER, chainId: 42161 });
    expect(await client.blockNumbers()).toEqual({ blockNumber: 0x10a3b2c0n, l1BlockNumber: 0x1406f40n });
    client.close();
  });

  it('uses the block number itself on other chains', async () => {
    const client = createChainClient({ rpcUrl: url, controller: ARBITRUM_ONE_CONTROLLER, chainId: 31337 });
    expect(await client.blockNumbers()).toEqual({ blockNumber: 0x10a3b2c0n, l1BlockNumber: 0x10a3b2c0n });
    client.close();
  });
});
