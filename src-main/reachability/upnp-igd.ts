// A small UPnP Internet Gateway Device client: SSDP discovery, the device description, and the
// WANIPConnection (IGD:1 or IGD:2) / WANPPPConnection SOAP actions a port forward needs.
// `AddPortMapping` (in both IGD versions) asks for exactly the node's port: the public port must be
// the one in the on-chain service URI, and a refusal comes back at once, where IGD:2's
// `AddAnyPortMapping` makes routers such as miniupnpd search every other port first.
import { createSocket } from 'node:dgram';

export interface IgdService {
  /** The router's address as the description URL names it. */
  host: string;
  serviceType: string;
  controlUrl: string;
  /** 1 or 2: the WANIPConnection version (WANPPPConnection counts as 1). */
  version: number;
}

/** A SOAP fault from the router: UPnP error code (e.g. 718 conflict, 606 not authorized) and text. */
export class UpnpError extends Error {
  readonly code: number;
  constructor(code: number, description: string) {
    super(`UPnP error ${code}${description ? ` (${description})` : ''}`);
    this.code = code;
  }
}

const SSDP_ADDRESS = '239.255.255.250';
const SEARCH_TARGETS = [
  'urn:schemas-upnp-org:device:InternetGatewayDevice:2',
  'urn:schemas-upnp-org:device:InternetGatewayDevice:1',
];

/**
 * SSDP M-SEARCH for an IGD; resolves with the first description URL (LOCATION) or null.
 * `localAddress` picks the interface the multicast leaves from (default: the system's choice).
 */
export function discoverIgd(options: { localAddress?: string; timeoutMs?: number } = {}): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    let done = false;
    const finish = (location: string | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve(location);
    };
    const timer = setTimeout(() => finish(null), options.timeoutMs ?? 3000);
    socket.on('error', () => finish(null));
    socket.on('message', (msg) => {
      const location = /^location:\s*(\S+)/im.exec(msg.toString('utf8'))?.[1];
      if (location) finish(location);
    });
    socket.bind(0, options.localAddress, () => {
      if (options.localAddress) socket.setMulticastInterface(options.localAddress);
      for (const st of SEARCH_TARGETS) {
        const search = `M-SEARCH * HTTP/1.1\r\nHOST: ${SSDP_ADDRESS}:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: ${st}\r\n\r\n`;
        socket.send(search, 1900, SSDP_ADDRESS);
      }
    });
  });
}

/** Reads the device description and picks its WAN connection service (IGD:2 preferred). */
export async function openIgd(location: string, timeoutMs = 5000): Promise<IgdService> {
  const res = await fetch(location, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`The router's description ${location} answered HTTP ${res.status}`);
  const xml = await res.text();
  const base = new URL(/<URLBase>\s*([^<\s]+)\s*<\/URLBase>/i.exec(xml)?.[1] ?? location);
  const services = [...xml.matchAll(/<service>(.*?)<\/service>/gis)].map(([, block = '']) => ({
    type: /<serviceType>\s*([^<\s]+)\s*<\/serviceType>/i.exec(block)?.[1] ?? '',
    control: /<controlURL>\s*([^<\s]+)\s*<\/controlURL>/i.exec(block)?.[1] ?? '',
  }));
  const rank = (t: string): number =>
    t.endsWith(':WANIPConnection:2')
      ? 3
      : t.endsWith(':WANIPConnection:1')
        ? 2
        : t.endsWith(':WANPPPConnection:1')
          ? 1
          : 0;
  const best = services.filter((s) => rank(s.type) > 0 && s.control).sort((a, b) => rank(b.type) - rank(a.type))[0];
  if (!best) throw new Error('The router offers no WAN connection service (not an Internet Gateway Device)');
  return {
    host: new URL(location).hostname.replace(/^\[|\]$/g, ''),
    serviceType: best.type,
    controlUrl: new URL(best.control, base).toString(),
    version: best.type.endsWith(':2') ? 2 : 1,
  };
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => XML_ENTITIES[c] ?? c);

/** One SOAP action; resolves with the response's out-arguments, rejects with UpnpError on a fault. */
export async function soapAction(
  svc: IgdService,
  action: string,
  args: [string, string | number][],
  timeoutMs = 5000,
): Promise<Record<string, string>> {
  const body =
    '<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>' +
    `<u:${action} xmlns:u="${svc.serviceType}">` +
    args.map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`).join('') +
    `</u:${action}></s:Body></s:Envelope>`;
  const res = await fetch(svc.controlUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset="utf-8"', soapaction: `"${svc.serviceType}#${action}"` },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const xml = await res.text();
  const fault = /<errorCode>\s*(\d+)\s*<\/errorCode>/i.exec(xml);
  if (!res.ok || fault) {
    const description = /<errorDescription>([^<]*)<\/errorDescription>/i.exec(xml)?.[1] ?? `HTTP ${res.status}`;
    throw new UpnpError(fault ? Number(fault[1]) : res.status, description);
  }
  const out: Record<string, string> = {};
  for (const [, name = '', value = ''] of xml.matchAll(/<(New\w+)>([^<]*)<\/\1>/g)) out[name] = value;
  return out;
}

export async function externalIp(svc: IgdService, timeoutMs?: number): Promise<string> {
  const out = await soapAction(svc, 'GetExternalIPAddress', [], timeoutMs);
  const ip = out.NewExternalIPAddress ?? '';
  if (!ip) throw new Error('The router does not know its public address (not connected?)');
  return ip;
}

export interface PortMappingRequest {
  externalPort: number;
  internalPort: number;
  internalClient: string;
  protocol: 'TCP' | 'UDP';
  description: string;
  leaseSeconds: number;
}

export async function addPortMapping(svc: IgdService, m: PortMappingRequest, timeoutMs?: number): Promise<void> {
  const args: [string, string | number][] = [
    ['NewRemoteHost', ''],
    ['NewExternalPort', m.externalPort],
    ['NewProtocol', m.protocol],
    ['NewInternalPort', m.internalPort],
    ['NewInternalClient', m.internalClient],
    ['NewEnabled', 1],
    ['NewPortMappingDescription', m.description],
    ['NewLeaseDuration', m.leaseSeconds],
  ];
  try {
    await soapAction(svc, 'AddPortMapping', args, timeoutMs);
  } catch (err) {
    // 725 OnlyPermanentLeasesSupported (many IGD:1 routers): ask again for a lease without expiry
    if (!(err instanceof UpnpError && err.code === 725)) throw err;
    args[7] = ['NewLeaseDuration', 0];
    await soapAction(svc, 'AddPortMapping', args, timeoutMs);
  }
}

export async function deletePortMapping(
  svc: IgdService,
  externalPort: number,
  protocol: 'TCP' | 'UDP',
  timeoutMs?: number,
): Promise<void> {
  await soapAction(
    svc,
    'DeletePortMapping',
    [
      ['NewRemoteHost', ''],
      ['NewExternalPort', externalPort],
      ['NewProtocol', protocol],
    ],
    timeoutMs,
  );
}
