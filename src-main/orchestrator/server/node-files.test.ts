// The certificate and the secrets the node keeps in its data folder: created once, reused across
// restarts, replaced only when the certificate no longer fits (other host, about to expire).
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from './node-secret.ts';
import { loadOrCreateCertificate } from './tls-cert.ts';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'lp-files-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('node files', () => {
  it('keeps one self-signed P-256 certificate per host until a week before it expires', async () => {
    const dir = fresh();
    const first = await loadOrCreateCertificate(dir, '127.0.0.1');
    expect(await loadOrCreateCertificate(dir, '127.0.0.1')).toEqual(first);
    const x = new X509Certificate(first.cert);
    expect(x.ca).toBe(true);
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x.verify(x.publicKey)).toBe(true);
    expect(statSync(join(dir, 'tls', 'service-key.pem')).mode & 0o077).toBe(0);
    const named = await loadOrCreateCertificate(dir, 'orch.example.org');
    expect(named.cert).not.toBe(first.cert);
    expect(new X509Certificate(named.cert).checkHost('orch.example.org')).toBe('orch.example.org');
    const later = Date.parse(new X509Certificate(named.cert).validTo) - 3 * 24 * 3600 * 1000;
    expect((await loadOrCreateCertificate(dir, 'orch.example.org', later)).cert).not.toBe(named.cert);
  });

  it('keeps 32-byte secrets readable only by the owner', () => {
    const dir = fresh();
    const a = loadOrCreateSecret(dir, 'recipient-rand');
    expect(a).toHaveLength(32);
    expect(loadOrCreateSecret(dir, 'recipient-rand')).toEqual(a);
    expect(loadOrCreateSecret(dir, 'auth-token')).not.toEqual(a);
    expect(statSync(join(dir, 'secrets', 'recipient-rand.key')).mode & 0o077).toBe(0);
  });
});
