// Keystore files on disk, in the layout geth and go-livepeer use: one V3 JSON file per account,
// named UTC--<ISO time with dashes>--<lowercase address without 0x>, in a keystore folder.
// Files are written atomically (temporary file, fsync, rename) with owner-only permissions.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { getAddress } from 'ethers';

/** Keystore files larger than this are not keystores (a V3 file is under 1 KB); refuse to read them. */
const MAX_KEYSTORE_BYTES = 64 * 1024;

/** geth's keyFileName: UTC--2006-01-02T15-04-05.000000000Z--<address hex>. */
export function gethFileName(address: string, at: Date = new Date()): string {
  const iso = at.toISOString(); // 2026-11-25T02:15:00.123Z
  const stamp = `${iso.slice(0, 10)}T${iso.slice(11, 19).replaceAll(':', '-')}.${iso.slice(20, 23)}000000Z`;
  return `UTC--${stamp}--${getAddress(address).slice(2).toLowerCase()}`;
}

export interface KeystoreSummary {
  /** Checksummed address the file declares (verified against the key when it is decrypted). */
  readonly address: string;
  readonly kdf: 'scrypt' | 'pbkdf2';
}

/**
 * Checks that text is a V3 keystore and reads the public parts. Throws a plain Error with a short
 * reason (never the content) when it is not.
 */
export function inspectKeystore(text: string): KeystoreSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  if (typeof data !== 'object' || data === null) throw new Error('not a JSON object');
  const record = data as Record<string, unknown>;
  if (record.version !== 3) throw new Error('not a version 3 keystore');
  const crypto = (record.crypto ?? record.Crypto) as Record<string, unknown> | undefined;
  if (typeof crypto !== 'object' || crypto === null) throw new Error('no crypto section');
  if (crypto.cipher !== 'aes-128-ctr') throw new Error('unsupported cipher');
  const kdf = crypto.kdf;
  if (kdf !== 'scrypt' && kdf !== 'pbkdf2') throw new Error('unsupported key derivation');
  if (typeof crypto.ciphertext !== 'string' || typeof crypto.mac !== 'string')
    throw new Error('incomplete crypto section');
  if (typeof record.address !== 'string') throw new Error('no address');
  let address: string;
  try {
    address = getAddress(record.address.startsWith('0x') ? record.address : `0x${record.address}`);
  } catch {
    throw new Error('invalid address');
  }
  return { address, kdf };
}

export function readKeystoreText(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_KEYSTORE_BYTES) throw new Error('file too large to be a keystore');
  return readFileSync(path, 'utf8');
}

export interface KeystoreEntry {
  readonly file: string;
  readonly path: string;
  /** null when the file is not a readable keystore. */
  readonly summary: KeystoreSummary | null;
  readonly problem: string | null;
}

/** The keystore files in a folder, as geth scans them: every regular file except hidden and backup (~) ones. */
export function scanKeystoreFolder(dir: string): KeystoreEntry[] {
  const entries: KeystoreEntry[] = [];
  for (const dirent of readdirSync(dir, { withFileTypes: true })) {
    if (!dirent.isFile() || dirent.name.startsWith('.') || dirent.name.endsWith('~')) continue;
    const path = join(dir, dirent.name);
    try {
      entries.push({ file: dirent.name, path, summary: inspectKeystore(readKeystoreText(path)), problem: null });
    } catch (err) {
      entries.push({
        file: dirent.name,
        path,
        summary: null,
        problem: err instanceof Error ? err.message : 'unreadable',
      });
    }
  }
  return entries.sort((a, b) => a.file.localeCompare(b.file));
}

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Writes a file so that it either exists complete with mode 0600 or not at all: temporary file in
 * the same folder (created 0600, so the content is never readable by others), fsync, rename.
 * Refuses to replace an existing file. Asynchronous: an fsync can take tens of milliseconds on a
 * busy disk, and the main loop must not wait for it.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = join(path, '..', `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    if (exists(path)) throw new Error(`${basename(path)} already exists`);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
