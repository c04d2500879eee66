// The embedded SQLite store (Node's built-in node:sqlite: no native addon to rebuild for Electron).
// Each module owns its tables and its list of migrations (ids like 'settings/1'); the host passes
// all lists to openDatabase, which applies the new ones in order, each inside a transaction.
// A migration that has shipped is never edited: add the next one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ensurePrivateFile, makePrivate } from './private-files.ts';

export type Database = DatabaseSync;

export interface Migration {
  /** '<module>/<n>', unique across the app. */
  readonly id: string;
  readonly sql: string;
}

export const STORE_FILE = 'livepeer-miner.sqlite';

export function openDatabase(dataDir: string, migrations: readonly Migration[]): Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  makePrivate(dataDir);
  ensurePrivateFile(join(dataDir, STORE_FILE));
  const db = new DatabaseSync(join(dataDir, STORE_FILE));
  // WAL keeps readers (charts) from blocking the writers (tickets) and survives crashes.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  migrate(db, migrations);
  return db;
}

export function migrate(db: Database, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id));
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    transaction(db, () => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, Date.now());
    });
  }
}

export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/** The store's health for `app.health`: SQLite's own consistency check. */
export function checkDatabase(db: Database): { name: string; ok: boolean; detail: string } {
  try {
    const row = db.prepare('PRAGMA quick_check').get() as { quick_check?: string } | undefined;
    const ok = row?.quick_check === 'ok';
    return {
      name: 'store',
      ok,
      detail: ok ? 'SQLite store is readable and consistent' : `SQLite check: ${row?.quick_check ?? 'no answer'}`,
    };
  } catch (err) {
    return { name: 'store', ok: false, detail: `SQLite store failed: ${String(err)}` };
  }
}
