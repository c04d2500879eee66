// Shared by the wallet tests: a logger that keeps the raw (unredacted) lines, so the tests see what
// the code tried to log before the redactor's safety net, and a scanner for key material in text.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import { openDatabase, type Database } from '../store/database.ts';
import type { SecretVault } from './secret-vault.ts';
import { createWallet, type Wallet, type WalletOptions } from './wallet.ts';
import { WALLET_MIGRATIONS } from './wallet-store.ts';

export const TEST_SCRYPT_N = 4096;

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function recordingLogger(lines: string[] = [], scope = 'wallet'): RecordingLogger {
  const write = (level: string) => (message: string) => void lines.push(`${level} [${scope}] ${message}`);
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (sub) => recordingLogger(lines, `${scope}.${sub}`),
  };
}

export interface Secrets {
  readonly privateKeys?: readonly string[];
  readonly mnemonics?: readonly string[];
  readonly passwords?: readonly string[];
}

/** Every way a secret could show up in text: key hex with or without 0x in any case, a phrase or three of its words in a row, a password. */
export function findSecrets(text: string, secrets: Secrets): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  for (const key of secrets.privateKeys ?? []) {
    const bare = key.toLowerCase().replace(/^0x/, '');
    if (lower.includes(bare)) found.push('private key');
    // Also as base64 (a Buffer serialised by accident).
    if (text.includes(Buffer.from(bare, 'hex').toString('base64'))) found.push('private key (base64)');
  }
  for (const phrase of secrets.mnemonics ?? []) {
    const words = phrase.toLowerCase().split(/\s+/);
    for (let i = 0; i + 3 <= words.length; i++) {
      if (lower.includes(words.slice(i, i + 3).join(' '))) {
        found.push('mnemonic words');
        break;
      }
    }
  }
  for (const password of secrets.passwords ?? []) if (text.includes(password)) found.push('password');
  return found;
}

export interface TestWallet {
  readonly wallet: Wallet;
  readonly dataDir: string;
  readonly db: Database;
  readonly log: RecordingLogger;
  dispose(): void;
}

export function makeTestWallet(
  overrides: Partial<WalletOptions> = {},
  log: RecordingLogger = recordingLogger(),
): TestWallet {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'lpm-wallet-'));
  const db = openDatabase(dataDir, WALLET_MIGRATIONS);
  const wallet = createWallet({ dataDir, db, log, scryptN: TEST_SCRYPT_N, homeDir: dataDir, ...overrides });
  return {
    wallet,
    dataDir,
    db,
    log,
    dispose() {
      wallet.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Stand-in for the OS keychain (build machines have none): AES-GCM under a key the "OS" holds. */
export function standInKeychain(): SecretVault {
  const osKey = randomBytes(32);
  return {
    availability: () => ({ available: true }),
    seal(secret) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
      return new Uint8Array(Buffer.concat([iv, c.getAuthTag(), body]));
    },
    open(sealed) {
      const b = Buffer.from(sealed);
      const d = createDecipheriv('aes-256-gcm', osKey, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
