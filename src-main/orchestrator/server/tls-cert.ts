// The service port's certificate: self-signed ECDSA P-256 (as go-livepeer's server/cert.go),
// created once in the data folder and reused while it has more than a week left, so the node
// keeps one identity across restarts. Gateways accept any certificate.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export async function loadOrCreateCertificate(dataDir: string, host: string, now = Date.now()): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'service-cert.pem');
  const keyFile = join(dir, 'service-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    const x509 = new X509Certificate(cert);
    const covers = isIP(host) ? x509.checkIP(host) !== undefined : x509.checkHost(host) !== undefined;
    if (covers && Date.parse(x509.validTo) - now > RENEW_BEFORE_MS) return { cert, key: readFileSync(keyFile, 'utf8') };
  }
  const altNames = isIP(host) ? [{ type: 7 as const, ip: host }] : [{ type: 2 as const, value: host }];
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert, { mode: 0o600 }); // the data folder is owner-only throughout
  return { cert: pems.cert, key: pems.private };
}
