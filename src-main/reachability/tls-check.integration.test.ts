// The TLS/ALPN probe against real local servers: an HTTP/2 TLS server with the node's own
// certificate (pass), an HTTP/1.1-only TLS server, a plain TCP server and a closed port (fail).
import { createServer as createNetServer, type AddressInfo, type Server } from 'node:net';
import { createSecureServer } from 'node:http2';
import { createServer as createTlsServer } from 'node:tls';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateCertificate, type TlsMaterial } from '../orchestrator/server/tls-cert.ts';
import { probeTlsH2 } from './tls-check.ts';

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('TLS with ALPN h2 probe', () => {
  let dir: string;
  let tls: TlsMaterial;
  const servers: Server[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lpm-tls-'));
    tls = await loadOrCreateCertificate(dir, '127.0.0.1');
  });
  afterAll(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes against an HTTP/2 TLS server with the node certificate', async () => {
    const h2 = createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: false }, (_req, res) => res.end());
    servers.push(h2 as unknown as Server);
    const port = await listen(h2 as unknown as Server);
    const probe = await probeTlsH2('127.0.0.1', port);
    expect(probe).toMatchObject({ tcp: true, tls: true, alpn: 'h2', problem: null });
    expect(probe.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fails when TLS works but HTTP/2 is not offered', async () => {
    const s = createTlsServer({ key: tls.key, cert: tls.cert, ALPNProtocols: ['http/1.1'] }, (c) => c.end());
    servers.push(s as unknown as Server);
    const probe = await probeTlsH2('127.0.0.1', await listen(s as unknown as Server));
    expect(probe.tls).toBe(true);
    expect(probe.alpn).not.toBe('h2');
    expect(probe.problem).toMatch(/did not agree to HTTP\/2/);
  });

  it('fails on a port that answers without TLS', async () => {
    const s = createNetServer((c) => c.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    servers.push(s);
    const probe = await probeTlsH2('127.0.0.1', await listen(s));
    expect(probe).toMatchObject({ tcp: true, tls: false, alpn: null });
    expect(probe.problem).not.toBeNull();
  });

  it('fails on a closed port', async () => {
    const s = createNetServer();
    const port = await listen(s);
    await new Promise((r) => s.close(r));
    const probe = await probeTlsH2('127.0.0.1', port);
    expect(probe).toMatchObject({ tcp: false, tls: false });
    expect(probe.problem).toMatch(/connection refused/);
  });
});
