// The data folder is 0700 and every file in it 0600 whatever it was before: the SQLite database and
// its -wal/-shm files (real SQLite on disk), secrets and certificates found in it.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, STORE_FILE } from './database.ts';

const root = mkdtempSync(join(tmpdir(), 'lpm-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('data folder modes', () => {
  it('tightens a world-readable folder, its files and the database files to owner-only', () => {
    const dataDir = join(root, 'data');
    mkdirSync(join(dataDir, 'node'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'node'), 0o777);
    writeFileSync(join(dataDir, 'node', 'ticket-secret'), 'secret', { mode: 0o644 });
    writeFileSync(join(dataDir, 'node', 'tls-cert.pem'), 'cert', { mode: 0o666 });
    writeFileSync(join(dataDir, STORE_FILE), '', { mode: 0o644 });
    const db = openDatabase(dataDir, [{ id: 'test/1', sql: 'CREATE TABLE t (x TEXT);' }]);
    db.prepare('INSERT INTO t VALUES (?)').run('written through the WAL');
    try {
      expect(mode(dataDir)).toBe('700');
      expect(mode(join(dataDir, 'node'))).toBe('700');
      for (const f of [
        'node/ticket-secret',
        'node/tls-cert.pem',
        STORE_FILE,
        `${STORE_FILE}-wal`,
        `${STORE_FILE}-shm`,
      ]) {
        expect(existsSync(join(dataDir, f)), f).toBe(true);
        expect([f, mode(join(dataDir, f))]).toEqual([f, '600']);
      }
    } finally {
      db.close();
    }
  });
});
