// Asks the home router to forward the node's port: UPnP IGD first (the router's description URL,
// or SSDP discovery), then NAT-PMP (the router's address, or the default gateway). Renews the
// mapping on a timer, removes it on stop, and when the router refuses explains what to do by hand.
// UPnP is our own small client (upnp-igd.ts: IGD:1 and IGD:2, `AddPortMapping` for exactly the
// node's port); NAT-PMP is @achingbrain/nat-port-mapper (pure JS, maintained by the libp2p
// authors) with its refresh timers off because we renew on our schedule (and its NAT-PMP refresh
// confuses seconds and milliseconds).
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { pmpNat } from '@achingbrain/nat-port-mapper';
import type { Logger } from '../log/logger.ts';
import { addressKind, refusalAdvice } from './advice.ts';
import { addPortMapping, deletePortMapping, discoverIgd, externalIp as igdExternalIp, openIgd } from './upnp-igd.ts';

export type MappingMethod = 'upnp' | 'natpmp';

export interface MappingAttempt {
  method: MappingMethod;
  ok: boolean;
  detail: string;
}

export interface MappingStatus {
  state: 'idle' | 'mapping' | 'mapped' | 'refused' | 'stopped';
  method: MappingMethod | null;
  /** The router's address, as the mapping protocol reached it. */
  gateway: string | null;
  externalIp: string | null;
  externalPort: number | null;
  internalHost: string | null;
  internalPort: number;
  mappedAt: number | null;
  renewedAt: number | null;
  renewals: number;
  attempts: MappingAttempt[];
  /** Plain steps when the mapping failed or cannot help (double NAT / CGNAT). */
  advice: string[];
}

export interface PortMapperOptions {
  port: number;
  /** This machine's LAN address; default: the first private IPv4 of a network interface. */
  internalHost?: string;
  /** The router's UPnP device description URL (skips SSDP discovery). */
  upnpDescriptorUrl?: string;
  /** The router's address for NAT-PMP; default: the default gateway (Linux routing table). */
  pmpGateway?: string;
  /** Skip SSDP discovery when no description URL is given (tests, networks without multicast). */
  discover?: boolean;
  /** The local address SSDP's multicast leaves from (default: the internal host). */
  ssdpInterface?: string;
  timeoutMs?: number;
  /** How long the router should keep the mapping (UPnP routers enforce at least an hour). */
  leaseSeconds?: number;
  /** Renew this often (default half the lease). */
  renewIntervalMs?: number;
  description?: string;
  log: Logger;
  onChange?: (status: MappingStatus) => void;
}

export interface PortMapper {
  status(): MappingStatus;
  /** Maps the port (or re-maps it); resolves with the status either way. */
  start(): Promise<MappingStatus>;
  /** Renews the mapping now (the timer does this by itself). */
  renew(): Promise<MappingStatus>;
  /** Removes the mapping from the router. */
  stop(): Promise<void>;
}

/** One router protocol's view of a forward (UPnP or NAT-PMP). */
interface Forwarder {
  /** The router's address. */
  host: string;
  externalIp(): Promise<string>;
  /** Adds (or renews) the forward; resolves with the public port. */
  map(internalHost: string): Promise<number>;
  unmap(): Promise<void>;
  close(): Promise<void>;
}

/** No mapping yet (or none wanted) for `port`. */
export function idleMapping(port: number): MappingStatus {
  return {
    state: 'idle',
    method: null,
    gateway: null,
    externalIp: null,
    externalPort: null,
    internalHost: null,
    internalPort: port,
    mappedAt: null,
    renewedAt: null,
    renewals: 0,
    attempts: [],
    advice: [],
  };
}

export function createPortMapper(options: PortMapperOptions): PortMapper {
  const timeoutMs = options.timeoutMs ?? 5000;
  const leaseSeconds = options.leaseSeconds ?? 3600;
  const description = options.description ?? 'Livepeer Miner orchestrator';
  let gateway: Forwarder | null = null;
  let timer: NodeJS.Timeout | null = null;
  let status = idleMapping(options.port);
  const set = (patch: Partial<MappingStatus>): MappingStatus => {
    status = { ...status, ...patch };
    options.onChange?.(status);
    return status;
  };

  async function openUpnp(host: string): Promise<Forwarder | null> {
    const location =
      options.upnpDescriptorUrl ??
      (options.discover === false
        ? null
        : await discoverIgd({ localAddress: options.ssdpInterface ?? host, timeoutMs: Math.min(timeoutMs, 3000) }));
    if (!location) return null;
    const svc = await openIgd(location, timeoutMs);
    return {
      host: svc.host,
      externalIp: () => igdExternalIp(svc, timeoutMs),
      async map(internalHost) {
        await addPortMapping(
          svc,
          {
            externalPort: options.port,
            internalPort: options.port,
            internalClient: internalHost,
            protocol: 'TCP',
            description,
            leaseSeconds,
          },
          timeoutMs,
        );
        return options.port;
      },
      unmap: () => deletePortMapping(svc, options.port, 'TCP', timeoutMs),
      close: async () => undefined,
    };
  }

  function openPmp(): Forwarder | null {
    const ip = options.pmpGateway ?? defaultGateway();
    if (!ip) return null;
    const g = pmpNat(ip, { autoRefresh: false, description });
    return {
      host: ip,
      externalIp: () => g.externalIp({ signal: AbortSignal.timeout(timeoutMs) }),
      async map(internalHost) {
        const m = await g.map(options.port, internalHost, {
          externalPort: options.port,
          protocol: 'TCP',
          description,
          autoRefresh: false,
          ttl: leaseSeconds, // NAT-PMP writes this number as seconds
          signal: AbortSignal.timeout(timeoutMs),
        });
        return m.externalPort;
      },
      unmap: () => g.unmap(options.port, { signal: AbortSignal.timeout(timeoutMs) }),
      close: () => g.stop({ signal: AbortSignal.timeout(timeoutMs) }),
    };
  }

  async function mapWith(method: MappingMethod, g: Forwarder, host: string): Promise<void> {
    const externalIp = await g.externalIp();
    const externalPort = await g.map(host);
    gateway = g;
    const now = Date.now();
    const kind = addressKind(externalIp);
    set({
      state: 'mapped',
      method,
      gateway: g.host,
      externalIp,
      externalPort,
      internalHost: host,
      mappedAt: status.mappedAt ?? now,
      renewedAt: now,
      advice:
        kind === 'public'
          ? []
          : refusalAdvice({ port: options.port, internalHost: host, gateway: g.host, externalIp, reason: kind }),
    });
  }

  async function start(): Promise<MappingStatus> {
    const host = options.internalHost ?? lanAddress();
    const attempts: MappingAttempt[] = [];
    set({ state: 'mapping', internalHost: host, attempts });
    if (!host) {
      return set({
        state: 'refused',
        advice: refusalAdvice({
          port: options.port,
          internalHost: null,
          gateway: null,
          externalIp: null,
          reason: 'no-lan',
        }),
      });
    }
    const tries: [MappingMethod, () => Promise<Forwarder | null>][] = [
      ['upnp', () => openUpnp(host)],
      ['natpmp', async () => openPmp()],
    ];
    for (const [method, open] of tries) {
      let g: Forwarder | null = null;
      try {
        g = await open();
        if (!g) {
          attempts.push({ method, ok: false, detail: 'No router found' });
          continue;
        }
        await mapWith(method, g, host);
        attempts.push({ method, ok: true, detail: `Mapped TCP ${options.port} on ${g.host}` });
        set({ attempts: [...attempts] });
        schedule();
        options.log.info(`Port ${options.port} forwarded by ${method} on ${g.host} (public ${status.externalIp})`);
        return status;
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        attempts.push({ method, ok: false, detail });
        options.log.warn(`${method} port mapping failed: ${detail}`);
        await g?.close().catch(() => undefined);
      }
    }
    return set({
      state: 'refused',
      method: null,
      attempts: [...attempts],
      advice: refusalAdvice({
        port: options.port,
        internalHost: host,
        gateway: null,
        externalIp: null,
        reason: 'refused',
      }),
    });
  }

  function schedule(): void {
    if (timer) clearInterval(timer);
    timer = setInterval(
      () => void renew().catch(() => undefined),
      options.renewIntervalMs ?? (leaseSeconds * 1000) / 2,
    );
    timer.unref();
  }

  async function renew(): Promise<MappingStatus> {
    const g = gateway;
    if (!g || !status.method || !status.internalHost) return status;
    try {
      await g.map(status.internalHost);
      return set({ renewedAt: Date.now(), renewals: status.renewals + 1 });
    } catch (err) {
      options.log.warn(`Renewing the port mapping failed: ${err instanceof Error ? err.message : String(err)}`);
      return status;
    }
  }

  async function stop(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    const g = gateway;
    gateway = null;
    if (g) {
      await g.unmap().catch((err: unknown) => {
        options.log.warn(`Removing the port mapping failed: ${err instanceof Error ? err.message : String(err)}`);
      });
      await g.close().catch(() => undefined);
      options.log.info(`Port mapping for ${options.port} removed`);
    }
    set({ state: 'stopped' });
  }

  return { status: () => status, start, renew, stop };
}

/** The first private IPv4 address of this machine (what the router forwards to). */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal && addressKind(a.address) === 'private') return a.address;
    }
  }
  return null;
}

/** The IPv4 default gateway from Linux's routing table; null elsewhere. */
export function defaultGateway(routeFile = '/proc/net/route'): string | null {
  try {
    for (const line of readFileSync(routeFile, 'utf8').split('\n').slice(1)) {
      const [, destination, gatewayHex] = line.trim().split(/\s+/);
      if (destination === '00000000' && gatewayHex && gatewayHex !== '00000000') {
        const n = parseInt(gatewayHex, 16); // little-endian
        return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
      }
    }
  } catch {
    // not Linux, or no routing table: NAT-PMP needs the address given
  }
  return null;
}
