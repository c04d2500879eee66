// Settings live in the store as one JSON value per key, parsed with the contract's schema on the
// way in and out, so a hand-edited or older database can never feed the app an invalid value.
import { EventEmitter } from 'node:events';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../src-shared/contract/index.ts';
import { transaction, type Database, type Migration } from '../store/database.ts';
import type { Logger } from '../log/logger.ts';

export const SETTINGS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'settings/1',
    sql: 'CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL)',
  },
];

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
}

export function createSettingsStore(db: Database, log: Logger): SettingsStore {
  const read = db.prepare('SELECT key, value FROM settings');
  const write = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const emitter = new EventEmitter();

  function load(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of read.all() as { key: string; value: string }[]) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        log.warn(`Ignoring unreadable stored setting "${row.key}"`);
      }
    }
    // Field by field, so one bad value falls back to its default without losing the others.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
      if (!(key in stored)) continue;
      const field = Settings.shape[key].safeParse(stored[key]);
      if (field.success) merged[key] = field.data;
      else log.warn(`Stored setting "${key}" is invalid; using the default`);
    }
    return Settings.parse(merged);
  }

  let current = load();

  return {
    get: () => current,
    update(patch) {
      const previous = current;
      const next = Settings.parse({ ...current, ...patch });
      const now = Date.now();
      transaction(db, () => {
        for (const [key, value] of Object.entries(patch)) write.run(key, JSON.stringify(value), now);
      });
      current = next;
      emitter.emit('change', next, previous);
      return next;
    },
    onChange(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
  };
}
