// POST /segment on the wire (go-livepeer server/segment_rpc.go ServeSegment): header checks,
// bounded body read (or fetch of the URL the body names), hash check, the early 200 flushed
// before transcoding, then the TranscodeResult protobuf as the rest of the body.
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Logger } from '../../log/logger.ts';
import { redact } from '../../log/redact.ts';
import { ProtocolError, type Orchestrator } from './orchestrator.ts';

export interface SegmentRouteOptions {
  /** go-livepeer MaxSegSize is 300 MB; a node may choose less. */
  readonly maxSegmentBytes: number;
  /** A body that has not arrived by then is refused (slow clients). */
  readonly bodyTimeoutMs: number;
  /** go-livepeer aborts URL segments that take longer than 8 s to fetch. */
  readonly fetchTimeoutMs: number;
}

export const DEFAULT_SEGMENT_ROUTE_OPTIONS: SegmentRouteOptions = {
  maxSegmentBytes: 300_000_000,
  bodyTimeoutMs: 30_000,
  fetchTimeoutMs: 8_000,
};

/** The request surface shared by Node's HTTP/1 and HTTP/2 compatibility objects. */
export type SegmentRequest = Readable & { readonly headers: IncomingHttpHeaders };

/** How long a refused upload may keep streaming before its stream is reset. */
const DRAIN_MS = 2_000;

export interface SegmentResponse {
  writeHead(status: number, headers?: Record<string, string>): unknown;
  flushHeaders?(): void;
  end(data?: Uint8Array | string): unknown;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
}

const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export async function serveSegment(
  orch: Orchestrator,
  req: SegmentRequest,
  res: SegmentResponse,
  opts: SegmentRouteOptions,
  log: Logger,
): Promise<void> {
  const fail = (status: number, message: string) => {
    if (!res.headersSent) {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end(message + '\n');
    }
    // Discard the rest of a refused upload, so the gateway's HTTP/2 connection stays healthy
    // (frames on a stream we abandoned count as protocol abuse), but not forever.
    if (!req.readableEnded) {
      const timer = setTimeout(() => req.destroy(), DRAIN_MS);
      timer.unref();
      req.once('close', () => clearTimeout(timer));
      req.resume();
    }
  };
  const aborter = new AbortController();
  try {
    const checked = await orch.checkSegmentHeaders(
      header(req.headers, 'livepeer-payment'),
      header(req.headers, 'livepeer-segment'),
    );
    const declared = Number(header(req.headers, 'content-length') ?? NaN);
    if (declared > opts.maxSegmentBytes) throw new ProtocolError(413, 'segment too large');
    let body = await readBody(req, opts.maxSegmentBytes, opts.bodyTimeoutMs);
    if (header(req.headers, 'content-type') === 'application/vnd+livepeer.uri') {
      body = await fetchSegment(new TextDecoder().decode(body).trim(), opts.maxSegmentBytes, opts.fetchTimeoutMs);
    }
    const accepted = orch.acceptSegment(checked, body);
    res.writeHead(200);
    res.flushHeaders?.();
    res.end(await orch.transcodeSegment(accepted, aborter.signal));
  } catch (err) {
    if (err instanceof ProtocolError) {
      log.debug(`segment refused: ${err.status} ${err.message}`);
      fail(err.status, err.message);
    } else {
      // Still a reason for the gateway (redacted as a log line is, and short), never a bare 500.
      const reason = redact((err as Error).message).slice(0, 200);
      log.error(`segment failed: ${reason}`);
      fail(500, `Internal Server Error: ${reason}`);
    }
  } finally {
    aborter.abort();
  }
}

/**
 * Reads the body up to `limit` bytes within `timeoutMs`. On refusal the stream is left open for
 * the caller to answer and drain, rather than reset with an error (which would look like
 * protocol abuse to the gateway's HTTP/2 connection).
 */
function readBody(req: SegmentRequest, limit: number, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const finish = (err: ProtocolError | null) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(new Uint8Array(Buffer.concat(chunks, size)));
    };
    const onData = (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > limit) finish(new ProtocolError(413, 'segment too large'));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = (e: Error) => finish(new ProtocolError(408, `Could not read request body: ${e.message}`));
    const onAborted = () => finish(new ProtocolError(408, 'Could not read request body: aborted'));
    const timer = setTimeout(() => finish(new ProtocolError(408, 'Could not read request body: timeout')), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** GET of a segment URL the gateway uploaded elsewhere; any certificate accepted, as go-livepeer does. */
function fetchSegment(uri: string, limit: number, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      reject(new ProtocolError(400, 'BadRequest'));
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new ProtocolError(400, 'BadRequest'));
      return;
    }
    const get = url.protocol === 'https:' ? httpsGet : httpGet;
    const request = get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new ProtocolError(400, 'BadRequest'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) request.destroy(new Error('too large'));
        else chunks.push(c);
      });
      response.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks, size))));
      response.on('error', () => reject(new ProtocolError(400, 'BadRequest')));
    });
    const deadline = setTimeout(() => request.destroy(new Error('timeout')), timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => reject(new ProtocolError(400, 'BadRequest')));
  });
}
