// What the wallet remembers besides the keystore files: labels, where an account came from, when its
// backup was checked, the selection and the auto-lock time. Never a key, a phrase or a password;
// a remembered password is kept only as the OS keychain's ciphertext (SecretVault.seal).
import type { Database, Migration } from '../store/database.ts';
import type { AccountOrigin } from '../../src-shared/contract/index.ts';

export const WALLET_MIGRATIONS: readonly Migration[] = [
  {
    id: 'wallet/1',
    sql: `CREATE TABLE wallet_accounts (
            address TEXT PRIMARY KEY,          -- checksummed
            label TEXT NOT NULL,
            origin TEXT NOT NULL,
            added_at INTEGER NOT NULL,
            backup_confirmed_at INTEGER,
            remembered_password_sealed BLOB     -- SecretVault.seal output, or NULL
          );
          CREATE TABLE wallet_prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
];

export interface AccountRecord {
  readonly address: string;
  readonly label: string;
  readonly origin: AccountOrigin;
  readonly addedAt: number;
  readonly backupConfirmedAt: number | null;
  readonly rememberedSealed: Uint8Array | null;
}

export interface WalletStore {
  accounts(): Map<string, AccountRecord>;
  addAccount(record: Omit<AccountRecord, 'rememberedSealed'>): void;
  setBackupConfirmed(address: string, at: number): void;
  setRemembered(address: string, sealed: Uint8Array | null): void;
  pref(key: 'selected' | 'autoLockMinutes'): string | null;
  setPref(key: 'selected' | 'autoLockMinutes', value: string): void;
}

interface Row {
  address: string;
  label: string;
  origin: string;
  added_at: number;
  backup_confirmed_at: number | null;
  remembered_password_sealed: Uint8Array | null;
}

export function createWalletStore(db: Database): WalletStore {
  const all = db.prepare('SELECT * FROM wallet_accounts');
  const insert = db.prepare(
    'INSERT OR IGNORE INTO wallet_accounts (address, label, origin, added_at, backup_confirmed_at) VALUES (?, ?, ?, ?, ?)',
  );
  const backup = db.prepare('UPDATE wallet_accounts SET backup_confirmed_at = ? WHERE address = ?');
  const remembered = db.prepare('UPDATE wallet_accounts SET remembered_password_sealed = ? WHERE address = ?');
  const getPref = db.prepare('SELECT value FROM wallet_prefs WHERE key = ?');
  const putPref = db.prepare(
    'INSERT INTO wallet_prefs (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    accounts() {
      const map = new Map<string, AccountRecord>();
      for (const row of all.all() as unknown as Row[]) {
        map.set(row.address, {
          address: row.address,
          label: row.label,
          origin: row.origin as AccountOrigin,
          addedAt: row.added_at,
          backupConfirmedAt: row.backup_confirmed_at,
          rememberedSealed: row.remembered_password_sealed,
        });
      }
      return map;
    },
    addAccount(r) {
      insert.run(r.address, r.label, r.origin, r.addedAt, r.backupConfirmedAt);
    },
    setBackupConfirmed(address, at) {
      backup.run(at, address);
    },
    setRemembered(address, sealed) {
      remembered.run(sealed, address);
    },
    pref(key) {
      return (getPref.get(key) as { value: string } | undefined)?.value ?? null;
    },
    setPref(key, value) {
      putPref.run(key, value);
    },
  };
}
