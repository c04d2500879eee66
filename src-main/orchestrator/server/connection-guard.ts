// Limits on the public service port against clients that hold connections without using them:
// a cap on open connections with a fair share per IP (one address cannot take them all), a
// deadline for the first request and an idle timeout once no request is open. The per-IP share and
// the timeouts apply from the end of the TLS handshake (the TLS socket owns the file handle); before
// it, the server's own cap on connections and the TLS handshake timeout bound them. A connection is
// identified by its peer address and port, which the TLS socket and an HTTP/2 request report alike.
// Long-lived requests (a remote transcoder's stream) keep theirs open.
import type { Server } from 'node:net';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open TCP connections in all (handshaking included). */
  readonly maxConnections: number;
  /** Open TCP connections from one IP address. */
  readonly maxPerIp: number;
  /** The TLS handshake, and then the first request's headers, must each arrive within this. */
  readonly firstRequestTimeoutMs: number;
  /** A connection with no open request for this long is closed. */
  readonly idleTimeoutMs: number;
  /** Largest gRPC message accepted (discovery, ping, session end and transcoder registration are tiny). */
  readonly grpcMaxBytes: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 2_000,
  maxPerIp: 100,
  firstRequestTimeoutMs: 10_000,
  idleTimeoutMs: 120_000,
  grpcMaxBytes: 64 << 10,
};

interface Conn {
  readonly socket: Socket;
  readonly ip: string;
  readonly opened: number;
  lastActive: number;
  open: number;
  requests: number;
}

export interface ConnectionGuard {
  /** Call when a request starts on a connection; the returned function when it ends. */
  requestStarted(peer: { remoteAddress?: string | undefined; remotePort?: number | undefined }): () => void;
  count(): number;
  close(): void;
}

const keyOf = (address: string | undefined, port: number | undefined) => `${address ?? ''}|${port ?? ''}`;

export function guardConnections(server: Server, limits: ConnectionLimits, now = Date.now): ConnectionGuard {
  const conns = new Map<string, Conn>();
  const perIp = new Map<string, number>();
  server.maxConnections = limits.maxConnections;
  server.on('secureConnection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? '';
    const fromIp = perIp.get(ip) ?? 0;
    if (fromIp >= limits.maxPerIp) {
      socket.destroy();
      return;
    }
    const key = keyOf(socket.remoteAddress, socket.remotePort);
    const t = now();
    conns.set(key, { socket, ip, opened: t, lastActive: t, open: 0, requests: 0 });
    perIp.set(ip, fromIp + 1);
    socket.once('close', () => {
      conns.delete(key);
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    });
  });
  const sweepMs = Math.max(50, Math.min(1_000, limits.firstRequestTimeoutMs / 4, limits.idleTimeoutMs / 4));
  const sweeper = setInterval(() => {
    const t = now();
    for (const c of conns.values()) {
      if (c.open > 0) continue;
      const late = c.requests === 0 && t - c.opened > limits.firstRequestTimeoutMs;
      if (late || t - c.lastActive > limits.idleTimeoutMs) c.socket.destroy();
    }
  }, sweepMs);
  sweeper.unref();
  return {
    requestStarted(peer) {
      const c = conns.get(keyOf(peer.remoteAddress, peer.remotePort));
      if (!c) return () => undefined;
      c.open++;
      c.requests++;
      c.lastActive = now();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        c.open--;
        c.lastActive = now();
      };
    },
    count: () => conns.size,
    close: () => clearInterval(sweeper),
  };
}
