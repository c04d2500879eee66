// The headless transport: the built renderer and the contract over a WebSocket, on 127.0.0.1 only.
// Rigs without a display are run this way, and the UI is tested in Chromium through it. Calls need
// the access token printed at start-up (kept in the data folder: access-token.ts); the page keeps it
// for its origin, and asks ACCESS_PATH whether it is still valid when the WebSocket is refused.
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, MAX_REQUEST_BYTES, WsClientFrame, type WsServerFrame } from '../../src-shared/contract/index.ts';
import { SECURITY_HEADERS } from './csp.ts';
import type { Host } from './host.ts';
import { loadStaticFile } from './static-files.ts';
import { createLogThrottle } from '../log/log-throttle.ts';

export interface HeadlessServerOptions {
  host: Host;
  rendererDir: string;
  port: number;
  /** Defaults to 32 random bytes, hex. */
  token?: string;
  /** Extra plain-HTTP routes served without the token (e.g. /metrics); return false if not handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

export interface HeadlessServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const API_PATH = '/api';
/** GET with `Authorization: Bearer <token>`: 204 when the token is valid, 401 when not. A browser
 *  cannot read why a WebSocket upgrade failed, so the page asks here to tell "host down" from "wrong token". */
export const ACCESS_PATH = '/api/access';

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const log = options.host.log.child('headless');
  const server: Server = createServer((req, res) => {
    void serveHttp(req, res).catch((err: unknown) => {
      log.error(`HTTP ${req.url ?? ''} failed: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === ACCESS_PATH) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      res.writeHead(tokenMatches(given, token) ? 204 : 401, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (options.extraRoutes && (await options.extraRoutes(req, res))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await loadStaticFile(options.rendererDir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  // Anyone on the machine can knock: a flood of refusals must not push real entries out of the Logs.
  const refusals = createLogThrottle({ write: (m) => log.warn(m), what: 'refused WebSocket connections' });
  server.on('upgrade', (req, socket, head) => {
    const refusal = checkUpgrade(req, token, boundPort());
    if (refusal) {
      refusals.note(`Refused a WebSocket connection: ${refusal}`);
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const send = (frame: WsServerFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = options.host.events.subscribe((message) => send({ type: 'event', ...message }));
    ws.on('close', unsubscribe);
    // ws reports protocol violations (e.g. an oversized frame) as 'error' and closes the socket;
    // without a listener that error would be thrown and take the host down.
    ws.on('error', (err) => log.warn(`WebSocket client error: ${err.message}`));
    ws.on('message', (data, isBinary) => {
      let frame: WsClientFrame;
      try {
        if (isBinary) throw new Error('binary');
        frame = WsClientFrame.parse(JSON.parse(String(data)));
      } catch {
        send({ type: 'error', error: { code: ErrorCode.BadInput, message: 'Malformed frame' } });
        return;
      }
      const { id, service, method, input } = frame;
      void options.host.router
        .call({ transport: 'ws', authenticated: true }, { service, method, input })
        .then((response) => send({ type: 'result', id, ...response }));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const boundPort = (): number => (server.address() as AddressInfo).port;
  const port = boundPort();
  log.info(`Serving the UI on http://127.0.0.1:${port}/`);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Returns the HTTP status line to refuse with, or null to accept. */
function checkUpgrade(req: IncomingMessage, token: string, port: number): string | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== API_PATH) return '404 Not Found';
  // Browsers always send Origin; a page from another site must not drive the node even with a token.
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    return '403 Forbidden';
  }
  return tokenMatches(url.searchParams.get('token') ?? '', token) ? null : '401 Unauthorized';
}

function tokenMatches(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
