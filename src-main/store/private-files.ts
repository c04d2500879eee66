// The data folder holds the node's secrets (keystores, ticket secret, TLS key, the database with the
// keychain ciphertext): it is 0700 and every file in it 0600, whatever the folder was before (an
// older version, a copy, a restore from a backup with other modes). Symbolic links are left alone.
import { chmodSync, closeSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A data folder is a few hundred files; a walk that finds more stops there (renditions, logs). */
const MAX_ENTRIES = 20_000;

export function makePrivate(dataDir: string): void {
  let seen = 0;
  const walk = (dir: string): void => {
    chmodSync(dir, 0o700);
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (++seen > MAX_ENTRIES) return;
      const path = join(dir, d.name);
      if (d.isDirectory()) walk(path);
      else if (d.isFile() && (lstatSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    }
  };
  walk(dataDir);
}

/**
 * Creates the file empty with mode 0600 if it does not exist (and makes it 0600 if it does): SQLite
 * gives its -wal and -shm files the database file's mode, so they are owner-only from the start.
 */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
