// The reachability check against the orchestrator node's own service port (the real TLS + ALPN h2
// listener of src-main/orchestrator, started by the node fixture) and a closed port.
// miniupnpd.system.test.ts checks it again with the gateway dialling from another network namespace.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFfmpegTranscoder } from '../orchestrator/testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../orchestrator/testing/node-fixture.ts';
import { checkReachability, parseServiceUri } from './check.ts';
import type { MappingStatus } from './port-mapper.ts';

const mapping = (externalIp: string, port: number): MappingStatus => ({
  state: 'mapped',
  method: 'upnp',
  gateway: '192.168.1.1',
  externalIp,
  externalPort: port,
  internalHost: '192.168.1.20',
  internalPort: port,
  mappedAt: 1,
  renewedAt: 1,
  renewals: 0,
  attempts: [],
  advice: [],
});

describe('reachability check', () => {
  let node: NodeFixture;
  let port: number;
  let closedPort: number;

  beforeAll(async () => {
    node = await startNodeFixture(createFfmpegTranscoder());
    port = node.node.port;
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    closedPort = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
  });
  afterAll(async () => {
    await node?.close();
  });

  it('parses service URIs', () => {
    expect(parseServiceUri('https://node.example.com:8935')).toEqual({ host: 'node.example.com', port: 8935 });
    expect(parseServiceUri('https://[2001:db8::1]:8935')).toEqual({ host: '2001:db8::1', port: 8935 });
    expect(parseServiceUri('http://1.2.3.4:8935')).toBeNull();
  });

  it('passes when the on-chain URI is this node and the port answers TLS with h2', async () => {
    // the port is the node's: a gateway's GetOrchestrator gets its advertised URI back
    expect((await node.gateway.getOrchestrator()).transcoder).toBe(`https://127.0.0.1:${port}`);
    const r = await checkReachability({
      orchestrator: node.orchWallet.address,
      onChainUri: `https://127.0.0.1:${port}`,
      port,
      mapping: mapping('127.0.0.1', port),
    });
    expect(r.items.map((i) => [i.id, i.ok])).toEqual([
      ['uri', true],
      ['match', true],
      ['local', true],
      ['gateway', true],
      ['forward', true],
    ]);
    expect(r.gateway?.alpn).toBe('h2');
    expect(r.uriMatches).toBe(true);
    expect(r.ok).toBe(true);
  });

  it('fails on a closed port and a URI that points elsewhere, and suggests the right URI', async () => {
    const r = await checkReachability({
      orchestrator: '0x1111111111111111111111111111111111111111',
      onChainUri: `https://127.0.0.1:${closedPort}`,
      port: closedPort,
      mapping: mapping('203.0.113.7', closedPort),
      timeoutMs: 2000,
    });
    const byId = Object.fromEntries(r.items.map((i) => [i.id, i]));
    expect(byId.local!.ok).toBe(false);
    expect(byId.local!.detail).toMatch(/connection refused/);
    expect(byId.gateway!.ok).toBe(false);
    expect(byId.match!.ok).toBe(false);
    expect(r.suggestedUri).toBe(`https://203.0.113.7:${closedPort}`);
    expect(r.ok).toBe(false);
  });

  it('says what is missing when nothing is registered', async () => {
    const r = await checkReachability({
      orchestrator: '0x1111111111111111111111111111111111111111',
      onChainUri: '',
      port: closedPort,
      mapping: null,
      timeoutMs: 1000,
    });
    expect(r.items[0]).toMatchObject({ id: 'uri', ok: false });
    expect(r.items[0]!.detail).toMatch(/No service URI/);
    expect(r.gateway).toBeNull();
    expect(r.ok).toBe(false);
  });
});
