// 32-byte node secrets (recipientRand, auth tokens) kept in the data folder with owner-only
// permissions, so ticket parameters and auth tokens handed out before a restart stay valid.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadOrCreateSecret(dataDir: string, name: string): Uint8Array {
  const dir = join(dataDir, 'secrets');
  const file = join(dir, `${name}.key`);
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return new Uint8Array(Buffer.from(hex, 'hex'));
  }
  const secret = randomBytes(32);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600 });
  return new Uint8Array(secret);
}
