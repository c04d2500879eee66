// Port mapping against Debian's real UPnP IGD daemon, miniupnpd, running in a router network
// namespace this test builds (testing/netns-router.ts), with the real orchestrator node listening on
// the LAN side. UPnP: mapped, public address read, the daemon lists the forward, a gateway in the
// "internet" namespace reaches the node's TLS + h2 port through it (gRPC GetOrchestrator answers),
// renewed, and removed on stop (gone from the daemon's list and its nftables). NAT-PMP the same
// way. Refusal: the daemon's deny rule turns down the default port 8935, and the app explains the
// manual steps. Needs root + miniupnpd-nftables (scripts/setup.sh); fails with a message otherwise.
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { createFfmpegTranscoder } from '../orchestrator/testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../orchestrator/testing/node-fixture.ts';
import { checkReachability } from './check.ts';
import { createPortMapper } from './port-mapper.ts';
import type { TlsProbe } from './tls-check.ts';
import { LAN_IP, ROUTER_LAN_IP, startNetnsRouter, WAN_IP, type NetnsRouter } from './testing/netns-router.ts';

const log = createLogSink({ printLevel: 'error' }).root;
const PROBE = join(import.meta.dirname, 'testing', 'outside-probe.ts');
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface OutsideView {
  probe: TlsProbe;
  orchestrator: { uri: string } | null;
  error: string | null;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '0.0.0.0', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('port mapping with miniupnpd in a network namespace', () => {
  let router: NetnsRouter;
  let node: NodeFixture;
  let port: number;
  const fromOutside = async (host: string, p: number): Promise<OutsideView> =>
    JSON.parse(
      await router.outside(process.execPath, [PROBE, host, String(p), node.gatewayWallet.privateKey]),
    ) as OutsideView;

  beforeAll(async () => {
    // The daemon allows this LAN to forward ephemeral ports (where the node listens here) and
    // denies everything else, e.g. the default 8935 (first matching rule wins)
    router = await startNetnsRouter({
      permissions: ['allow 32768-60999 192.168.231.0/24 32768-60999', 'deny 0-65535 0.0.0.0/0 0-65535'],
    });
    port = await freePort();
    node = await startNodeFixture(createFfmpegTranscoder(), {
      host: '0.0.0.0',
      port,
      serviceUri: `https://${WAN_IP}:${port}`,
    });
  }, 30_000);
  afterAll(async () => {
    await node?.close();
    await router?.close();
  });

  it('maps the node port by UPnP IGD, a gateway outside reaches the node, renews, and removes it on stop', async () => {
    expect(await fromOutside(WAN_IP, port)).toMatchObject({ probe: { tcp: false } }); // closed before mapping

    // The router is found by SSDP multicast on the LAN (no description URL given)
    const mapper = createPortMapper({ port, internalHost: LAN_IP, renewIntervalMs: 400, log });
    const status = await mapper.start();
    expect(status, router.daemonLog()).toMatchObject({
      state: 'mapped',
      method: 'upnp',
      gateway: ROUTER_LAN_IP,
      externalIp: WAN_IP,
      externalPort: port,
      internalHost: LAN_IP,
      advice: [],
    });
    expect(await router.listMappings()).toEqual([
      expect.objectContaining({
        externalPort: port,
        protocol: 'TCP',
        internalPort: port,
        internalClient: LAN_IP,
        enabled: true,
        description: 'Livepeer Miner orchestrator',
      }),
    ]);
    const leaseFirst = (await router.listMappings())[0]!.leaseSeconds;
    expect(leaseFirst).toBeGreaterThan(3500); // the hour we asked for, counting down
    expect(await router.nftRules()).toContain(`dnat ip to ${LAN_IP}:${port}`);

    // The gateway's view: TLS + h2 through the router's forward, and the node answers GetOrchestrator
    const outside = await fromOutside(WAN_IP, port);
    expect(outside.probe).toMatchObject({ tcp: true, tls: true, alpn: 'h2', problem: null });
    expect(outside.orchestrator, outside.error ?? '').toEqual({ uri: `https://${WAN_IP}:${port}` });

    // The full report with the on-chain URI dialled from outside: everything passes
    const report = await checkReachability({
      orchestrator: node.orchWallet.address,
      onChainUri: `https://${WAN_IP}:${port}`,
      port,
      mapping: mapper.status(),
      gatewayProbe: async (h, p) => (await fromOutside(h, p)).probe,
    });
    expect(report.items.map((i) => [i.id, i.ok])).toEqual([
      ['uri', true],
      ['match', true],
      ['local', true],
      ['gateway', true],
      ['forward', true],
    ]);
    expect(report.ok).toBe(true);

    // Renewal: the timer re-adds the mapping; the daemon still holds exactly one
    await wait(1100);
    expect(mapper.status().renewals).toBeGreaterThanOrEqual(1);
    expect(mapper.status().renewedAt!).toBeGreaterThan(mapper.status().mappedAt!);
    expect((await router.listMappings()).map((m) => m.externalPort)).toEqual([port]);

    await mapper.stop();
    expect(mapper.status().state).toBe('stopped');
    expect(await router.listMappings()).toEqual([]);
    expect(await router.nftRules()).not.toContain(`${LAN_IP}:${port}`);
    const after = await fromOutside(WAN_IP, port);
    expect(after.probe.problem).not.toBeNull();
    const closed = await checkReachability({
      orchestrator: node.orchWallet.address,
      onChainUri: `https://${WAN_IP}:${port}`,
      port,
      mapping: mapper.status(),
      gatewayProbe: async (h, p) => (await fromOutside(h, p)).probe,
    });
    expect(closed.items.find((i) => i.id === 'gateway')?.ok).toBe(false);
    expect(closed.ok).toBe(false);
  }, 40_000);

  it('maps by NAT-PMP when no UPnP description is known, and removes it on stop', async () => {
    const mapper = createPortMapper({ port, internalHost: LAN_IP, pmpGateway: ROUTER_LAN_IP, discover: false, log });
    const status = await mapper.start();
    expect(status, router.daemonLog()).toMatchObject({
      state: 'mapped',
      method: 'natpmp',
      externalIp: WAN_IP,
      externalPort: port,
    });
    // miniupnpd keeps NAT-PMP forwards in the same table it lists over UPnP
    expect((await router.listMappings()).map((m) => [m.externalPort, m.internalClient])).toEqual([[port, LAN_IP]]);
    expect((await fromOutside(WAN_IP, port)).probe.alpn).toBe('h2');
    await mapper.renew();
    expect(mapper.status().renewals).toBe(1);
    await mapper.stop();
    expect(await router.listMappings()).toEqual([]);
  }, 30_000);
});

// miniupnpd answers a NAT-PMP request for a denied port by searching every other port first (a
// minute of nftables lookups, during which it answers nothing), so the refusal is shown with
// NAT-PMP off: UPnP refused by the deny rule, NAT-PMP unanswered, as on such a router.
describe('a router whose rules refuse the port (miniupnpd deny rule)', () => {
  let router: NetnsRouter;
  beforeAll(async () => {
    router = await startNetnsRouter({
      permissions: ['allow 32768-60999 192.168.231.0/24 32768-60999', 'deny 0-65535 0.0.0.0/0 0-65535'],
      natpmp: false,
    });
  }, 30_000);
  afterAll(async () => {
    await router?.close();
  });

  it('explains the manual steps when the router’s rules refuse the port', async () => {
    const mapper = createPortMapper({
      port: 8935,
      internalHost: LAN_IP,
      upnpDescriptorUrl: router.descriptorUrl,
      pmpGateway: ROUTER_LAN_IP,
      discover: false,
      timeoutMs: 2000,
      log,
    });
    const status = await mapper.start();
    expect(status.state, JSON.stringify(status.attempts)).toBe('refused');
    expect(status.attempts.map((a) => [a.method, a.ok])).toEqual([
      ['upnp', false],
      ['natpmp', false],
    ]);
    expect(status.attempts[0]!.detail).toMatch(/UPnP error (718|606)/);
    expect(router.daemonLog()).toMatch(/permission rule \d+ matched : port mapping rejected/);
    const advice = status.advice.join('\n');
    expect(advice).toMatch(/forward/i);
    expect(advice).toContain('8935');
    expect(advice).toContain(LAN_IP);
    expect(await router.listMappings()).toEqual([]);
    await mapper.stop();
  }, 30_000);
});
