// What every part of the wallet shares: options resolved to defaults, the account book, the key
// holder, the keystore worker client, and the status every change announces.
import { EventEmitter } from 'node:events';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { WalletAccount, WalletStatus } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Database } from '../store/database.ts';
import { createAccountBook, type AccountBook } from './account-book.ts';
import { createKeyHolder, type KeyHolder } from './key-holder.ts';
import { createKeystoreJobClient, type KeystoreJobClient } from './keystore-job-client.ts';
import { ensurePrivateDir } from './keystore-files.ts';
import { createWorkerRunner, STANDARD_SCRYPT_N, type KeystoreJobRunner } from './keystore-jobs.ts';
import { createPasswordGate, DEFAULT_BACKOFF, type BackoffPolicy } from './password-gate.ts';
import { NO_VAULT_REASON, type SecretVault } from './secret-vault.ts';
import { createWalletStore, type WalletStore } from './wallet-store.ts';

export const DEFAULT_AUTO_LOCK_MINUTES = 30;

export interface WalletOptions {
  readonly dataDir: string;
  readonly db: Database;
  readonly log: Logger;
  /** The OS keychain for "remember password"; absent in the headless host. */
  readonly vault?: SecretVault | null;
  /** scrypt N for new keystores; geth's standard by default. Tests use 4096 for speed. */
  readonly scryptN?: number;
  /** Path of the keystore worker script (the Electron build passes the bundled one). */
  readonly workerPath?: string;
  /** Replaces the worker runner (only to count or delay jobs in tests; it still must do real crypto). */
  readonly runJob?: KeystoreJobRunner;
  readonly backoff?: BackoffPolicy;
  /** Length of an auto-lock "minute" in ms (tests shrink it). */
  readonly minuteMs?: number;
  readonly now?: () => number;
  readonly homeDir?: string;
}

export interface WalletContext {
  readonly log: Logger;
  readonly now: () => number;
  readonly scryptN: number;
  readonly store: WalletStore;
  readonly vault: SecretVault | null;
  readonly book: AccountBook;
  readonly keys: KeyHolder;
  readonly jobs: KeystoreJobClient;
  readonly events: EventEmitter;
  status(): WalletStatus;
  /** Announces the current status to `onChange` listeners and returns it. */
  changed(): WalletStatus;
}

export function createWalletContext(options: WalletOptions): WalletContext {
  const log = options.log;
  const now = options.now ?? Date.now;
  const scryptN = options.scryptN ?? STANDARD_SCRYPT_N;
  const keystoreDir = join(options.dataDir, 'keystore');
  const store = createWalletStore(options.db);
  const vault = options.vault ?? null;
  const events = new EventEmitter();
  ensurePrivateDir(keystoreDir);

  const book = createAccountBook({ keystoreDir, store, log, now });
  const autoLockMinutes = (): number => {
    const stored = Number(store.pref('autoLockMinutes'));
    return store.pref('autoLockMinutes') !== null && Number.isInteger(stored) && stored >= 0
      ? stored
      : DEFAULT_AUTO_LOCK_MINUTES;
  };
  const keys = createKeyHolder({
    log,
    now,
    minuteMs: options.minuteMs ?? 60_000,
    autoLockMinutes,
    onIdleLock: () => changed(),
  });
  const jobs = createKeystoreJobClient(
    options.runJob ?? createWorkerRunner(options.workerPath),
    createPasswordGate(options.backoff ?? DEFAULT_BACKOFF, now),
  );

  function status(): WalletStatus {
    const availability = vault ? vault.availability() : { available: false as const, reason: NO_VAULT_REASON };
    const all = book.known();
    const accounts: WalletAccount[] = [...all.values()].map(({ entry, address, record }) => ({
      address,
      label: record.label,
      origin: record.origin,
      file: entry.file,
      addedAt: record.addedAt,
      backupConfirmedAt: record.backupConfirmedAt,
      rememberPassword: record.rememberedSealed !== null,
      readable: entry.summary !== null,
      problem: entry.problem,
    }));
    const unlocked = keys.address();
    return {
      accounts,
      selected: book.selected(all),
      unlocked,
      nodeKey: keys.nodeNeed() ? keys.heldAddress() : null,
      lockReason: unlocked ? null : keys.reason(),
      autoLockMinutes: autoLockMinutes(),
      autoLockAt: keys.lockAt(),
      rememberPassword: availability.available
        ? { available: true, reason: null }
        : { available: false, reason: availability.reason },
      keystoreDir,
      scryptN,
      suggestedBackupDir: options.homeDir ?? homedir(),
    };
  }

  function changed(): WalletStatus {
    const next = status();
    events.emit('change', next);
    return next;
  }

  return { log, now, scryptN, store, vault, book, keys, jobs, events, status, changed };
}
