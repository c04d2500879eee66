// The reachability check, from the outside view: is a service URI registered on chain, does it
// point at the address and port this node is reachable at, does the node's port answer TLS with
// HTTP/2 (ALPN h2) here, and what a gateway dialling the on-chain URI gets.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { MappingStatus } from './port-mapper.ts';
import { probeTlsH2, type TlsProbe } from './tls-check.ts';

export interface CheckItem {
  id: 'uri' | 'match' | 'local' | 'gateway' | 'forward';
  /** null: could not be decided (missing input). */
  ok: boolean | null;
  title: string;
  detail: string;
}

export interface ReachabilityReport {
  checkedAt: number;
  orchestrator: string | null;
  onChainUri: string | null;
  /** Where the node is reachable from the internet, as far as we know (mapping or given). */
  publicAddress: string | null;
  /** The URI to register when the on-chain one is wrong or missing. */
  suggestedUri: string | null;
  uriMatches: boolean | null;
  local: TlsProbe | null;
  gateway: TlsProbe | null;
  items: CheckItem[];
  ok: boolean;
}

export interface CheckInput {
  orchestrator: string | null;
  /** The on-chain service URI (ServiceRegistry.getServiceURI), '' when unset. */
  onChainUri: string | null;
  /** The node's listening port on this machine. */
  port: number;
  mapping: MappingStatus | null;
  /** A public address or DNS name the user gave (overrides the mapping's). */
  publicHost?: string | null;
  timeoutMs?: number;
  /** How the gateway's dial is made (default: from this machine); tests dial from another network. */
  gatewayProbe?: (host: string, port: number, timeoutMs: number) => Promise<TlsProbe>;
}

export function parseServiceUri(uri: string): { host: string; port: number } | null {
  const m = /^https:\/\/(\[[^\]]+\]|[^/:]+)(?::(\d{1,5}))?\/?$/.exec(uri.trim());
  if (!m?.[1]) return null;
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 443 };
}

async function resolvesTo(host: string, ip: string): Promise<boolean> {
  if (isIP(host)) return host === ip;
  const all = await lookup(host, { all: true }).catch(() => []);
  return all.some((a) => a.address === ip);
}

export async function checkReachability(input: CheckInput): Promise<ReachabilityReport> {
  const timeoutMs = input.timeoutMs ?? 5000;
  const mapped = input.mapping?.state === 'mapped' ? input.mapping : null;
  const publicHost = input.publicHost ?? mapped?.externalIp ?? null;
  const publicPort = mapped?.externalPort ?? input.port;
  const suggestedUri = publicHost
    ? `https://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${publicPort}`
    : null;
  const items: CheckItem[] = [];
  const onChain = input.onChainUri ? parseServiceUri(input.onChainUri) : null;

  // 1. Registered?
  if (!input.orchestrator) {
    items.push({
      id: 'uri',
      ok: null,
      title: 'Service URI on chain',
      detail: 'No orchestrator account is set up yet.',
    });
  } else if (!input.onChainUri) {
    items.push({
      id: 'uri',
      ok: false,
      title: 'Service URI on chain',
      detail: 'No service URI is registered: gateways cannot find this node.',
    });
  } else if (!onChain) {
    items.push({
      id: 'uri',
      ok: false,
      title: 'Service URI on chain',
      detail: `“${input.onChainUri}” is not a usable URI: gateways need https://host:port.`,
    });
  } else {
    items.push({ id: 'uri', ok: true, title: 'Service URI on chain', detail: input.onChainUri });
  }

  // 2. Does it point here?
  let uriMatches: boolean | null = null;
  if (onChain && publicHost) {
    const hostOk = onChain.host === publicHost || (await resolvesTo(onChain.host, publicHost));
    uriMatches = hostOk && onChain.port === publicPort;
    items.push({
      id: 'match',
      ok: uriMatches,
      title: 'URI points at this node',
      detail: uriMatches
        ? `${onChain.host}:${onChain.port} is this node’s public address.`
        : `The chain says ${onChain.host}:${onChain.port}, but this node is reachable at ${publicHost}:${publicPort}. Update the service URI to ${suggestedUri}.`,
    });
  } else {
    items.push({
      id: 'match',
      ok: null,
      title: 'URI points at this node',
      detail: publicHost
        ? 'Register a service URI first.'
        : 'This node’s public address is unknown: set up port forwarding (or enter your address or DNS name) first.',
    });
  }

  // 3. The node's own port, from this machine
  const local = await probeTlsH2('127.0.0.1', input.port, timeoutMs);
  items.push({
    id: 'local',
    ok: local.problem === null,
    title: 'Node answers TLS with HTTP/2',
    detail: local.problem ?? `Port ${input.port} answers TLS and HTTP/2 (${local.latencyMs} ms).`,
  });

  // 4. What a gateway dialling the on-chain URI gets (from inside the home network this needs the
  // router to support hairpin NAT, so a failure here is a strong hint, not proof)
  const gateway = onChain ? await (input.gatewayProbe ?? probeTlsH2)(onChain.host, onChain.port, timeoutMs) : null;
  if (gateway) {
    items.push({
      id: 'gateway',
      ok: gateway.problem === null,
      title: 'What a gateway sees',
      detail:
        gateway.problem === null
          ? `A gateway dialling ${gateway.host}:${gateway.port} gets TLS with HTTP/2${gateway.certificateSubject ? ` (certificate for ${gateway.certificateSubject})` : ''}.`
          : `${gateway.problem}. Some routers cannot loop back to their own public address, so also check from outside your network.`,
    });
  }

  // 5. The router's forward
  const m = input.mapping;
  items.push({
    id: 'forward',
    ok: m?.state === 'mapped' ? m.advice.length === 0 : m?.state === 'refused' ? false : null,
    title: 'Port forwarded by the router',
    detail:
      m?.state === 'mapped'
        ? `${m.method === 'upnp' ? 'UPnP' : 'NAT-PMP'} forwards ${m.externalIp}:${m.externalPort} to ${m.internalHost}:${m.internalPort}.`
        : m?.state === 'refused'
          ? m.attempts.length === 0
            ? 'This computer has no private network address, so there is no home router to ask; see the note below.'
            : 'The router refused an automatic forward; see the steps below.'
          : 'No automatic forward was requested (fine if you forwarded the port by hand).',
  });

  return {
    checkedAt: Date.now(),
    orchestrator: input.orchestrator,
    onChainUri: input.onChainUri,
    publicAddress: publicHost ? `${publicHost}:${publicPort}` : null,
    suggestedUri,
    uriMatches,
    local,
    gateway,
    items,
    ok: items.every((i) => i.ok !== false) && items.some((i) => i.id === 'gateway' && i.ok === true),
  };
}
