// What a gateway sees when it dials the orchestrator: a TCP connection, a TLS handshake and HTTP/2
// chosen by ALPN (go-livepeer gateways speak gRPC over h2 and accept the node's self-signed
// certificate, so the certificate is reported, not verified).
import { connect } from 'node:tls';

export interface TlsProbe {
  host: string;
  port: number;
  /** A TCP connection was accepted. */
  tcp: boolean;
  /** The TLS handshake completed. */
  tls: boolean;
  /** The protocol ALPN settled on (`h2` is what gateways need), or null. */
  alpn: string | null;
  /** The certificate's subject CN, if any. */
  certificateSubject: string | null;
  latencyMs: number | null;
  /** Why it failed, in words; null when TLS with h2 works. */
  problem: string | null;
}

export async function probeTlsH2(host: string, port: number, timeoutMs = 5000): Promise<TlsProbe> {
  const started = Date.now();
  return new Promise((resolve) => {
    let tcp = false;
    let settled = false;
    const finish = (p: Omit<TlsProbe, 'host' | 'port' | 'tcp'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ host, port, tcp, ...p });
    };
    const socket = connect({
      host,
      port,
      ALPNProtocols: ['h2', 'http/1.1'], // offer both to tell an HTTP/1.1-only server from a broken one
      rejectUnauthorized: false, // orchestrators use self-signed certificates
      ...(isIp(host) ? {} : { servername: host }),
    });
    socket.once('connect', () => {
      tcp = true;
    });
    socket.once('secureConnect', () => {
      const alpn = socket.alpnProtocol || null;
      const subject = socket.getPeerCertificate()?.subject?.CN;
      finish({
        tls: true,
        alpn,
        certificateSubject: typeof subject === 'string' ? subject : null,
        latencyMs: Date.now() - started,
        problem: alpn === 'h2' ? null : `TLS works but the server did not agree to HTTP/2 (ALPN: ${alpn ?? 'none'})`,
      });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      finish({
        tls: false,
        alpn: null,
        certificateSubject: null,
        latencyMs: null,
        problem: describe(err, tcp, host, port),
      });
    });
    const timer = setTimeout(
      () =>
        finish({
          tls: false,
          alpn: null,
          certificateSubject: null,
          latencyMs: null,
          problem: tcp
            ? `${host}:${port} accepted the connection but did not complete a TLS handshake within ${timeoutMs / 1000} s`
            : `No answer from ${host}:${port} within ${timeoutMs / 1000} s (a firewall may be dropping the connection)`,
        }),
      timeoutMs,
    );
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function describe(err: NodeJS.ErrnoException, tcp: boolean, host: string, port: number): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `Nothing is listening on ${host}:${port} (connection refused)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The name ${host} does not resolve to an address`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host}:${port} cannot be reached from here (${err.code})`;
    case 'ECONNRESET':
      return tcp
        ? `${host}:${port} closed the connection during the TLS handshake: is this the node's HTTPS port?`
        : `${host}:${port} reset the connection`;
    default:
      return tcp
        ? `${host}:${port} answered but not with TLS (${err.message})`
        : `Cannot connect to ${host}:${port}: ${err.message}`;
  }
}
