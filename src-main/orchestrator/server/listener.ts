// The service port (default 8935): TLS with ALPN h2 (and http/1.1, which gateways fall back to for
// /segment), serving gRPC net.Orchestrator to HTTP/2 requests whose content type starts with
// application/grpc (as go-livepeer's lphttp.ServeHTTP routes them), and the HTTP routes
// POST /segment and GET /stream/… beside it.
import {
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type ServerHttp2Session,
} from 'node:http2';
import type { Socket } from 'node:net';
import { Code, ConnectError } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import type { Logger } from '../../log/logger.ts';
import { Orchestrator as OrchestratorService, Transcoder as TranscoderService } from '../proto/generated/lp_rpc_pb.js';
import type { RemoteTranscoders } from '../remote/remote-transcoders.ts';
import { ProtocolError, type Orchestrator } from './orchestrator.ts';
import {
  DEFAULT_CONNECTION_LIMITS,
  guardConnections,
  type ConnectionGuard,
  type ConnectionLimits,
} from './connection-guard.ts';
import type { RenditionStore } from './rendition-store.ts';
import { DEFAULT_SEGMENT_ROUTE_OPTIONS, serveSegment, type SegmentRouteOptions } from './segment-route.ts';
import type { TlsMaterial } from './tls-cert.ts';

export interface ServiceListenerOptions {
  readonly orchestrator: Orchestrator;
  readonly renditions: RenditionStore;
  readonly tls: TlsMaterial;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly log: Logger;
  readonly segment?: Partial<SegmentRouteOptions>;
  /** Connection cap, per-IP share, timeouts and the gRPC message cap (connection-guard.ts). */
  readonly limits?: Partial<ConnectionLimits>;
  /** Remote transcoders: net.Transcoder, POST /transcodeResults and their inputs (only when set, as go-livepeer). */
  readonly remote?: RemoteTranscoders;
}

export interface ServiceListener {
  readonly port: number;
  close(): Promise<void>;
}

/** Go returns plain errors as gRPC UNKNOWN with the text, which go-livepeer clients match on. */
function grpcCall<T>(call: () => Promise<T>): Promise<T> {
  return call().catch((err: unknown) => {
    const message = err instanceof ProtocolError ? err.message : 'internal error';
    throw new ConnectError(message, Code.Unknown);
  });
}

/**
 * grpc-message as the gRPC spec and grpc-go encode it: only bytes outside printable ASCII and '%'
 * are percent-encoded (Connect encodes like encodeURIComponent, so ':' would become %3A for
 * clients that do not decode, such as grpc-js).
 */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(message)) {
    out +=
      b >= 0x20 && b <= 0x7e && b !== 0x25
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Set by the listener on gRPC requests (any client value is overwritten): the peer's ip:port. */
const PEER_HEADER = 'x-livepeer-miner-peer';

/** A server stream whose plain errors reach the client as gRPC UNKNOWN with the text, as from Go. */
async function* grpcStream<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (err) {
    throw new ConnectError(err instanceof ProtocolError ? err.message : 'internal error', Code.Unknown);
  }
}

/** Results are a few MB at most (one segment's renditions). */
const MAX_RESULTS_BYTES = 256 << 20;

function serveTranscodeResults(remote: RemoteTranscoders, req: Http2ServerRequest, res: Http2ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= MAX_RESULTS_BYTES) chunks.push(c);
  });
  req.on('end', () => {
    const answer =
      size > MAX_RESULTS_BYTES
        ? { status: 413, text: 'Request Entity Too Large' }
        : remote.results(req.headers, new Uint8Array(Buffer.concat(chunks)));
    res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(answer.text);
  });
  req.on('error', () => res.destroy());
}

type NodeHeaders = Record<string, string | string[] | number | undefined>;
function fixGrpcMessage(h: NodeHeaders | undefined): NodeHeaders | undefined {
  const m = h?.['grpc-message'];
  if (typeof m !== 'string') return h;
  let text = m;
  try {
    text = decodeURIComponent(m);
  } catch {
    // already not URI-encoded: keep as is
  }
  return { ...h, 'grpc-message': encodeGrpcMessage(text) };
}

/** Re-encodes grpc-message in the headers (trailers-only answers) and trailers Connect writes. */
function withSpecGrpcMessage(res: Http2ServerResponse): Http2ServerResponse {
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: NodeHeaders) => Http2ServerResponse;
  const addTrailers = res.addTrailers.bind(res);
  Object.assign(res, {
    writeHead: (status: number, headers?: NodeHeaders) => writeHead(status, fixGrpcMessage(headers)),
    addTrailers: (t: NodeHeaders) => addTrailers(fixGrpcMessage(t) as Parameters<typeof addTrailers>[0]),
  });
  return res;
}

export async function startServiceListener(o: ServiceListenerOptions): Promise<ServiceListener> {
  const log = o.log.child('service');
  const segmentOptions = { ...DEFAULT_SEGMENT_ROUTE_OPTIONS, ...o.segment };
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...o.limits };
  const orch = o.orchestrator;

  const notFound = (res: Http2ServerResponse) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('404 page not found\n');
  };
  const grpc = connectNodeAdapter({
    grpc: true,
    grpcWeb: false,
    connect: false,
    // Refused from the message's length prefix, before its body is buffered.
    readMaxBytes: limits.grpcMaxBytes,
    routes: (router) => {
      router.service(OrchestratorService, {
        getOrchestrator: (req) => grpcCall(() => orch.getOrchestrator(req)),
        ping: (req) => grpcCall(() => orch.ping(req)),
        endTranscodingSession: (req) => grpcCall(() => orch.endTranscodingSession(req)),
      });
      const remote = o.remote;
      if (remote)
        router.service(TranscoderService, {
          registerTranscoder: (req, ctx) =>
            grpcStream(remote.register(req, ctx.requestHeader.get(PEER_HEADER) ?? '', ctx.signal)),
        });
    },
    fallback: (_req, res) => notFound(res as Http2ServerResponse),
  });

  let guard: ConnectionGuard | null = null;
  const handle = (req: Http2ServerRequest, res: Http2ServerResponse): void => {
    res.once('close', guard?.requestStarted(req.socket) ?? (() => undefined));
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const contentType = req.headers['content-type'] ?? '';
    if (req.httpVersionMajor === 2 && contentType.startsWith('application/grpc')) {
      req.headers[PEER_HEADER] = `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`;
      void grpc(req, withSpecGrpcMessage(res));
    } else if (o.remote && path === '/transcodeResults' && req.method === 'POST') {
      serveTranscodeResults(o.remote, req, res);
    } else if (o.remote && path.startsWith('/stream/') && path.endsWith('.tempfile') && req.method === 'GET') {
      const data = o.remote.input(path.slice('/stream/'.length));
      if (!data) return notFound(res);
      res.writeHead(200, { 'content-type': 'video/mp2t', 'content-length': String(data.length) });
      res.end(data);
    } else if (path === '/segment' && req.method === 'POST') {
      void serveSegment(orch, req, res, segmentOptions, log);
    } else if (path.startsWith('/stream/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const data = o.renditions.get(path.slice('/stream/'.length));
      if (!data) return notFound(res);
      res.writeHead(200, {
        'content-type': path.endsWith('.mp4') ? 'video/mp4' : 'video/mp2t',
        'content-length': String(data.length),
      });
      if (req.method === 'HEAD') res.end();
      else res.end(data);
    } else {
      notFound(res);
    }
  };

  const server: Http2SecureServer = createSecureServer(
    {
      key: o.tls.key,
      cert: o.tls.cert,
      allowHTTP1: true,
      // Payment headers carry up to hundreds of tickets; Go's default header limit is 1 MB.
      maxSessionMemory: 64,
      // Refused uploads are drained, but a busy gateway connection must not be cut for the
      // frames that race with a refusal: allow more than Node's defaults (1000 / 100).
      maxSessionInvalidFrames: 10_000,
      maxSessionRejectedStreams: 1_000,
      settings: { maxHeaderListSize: 1 << 20 },
      maxHeaderSize: 1 << 20,
      handshakeTimeout: limits.firstRequestTimeoutMs,
    } as Parameters<typeof createSecureServer>[0],
    handle,
  );
  guard = guardConnections(server, limits);
  const sessions = new Set<ServerHttp2Session>();
  const sockets = new Set<Socket>();
  server.on('session', (s: ServerHttp2Session) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A peer that breaks TLS or HTTP/2 framing must not take the listener down.
  server.on('sessionError', (err) => log.debug(`session error: ${err.message}`));
  server.on('tlsClientError', (err) => log.debug(`tls error: ${err.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  log.info(`service listening on https://${o.host}:${port}`);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        guard?.close();
        server.close(() => resolve());
        for (const s of sessions) s.destroy();
        for (const s of sockets) s.destroy();
      }),
  };
}
