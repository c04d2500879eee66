// Port mapping against routers faked on loopback: UPnP IGD:2 and IGD:1 (SOAP control URL on a local
// HTTP server, reached through its description URL; no SSDP) and NAT-PMP on 127.0.0.2:5351. Mapping,
// renewal, removal on stop, a refusal explained in words, and double NAT / CGNAT detection.
// miniupnpd.system.test.ts does the same against Debian's real IGD daemon in network namespaces.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { createPortMapper } from './port-mapper.ts';
import { startFakeIgd, startFakePmp, type FakeIgd, type FakePmp } from './testing/fake-router.ts';

const log = createLogSink({ printLevel: 'error' }).root;
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('port mapper', () => {
  let igd: FakeIgd | null = null;
  let pmp: FakePmp | null = null;
  afterEach(async () => {
    await igd?.close();
    await pmp?.close();
    igd = pmp = null;
  });

  it('maps the port with UPnP, reads the public address, renews and removes the mapping on stop', async () => {
    igd = await startFakeIgd('203.0.113.7');
    const mapper = createPortMapper({
      port: 8935,
      internalHost: '192.168.1.20',
      upnpDescriptorUrl: igd.descriptorUrl,
      discover: false,
      renewIntervalMs: 150,
      log,
    });
    const status = await mapper.start();
    expect(status).toMatchObject({
      state: 'mapped',
      method: 'upnp',
      externalIp: '203.0.113.7',
      externalPort: 8935,
      internalHost: '192.168.1.20',
      advice: [],
    });
    expect(igd.mappings.get(8935)).toMatchObject({
      internalPort: 8935,
      internalClient: '192.168.1.20',
      protocol: 'TCP',
      leaseSeconds: 3600,
      description: 'Livepeer Miner orchestrator',
    });
    await wait(400);
    expect(mapper.status().renewals).toBeGreaterThanOrEqual(1);
    expect(igd.mappings.get(8935)!.adds).toBeGreaterThanOrEqual(2);

    await mapper.stop();
    expect(igd.mappings.size).toBe(0);
    expect(igd.actions).toContain('DeletePortMapping');
    expect(mapper.status().state).toBe('stopped');
  });

  it('maps with a router that offers only IGD:1 (AddPortMapping, WANIPConnection:1)', async () => {
    igd = await startFakeIgd('203.0.113.8', { version: 1 });
    const mapper = createPortMapper({
      port: 8939,
      internalHost: '192.168.1.21',
      upnpDescriptorUrl: igd.descriptorUrl,
      discover: false,
      log,
    });
    expect(await mapper.start()).toMatchObject({ state: 'mapped', method: 'upnp', externalIp: '203.0.113.8' });
    expect(igd.actions).toEqual(['GetExternalIPAddress', 'AddPortMapping']);
    expect(igd.mappings.get(8939)).toMatchObject({ internalClient: '192.168.1.21', leaseSeconds: 3600 });
    await mapper.stop();
    expect(igd.mappings.size).toBe(0);
  });

  it('falls back to NAT-PMP when there is no UPnP router, and removes the mapping on stop', async () => {
    pmp = await startFakePmp('127.0.0.2', '198.51.100.4');
    const mapper = createPortMapper({
      port: 8936,
      internalHost: '192.168.1.20',
      discover: false,
      pmpGateway: '127.0.0.2',
      log,
    });
    const status = await mapper.start();
    expect(status).toMatchObject({ state: 'mapped', method: 'natpmp', externalIp: '198.51.100.4', externalPort: 8936 });
    expect(status.attempts[0]).toMatchObject({ method: 'upnp', ok: false });
    expect(pmp.mappings.get(8936)).toMatchObject({ externalPort: 8936, protocol: 'TCP', leaseSeconds: 3600 });
    await mapper.renew();
    expect(pmp.mappings.get(8936)!.adds).toBe(2);
    await mapper.stop();
    expect(pmp.mappings.size).toBe(0);
  });

  it('explains what to do when every router refuses', async () => {
    igd = await startFakeIgd('203.0.113.7');
    igd.refuse = { code: 606, description: 'Action not authorized' };
    pmp = await startFakePmp('127.0.0.2', '203.0.113.7');
    pmp.resultCode = 2; // not authorized
    const mapper = createPortMapper({
      port: 8937,
      internalHost: '192.168.1.20',
      upnpDescriptorUrl: igd.descriptorUrl,
      pmpGateway: '127.0.0.2',
      timeoutMs: 2000,
      log,
    });
    const status = await mapper.start();
    expect(status.state).toBe('refused');
    expect(status.attempts.map((a) => [a.method, a.ok])).toEqual([
      ['upnp', false],
      ['natpmp', false],
    ]);
    expect(status.attempts[0]!.detail).toContain('606');
    const text = status.advice.join('\n');
    expect(text).toMatch(/Port forwarding/);
    expect(text).toContain('Forward TCP port 8937 to 192.168.1.20, port 8937');
    expect(text).toMatch(/DNS name/);
    expect(igd.mappings.size).toBe(0);
    await mapper.stop();
  });

  it('warns that a mapping cannot help behind carrier-grade NAT', async () => {
    igd = await startFakeIgd('100.72.1.9');
    const mapper = createPortMapper({
      port: 8938,
      internalHost: '192.168.1.20',
      upnpDescriptorUrl: igd.descriptorUrl,
      log,
    });
    const status = await mapper.start();
    expect(status.state).toBe('mapped');
    expect(status.advice.join('\n')).toMatch(/CGNAT/);
    await mapper.stop();
  });
});
