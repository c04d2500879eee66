// Tests only: a home network built from Linux network namespaces around Debian's real UPnP IGD
// daemon (miniupnpd, nftables backend).
//
//   this process (root ns)          router ns                     internet ns
//   LAN 192.168.231.2  ── veth ──  192.168.231.1 | WAN 11.22.33.1 ── veth ── 11.22.33.2 (a "gateway")
//
// miniupnpd listens on the router's LAN side (UPnP IGD on HTTP, NAT-PMP/PCP on 5351) and installs
// its forwards into the router namespace's own nftables (DNAT in prerouting, accept in forward), so a
// client in the internet namespace reaches this process only through a forward the daemon made.
// The WAN side uses an address miniupnpd does not treat as reserved (it refuses to map behind a
// private/TEST-NET address); nothing leaves the namespaces: the only change to the root namespace
// is one LAN veth and a /32 route to the internet namespace's address, both removed on close.
// Needs root, iproute2, nftables and miniupnpd-nftables (scripts/setup.sh installs them).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MINIUPNPD = '/usr/sbin/miniupnpd';

export const LAN_IP = '192.168.231.2';
export const ROUTER_LAN_IP = '192.168.231.1';
export const WAN_IP = '11.22.33.1';
export const OUTSIDE_IP = '11.22.33.2';
const HTTP_PORT = 5000;

export interface PortMappingEntry {
  remoteHost: string;
  externalPort: number;
  protocol: string;
  internalPort: number;
  internalClient: string;
  enabled: boolean;
  description: string;
  leaseSeconds: number;
}

export interface NetnsRouter {
  /** The router's UPnP device description URL (as our port mapper is given it; no SSDP). */
  descriptorUrl: string;
  /** Every mapping the daemon holds, read with GetGenericPortMappingEntry (IGD WANIPConnection). */
  listMappings(): Promise<PortMappingEntry[]>;
  /** The router namespace's nftables ruleset as text (where miniupnpd puts its DNAT rules). */
  nftRules(): Promise<string>;
  /** Runs a command inside the internet namespace. */
  outside(file: string, args: string[], timeoutMs?: number): Promise<string>;
  /** The daemon's own log so far. */
  daemonLog(): string;
  close(): Promise<void>;
}

/** Throws a plain explanation when this machine cannot build the namespaces (the test must fail, not skip). */
export async function netnsPrerequisites(): Promise<void> {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (network namespaces need CAP_NET_ADMIN; CI runs as root)');
  if (!existsSync(MINIUPNPD)) missing.push(`${MINIUPNPD} (apt-get install miniupnpd-nftables)`);
  for (const tool of ['ip', 'nft']) {
    await run('sh', ['-c', `command -v ${tool}`]).catch(() =>
      missing.push(`${tool} (apt-get install iproute2 nftables)`),
    );
  }
  if (missing.length > 0) {
    throw new Error(`The miniupnpd namespace test needs: ${missing.join('; ')}. Run scripts/setup.sh as root.`);
  }
}

interface RouterRules {
  /** miniupnpd permission lines (`allow|deny eport ip/mask iport`), first match wins. */
  permissions: string[];
  /** Offer NAT-PMP/PCP too (default yes). */
  natpmp?: boolean;
}

export async function startNetnsRouter(rules: RouterRules): Promise<NetnsRouter> {
  await netnsPrerequisites();
  const tag = `${process.pid % 100000}`;
  const nsRouter = `lpm${tag}r`;
  const nsOutside = `lpm${tag}i`;
  const lan = `lpm${tag}l`; // root ns end (≤ 15 characters)
  const lanR = `lpm${tag}lr`;
  const wan = `lpm${tag}w`;
  const wanI = `lpm${tag}wi`;
  let dir = '';
  const ip = (...args: string[]) => run('ip', args);
  const inRouter = (...args: string[]) => run('ip', ['netns', 'exec', nsRouter, ...args]);
  let daemon: ChildProcess | null = null;
  let log = '';

  async function teardown(): Promise<void> {
    const d = daemon;
    if (d && d.exitCode === null) {
      const exited = new Promise((r) => d.once('exit', r));
      d.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (d.exitCode === null) d.kill('SIGKILL');
    }
    await ip('link', 'del', lan).catch(() => undefined); // removes its peer and the route through it
    await ip('netns', 'del', nsRouter).catch(() => undefined);
    await ip('netns', 'del', nsOutside).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  try {
    await teardown(); // leftovers of a crashed run with the same pid
    dir = mkdtempSync(join(tmpdir(), 'lpm-miniupnpd-'));
    await ip('netns', 'add', nsRouter);
    await ip('netns', 'add', nsOutside);
    await ip('link', 'add', lan, 'type', 'veth', 'peer', 'name', lanR, 'netns', nsRouter);
    await ip('link', 'add', wan, 'netns', nsRouter, 'type', 'veth', 'peer', 'name', wanI, 'netns', nsOutside);
    await ip('addr', 'add', `${LAN_IP}/24`, 'dev', lan);
    await ip('link', 'set', lan, 'up');
    await ip('-n', nsRouter, 'addr', 'add', `${ROUTER_LAN_IP}/24`, 'dev', lanR);
    await ip('-n', nsRouter, 'addr', 'add', `${WAN_IP}/24`, 'dev', wan);
    for (const dev of ['lo', lanR, wan]) await ip('-n', nsRouter, 'link', 'set', dev, 'up');
    await ip('-n', nsOutside, 'addr', 'add', `${OUTSIDE_IP}/24`, 'dev', wanI);
    for (const dev of ['lo', wanI]) await ip('-n', nsOutside, 'link', 'set', dev, 'up');
    await inRouter('sysctl', '-qw', 'net.ipv4.ip_forward=1');
    // replies from this process to the outside host go back through the router (its forwards are DNAT only)
    await ip('route', 'replace', `${OUTSIDE_IP}/32`, 'via', ROUTER_LAN_IP, 'dev', lan);

    // The router's firewall: forwarding closed except what miniupnpd opens in its own chains
    writeFileSync(
      join(dir, 'rules.nft'),
      `table inet filter {
  chain forward { type filter hook forward priority 0; policy drop; ct state established,related accept; jump miniupnpd; }
  chain miniupnpd { }
}
table inet nat {
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
`,
    );
    await inRouter('nft', '-f', join(dir, 'rules.nft'));
    writeFileSync(
      join(dir, 'miniupnpd.conf'),
      [
        `ext_ifname=${wan}`,
        `listening_ip=${lanR}`,
        `http_port=${HTTP_PORT}`,
        'enable_upnp=yes',
        `enable_natpmp=${rules.natpmp === false ? 'no' : 'yes'}`,
        'secure_mode=yes',
        'system_uptime=yes',
        'uuid=6c1a3b0e-6a3f-4e0c-9b7d-3c7f0e1a2b4c',
        `lease_file=${join(dir, 'leases')}`,
        'upnp_table_name=filter',
        'upnp_nat_table_name=nat',
        'upnp_forward_chain=miniupnpd',
        'upnp_nat_chain=prerouting_miniupnpd',
        'upnp_nat_postrouting_chain=postrouting_miniupnpd',
        ...rules.permissions,
        '',
      ].join('\n'),
    );
    const child = spawn(
      'ip',
      ['netns', 'exec', nsRouter, MINIUPNPD, '-d', '-f', join(dir, 'miniupnpd.conf'), '-P', join(dir, 'pid')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    daemon = child;
    child.stdout.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr.on('data', (b: Buffer) => (log += b.toString()));
    const descriptorUrl = `http://${ROUTER_LAN_IP}:${HTTP_PORT}/rootDesc.xml`;
    const deadline = Date.now() + 10_000;
    let description = '';
    while (!description) {
      if (child.exitCode !== null) throw new Error(`miniupnpd exited (${child.exitCode}): ${log}`);
      if (Date.now() > deadline) throw new Error(`miniupnpd did not answer on ${descriptorUrl}: ${log}`);
      description = await fetch(descriptorUrl, { signal: AbortSignal.timeout(1000) })
        .then((r) => (r.ok ? r.text() : ''))
        .catch(() => '');
      if (!description) await new Promise((r) => setTimeout(r, 100));
    }
    const service =
      /urn:schemas-upnp-org:service:WANIPConnection:(\d)<\/serviceType>.*?<controlURL>([^<]+)<\/controlURL>/s.exec(
        description,
      );
    if (!service) throw new Error('miniupnpd offers no WANIPConnection service');
    const serviceType = `urn:schemas-upnp-org:service:WANIPConnection:${service[1]}`;
    const controlUrl = `http://${ROUTER_LAN_IP}:${HTTP_PORT}${service[2]}`;

    // Our own SOAP call (independent of the port-mapping library under test)
    async function entry(index: number): Promise<PortMappingEntry | null> {
      const body = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><u:GetGenericPortMappingEntry xmlns:u="${serviceType}"><NewPortMappingIndex>${index}</NewPortMappingIndex></u:GetGenericPortMappingEntry></s:Body></s:Envelope>`;
      const res = await fetch(controlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset="utf-8"',
          soapaction: `"${serviceType}#GetGenericPortMappingEntry"`,
        },
        body,
        signal: AbortSignal.timeout(3000),
      });
      const xml = await res.text();
      if (!res.ok) {
        if (/<errorCode>713<\/errorCode>/.test(xml)) return null; // SpecifiedArrayIndexInvalid: past the end
        throw new Error(`GetGenericPortMappingEntry ${index}: HTTP ${res.status} ${xml}`);
      }
      const f = (name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
      return {
        remoteHost: f('NewRemoteHost'),
        externalPort: Number(f('NewExternalPort')),
        protocol: f('NewProtocol'),
        internalPort: Number(f('NewInternalPort')),
        internalClient: f('NewInternalClient'),
        enabled: f('NewEnabled') === '1',
        description: f('NewPortMappingDescription'),
        leaseSeconds: Number(f('NewLeaseDuration')),
      };
    }

    return {
      descriptorUrl,
      async listMappings() {
        const all: PortMappingEntry[] = [];
        for (let i = 0; i < 64; i++) {
          const e = await entry(i);
          if (!e) break;
          all.push(e);
        }
        return all;
      },
      nftRules: async () => (await inRouter('nft', 'list', 'ruleset')).stdout,
      async outside(file, args, timeoutMs = 20_000) {
        const { stdout } = await run('ip', ['netns', 'exec', nsOutside, file, ...args], { timeout: timeoutMs });
        return stdout;
      },
      daemonLog: () =>
        log + (existsSync(join(dir, 'leases')) ? `\nleases:\n${readFileSync(join(dir, 'leases'), 'utf8')}` : ''),
      close: teardown,
    };
  } catch (err) {
    await teardown();
    throw err;
  }
}
