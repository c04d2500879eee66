// Asks the home router to forward the node's port: UPnP IGD first (the router's description URL,
// or SSDP discovery), then NAT-PMP (the router's address, or the default gateway). Renews the
// mapping on a timer, removes it on stop, and when the router refuses explains what to do by hand.
// The protocol work is @achingbrain/nat-port-mapper (pure JS, maintained by the libp2p authors);
// its own refresh timers are off because we renew on our schedule (and its NAT-PMP refresh
// confuses seconds and milliseconds).
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { pmpNat, upnpNat, type Gateway } from '@achingbrain/nat-port-mapper';
import type { Logger } from '../log/logger.ts';
import { addressKind, refusalAdvice } from './advice.ts';

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

export function createPortMapper(options: PortMapperOptions): PortMapper {
  const timeoutMs = options.timeoutMs ?? 5000;
  const leaseSeconds = options.leaseSeconds ?? 3600;
  const description = options.description ?? 'Livepeer Miner orchestrator';
  let gateway: Gateway | null = null;
  let timer: NodeJS.Timeout | null = null;
  let status: MappingStatus = {
    state: 'idle',
    method: null,
    gateway: null,
    externalIp: null,
    externalPort: null,
    internalHost: null,
    internalPort: options.port,
    mappedAt: null,
    renewedAt: null,
    renewals: 0,
    attempts: [],
    advice: [],
  };
  const set = (patch: Partial<MappingStatus>): MappingStatus => {
    status = { ...status, ...patch };
    options.onChange?.(status);
    return status;
  };

  async function openUpnp(): Promise<Gateway | null> {
    const client = upnpNat({ autoRefresh: false, description });
    const signal = AbortSignal.timeout(timeoutMs);
    if (options.upnpDescriptorUrl) return client.getGateway(new URL(options.upnpDescriptorUrl), { signal });
    if (options.discover === false) return null;
    for await (const found of client.findGateways({ signal })) {
      if (found.family === 'IPv4') return found;
    }
    return null;
  }

  async function mapWith(method: MappingMethod, g: Gateway, host: string): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    const externalIp = await g.externalIp({ signal });
    const mapping = await g.map(options.port, host, {
      externalPort: options.port,
      protocol: 'TCP',
      description,
      autoRefresh: false,
      // UPnP takes milliseconds (rounded to seconds, at least an hour); NAT-PMP writes this number as seconds
      ttl: method === 'upnp' ? leaseSeconds * 1000 : leaseSeconds,
      signal,
    });
    gateway = g;
    const now = Date.now();
    const kind = addressKind(externalIp);
    set({
      state: 'mapped',
      method,
      gateway: g.host,
      externalIp,
      externalPort: mapping.externalPort,
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
    const tries: [MappingMethod, () => Promise<Gateway | null>][] = [
      ['upnp', openUpnp],
      [
        'natpmp',
        async () => {
          const ip = options.pmpGateway ?? defaultGateway();
          return ip ? pmpNat(ip, { autoRefresh: false, description }) : null;
        },
      ],
    ];
    for (const [method, open] of tries) {
      let g: Gateway | null = null;
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
        await g?.stop().catch(() => undefined);
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
      await g.map(options.port, status.internalHost, {
        externalPort: options.port,
        protocol: 'TCP',
        description,
        autoRefresh: false,
        ttl: status.method === 'upnp' ? leaseSeconds * 1000 : leaseSeconds,
        signal: AbortSignal.timeout(timeoutMs),
      });
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
      await g.unmap(options.port, { signal: AbortSignal.timeout(timeoutMs) }).catch((err: unknown) => {
        options.log.warn(`Removing the port mapping failed: ${err instanceof Error ? err.message : String(err)}`);
      });
      await g.stop({ signal: AbortSignal.timeout(timeoutMs) }).catch(() => undefined);
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
