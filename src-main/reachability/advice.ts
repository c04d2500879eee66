// What to tell a home user when the router will not forward the port, or when forwarding cannot
// help (the router's "public" address is itself private: double NAT or carrier-grade NAT).

export type AddressKind = 'public' | 'private' | 'cgnat' | 'loopback';

export function addressKind(ip: string): AddressKind {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return 'public';
  const [a = 0, b = 0] = parts;
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254))
    return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
  return 'public';
}

export interface AdviceInput {
  port: number;
  internalHost: string | null;
  gateway: string | null;
  externalIp: string | null;
  reason: 'refused' | 'no-lan' | AddressKind;
}

export function refusalAdvice(i: AdviceInput): string[] {
  const target = i.internalHost ?? 'this computer';
  const router = i.gateway
    ? `http://${i.gateway}`
    : 'your router’s admin page (often http://192.168.1.1 or http://192.168.0.1)';
  const manual = [
    `Open ${router} in a browser and sign in (the password is often on a sticker on the router).`,
    `Find “Port forwarding” (also called “Virtual server”, “NAT” or “Applications”).`,
    `Forward TCP port ${i.port} to ${target}, port ${i.port}.`,
    `Give this computer a fixed address there (“DHCP reservation”) so the rule keeps pointing at it.`,
    'Run the reachability check again.',
  ];
  const dns =
    'If your public address changes from time to time, use a DNS name instead of the address: turn on dynamic DNS in the router (or a free service such as DuckDNS) and set your service URI to https://<that name>:' +
    `${i.port}.`;
  switch (i.reason) {
    case 'no-lan':
      return [
        'This computer has no private network address, so it is not behind a home router: make sure the firewall allows incoming TCP on the port.',
      ];
    case 'cgnat':
      return [
        `Your router’s internet address (${i.externalIp}) is a shared carrier address (CGNAT): your provider puts many homes behind one public address, so no port forward on your router can make the node reachable.`,
        'Ask your internet provider for a public IPv4 address (sometimes called “static IP” or “disable CGNAT”), or run the node where it has one (a small cloud server).',
      ];
    case 'private':
    case 'loopback':
      return [
        `Your router reports ${i.externalIp} as its internet address, which is itself a private address: there is a second router in front of it (double NAT), for example the provider’s modem.`,
        'Put the provider’s modem in bridge mode, or forward the port on both devices: on the modem to your router, and on your router to this computer.',
        ...manual,
      ];
    default:
      return [
        'Your router did not accept an automatic port forward (UPnP and NAT-PMP are turned off or not supported). You can set one up by hand:',
        ...manual,
        dns,
      ];
  }
}
