// Keystore files on disk, in the layout geth and go-livepeer use: one V3 JSON file per account,
// named UTC--<ISO time with dashes>--<lowercase address without 0x>, in a keystore folder.
// Files are written atomically (temporary file, fsync, rename) with owner-only permissions.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
} from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
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

// Non-blocking open: a FIFO or device named by mistake must not hang the host; it is refused as
// not a regular file. The read is capped whatever `st.size` claims (/proc files say 0).
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;
const NOT_A_FILE = 'not a regular file';

function capped(buf: Buffer, bytesRead: number): string {
  if (bytesRead > MAX_KEYSTORE_BYTES) throw new Error('file too large to be a keystore');
  return buf.subarray(0, bytesRead).toString('utf8');
}

/** A keystore from the app's own folder (0700, written by the app): synchronous, same rules as below. */
export function readKeystoreText(path: string): string {
  const fd = openSync(path, READ_FLAGS);
  try {
    if (!fstatSync(fd).isFile()) throw new Error(NOT_A_FILE);
    const buf = Buffer.alloc(MAX_KEYSTORE_BYTES + 1);
    return capped(buf, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** A keystore from a path the user named: asynchronous, regular files only, at most 64 KB read. */
export async function readKeystoreFile(path: string): Promise<string> {
  const handle = await open(path, READ_FLAGS);
  try {
    if (!(await handle.stat()).isFile()) throw new Error(NOT_A_FILE);
    const buf = Buffer.alloc(MAX_KEYSTORE_BYTES + 1);
    return capped(buf, (await handle.read(buf, 0, buf.length, 0)).bytesRead);
  } finally {
    await handle.close();
  }
}

export interface KeystoreEntry {
  readonly file: string;
  readonly path: string;
  /** null when the file is not a readable keystore. */
  readonly summary: KeystoreSummary | null;
  readonly problem: string | null;
}

/** geth skips hidden and backup (~) files; only regular files are candidates. */
const candidate = (d: { name: string; isFile(): boolean }): boolean =>
  d.isFile() && !d.name.startsWith('.') && !d.name.endsWith('~');

function entryFor(dir: string, file: string, read: (path: string) => string): KeystoreEntry {
  const path = join(dir, file);
  try {
    return { file, path, summary: inspectKeystore(read(path)), problem: null };
  } catch (err) {
    return { file, path, summary: null, problem: err instanceof Error ? err.message : 'unreadable' };
  }
}

const byName = (a: KeystoreEntry, b: KeystoreEntry): number => a.file.localeCompare(b.file);

/** The keystore files in the app's own folder, as geth scans them. */
export function scanKeystoreFolder(dir: string): KeystoreEntry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter(candidate)
    .map((d) => entryFor(dir, d.name, readKeystoreText))
    .sort(byName);
}

/** A folder the user named: asynchronous, at most `maxFiles` candidates, given up after `budgetMs`. */
export async function scanUserFolder(dir: string, maxFiles = 1000, budgetMs = 800): Promise<KeystoreEntry[]> {
  const deadline = Date.now() + budgetMs;
  const files = (await readdir(dir, { withFileTypes: true })).filter(candidate).slice(0, maxFiles);
  const entries: KeystoreEntry[] = [];
  for (const d of files) {
    if (Date.now() > deadline) throw new Error('the folder takes too long to read');
    let text: string | Error;
    try {
      text = await readKeystoreFile(join(dir, d.name));
    } catch (err) {
      text = err instanceof Error ? err : new Error('unreadable');
    }
    entries.push(
      entryFor(dir, d.name, () => {
        if (text instanceof Error) throw text;
        return text;
      }),
    );
  }
  return entries.sort(byName);
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
