// Test doubles for a home router on loopback: a UPnP IGD:2 (device description plus the
// WANIPConnection:2 SOAP control URL, no SSDP) and a NAT-PMP responder (RFC 6886) on UDP 5351.
// Both keep the mappings they were asked for so tests can see creation, renewal and removal,
// and both can be told to refuse.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface FakeMapping {
  externalPort: number;
  internalPort: number;
  internalClient: string;
  protocol: string;
  leaseSeconds: number;
  description: string;
  /** How many times it was (re)added. */
  adds: number;
}

export interface FakeIgd {
  descriptorUrl: string;
  mappings: Map<number, FakeMapping>;
  actions: string[];
  /** When set, adding a mapping answers this UPnP error (e.g. 606 Action not authorized). */
  refuse: { code: number; description: string } | null;
  close(): Promise<void>;
}

function description(SERVICE: string, v: number): string {
  return `<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
  <specVersion><major>1</major><minor>0</minor></specVersion>
  <device>
    <deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:${v}</deviceType>
    <friendlyName>Fake home router</friendlyName>
    <UDN>uuid:fake-igd-0001</UDN>
    <deviceList><device>
      <deviceType>urn:schemas-upnp-org:device:WANDevice:${v}</deviceType>
      <UDN>uuid:fake-wan-0001</UDN>
      <deviceList><device>
        <deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:${v}</deviceType>
        <UDN>uuid:fake-wanconn-0001</UDN>
        <serviceList><service>
          <serviceType>${SERVICE}</serviceType>
          <serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>
          <controlURL>/ctl/IPConn</controlURL>
          <eventSubURL>/evt/IPConn</eventSubURL>
          <SCPDURL>/WANIPCn.xml</SCPDURL>
        </service></serviceList>
      </device></deviceList>
    </device></deviceList>
  </device>
</root>`;
}

const envelope = (body: string): string =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body>${body}</s:Body></s:Envelope>`;

const field = (xml: string, name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => resolve(s));
  });

/** An IGD:2 router by default; `version: 1` offers only IGD:1's WANIPConnection:1 (no AddAnyPortMapping). */
export async function startFakeIgd(externalIp: string, options: { version?: 1 | 2 } = {}): Promise<FakeIgd> {
  const version = options.version ?? 2;
  const SERVICE = `urn:schemas-upnp-org:service:WANIPConnection:${version}`;
  const mappings = new Map<number, FakeMapping>();
  const actions: string[] = [];
  const state: { refuse: FakeIgd['refuse'] } = { refuse: null };
  const server: Server = createServer((req, res) => {
    const xml = (status: number, body: string): void => {
      res.writeHead(status, { 'content-type': 'text/xml; charset="utf-8"' });
      res.end(body);
    };
    if (req.method === 'GET' && req.url === '/rootDesc.xml') return xml(200, description(SERVICE, version));
    if (req.method !== 'POST' || req.url !== '/ctl/IPConn') {
      res.writeHead(404);
      return res.end();
    }
    void readBody(req).then((body) => {
      const action = /#(\w+)"?$/.exec(String(req.headers.soapaction ?? ''))?.[1] ?? '';
      actions.push(action);
      const fault = (code: number, text: string): void =>
        xml(
          500,
          envelope(
            `<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns="urn:schemas-upnp-org:control-1-0"><errorCode>${code}</errorCode><errorDescription>${text}</errorDescription></UPnPError></detail></s:Fault>`,
          ),
        );
      switch (action) {
        case 'GetExternalIPAddress':
          return xml(
            200,
            envelope(
              `<u:GetExternalIPAddressResponse xmlns:u="${SERVICE}"><NewExternalIPAddress>${externalIp}</NewExternalIPAddress></u:GetExternalIPAddressResponse>`,
            ),
          );
        case 'AddPortMapping':
        case 'AddAnyPortMapping': {
          if (action === 'AddAnyPortMapping' && version === 1) return fault(401, 'Invalid Action');
          if (state.refuse) return fault(state.refuse.code, state.refuse.description);
          const externalPort = Number(field(body, 'NewExternalPort'));
          const prev = mappings.get(externalPort);
          mappings.set(externalPort, {
            externalPort,
            internalPort: Number(field(body, 'NewInternalPort')),
            internalClient: field(body, 'NewInternalClient'),
            protocol: field(body, 'NewProtocol'),
            leaseSeconds: Number(field(body, 'NewLeaseDuration')),
            description: field(body, 'NewPortMappingDescription'),
            adds: (prev?.adds ?? 0) + 1,
          });
          return xml(
            200,
            envelope(
              action === 'AddPortMapping'
                ? `<u:AddPortMappingResponse xmlns:u="${SERVICE}"></u:AddPortMappingResponse>`
                : `<u:AddAnyPortMappingResponse xmlns:u="${SERVICE}"><NewReservedPort>${externalPort}</NewReservedPort></u:AddAnyPortMappingResponse>`,
            ),
          );
        }
        case 'DeletePortMapping': {
          const port = Number(field(body, 'NewExternalPort'));
          if (!mappings.delete(port)) return fault(714, 'NoSuchEntryInArray');
          return xml(200, envelope(`<u:DeletePortMappingResponse xmlns:u="${SERVICE}"></u:DeletePortMappingResponse>`));
        }
        default:
          return fault(401, 'Invalid Action');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    descriptorUrl: `http://127.0.0.1:${port}/rootDesc.xml`,
    mappings,
    actions,
    get refuse() {
      return state.refuse;
    },
    set refuse(v) {
      state.refuse = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface FakePmp {
  address: string;
  mappings: Map<number, FakeMapping>;
  /** Result code for mapping requests (0 success, 2 not authorized, 3 network failure…). */
  resultCode: number;
  close(): Promise<void>;
}

/** A NAT-PMP server on `address`:5351 (any 127.x.y.z works on Linux loopback). */
export async function startFakePmp(address: string, externalIp: string): Promise<FakePmp> {
  const mappings = new Map<number, FakeMapping>();
  const started = Date.now();
  const state = { resultCode: 0 };
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const op = msg.readUInt8(1);
    const epoch = Math.floor((Date.now() - started) / 1000);
    if (op === 0) {
      const out = Buffer.alloc(12);
      out.writeUInt8(128, 1);
      out.writeUInt32BE(epoch, 4);
      externalIp.split('.').forEach((n, i) => out.writeUInt8(Number(n), 8 + i));
      socket.send(out, rinfo.port, rinfo.address);
      return;
    }
    const internalPort = msg.readUInt16BE(4);
    const externalPort = msg.readUInt16BE(6);
    const lifetime = msg.readUInt32BE(8);
    const out = Buffer.alloc(16);
    out.writeUInt8(128 + op, 1);
    out.writeUInt16BE(state.resultCode, 2);
    out.writeUInt32BE(epoch, 4);
    out.writeUInt16BE(internalPort, 8);
    if (state.resultCode === 0) {
      if (lifetime === 0) mappings.delete(internalPort);
      else {
        const prev = mappings.get(internalPort);
        mappings.set(internalPort, {
          externalPort,
          internalPort,
          internalClient: rinfo.address,
          protocol: op === 2 ? 'TCP' : 'UDP',
          leaseSeconds: lifetime,
          description: '',
          adds: (prev?.adds ?? 0) + 1,
        });
      }
      out.writeUInt16BE(lifetime === 0 ? 0 : externalPort, 10);
      out.writeUInt32BE(lifetime, 12);
    }
    socket.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(5351, address, () => resolve());
  });
  return {
    address,
    mappings,
    get resultCode() {
      return state.resultCode;
    },
    set resultCode(v) {
      state.resultCode = v;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
