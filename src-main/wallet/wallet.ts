// The wallet: keystore accounts in <dataDir>/keystore (geth layout), one selected operating account,
// and at most that account's key decrypted in memory, only while unlocked. All key derivation runs
// in a worker thread (keystore-jobs.ts); this module only moves files, bytes and state.
//
// Key material handling: private keys exist in main-process memory only (a) briefly while an
// import is handed to the worker, and (b) as the unlocked key's Uint8Array, zeroed on lock. JS
// strings (an imported key or password as received) cannot be wiped; they are dropped at once.
// Nothing here logs, stores or returns a key, a phrase or a password; error messages are fixed text.
import { EventEmitter } from 'node:events';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import { computeAddress, getAddress } from 'ethers';
import {
  AppError,
  ErrorCode,
  type FolderScan,
  type KeystoreSource,
  type LockReason,
  type WalletAccount,
  type WalletStatus,
} from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Database } from '../store/database.ts';
import type { AccountSigner } from './account-signer.ts';
import {
  createWorkerRunner,
  STANDARD_SCRYPT_N,
  type KeystoreFailure,
  type KeystoreJob,
  type KeystoreJobResult,
  type KeystoreJobRunner,
} from './keystore-jobs.ts';
import {
  ensurePrivateDir,
  gethFileName,
  inspectKeystore,
  readKeystoreText,
  scanKeystoreFolder,
  writeFileAtomic,
  type KeystoreEntry,
} from './keystore-files.ts';
import { createKeystoreSigner } from './keystore-signer.ts';
import { createPasswordGate, DEFAULT_BACKOFF, type BackoffPolicy } from './password-gate.ts';
import { NO_VAULT_REASON, type SecretVault } from './secret-vault.ts';
import { createWalletStore, type AccountRecord } from './wallet-store.ts';

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

export interface ImportedAccount {
  readonly address: string;
}

export interface Wallet {
  status(): WalletStatus;
  create(password: string, label?: string): Promise<ImportedAccount>;
  scanFolder(path: string): FolderScan;
  importKeystore(source: KeystoreSource, password: string, address?: string, label?: string): Promise<ImportedAccount>;
  importPrivateKey(privateKey: string, password: string, label?: string): Promise<ImportedAccount>;
  importMnemonic(mnemonic: string, accountIndex: number, password: string, label?: string): Promise<ImportedAccount>;
  exportKeystore(address: string, directory: string): Promise<{ path: string }>;
  checkBackup(address: string, path: string, password: string): Promise<WalletStatus>;
  select(address: string): WalletStatus;
  unlock(password?: string): Promise<WalletStatus>;
  lock(reason?: LockReason): WalletStatus;
  setAutoLock(minutes: number): WalletStatus;
  setRememberPassword(address: string, enabled: boolean, password?: string): Promise<WalletStatus>;
  /** True once the user proved a backup exists (imports count as backed up): staking may require it. */
  isBackedUp(address: string): boolean;
  /**
   * Whether the app holds a keystore for the address. The on-chain orchestrator address may be one it
   * does not (hot/cold split: a cold orchestrator key, a hot operating account here).
   */
  canSign(address: string): boolean;
  /** A signer for the account (default: the selected one); it refuses to sign while locked. */
  signer(address?: string): AccountSigner | null;
  onChange(listener: (status: WalletStatus) => void): () => void;
  close(): void;
}

interface Unlocked {
  readonly address: string;
  readonly key: Uint8Array;
  lastUsed: number;
}

/** Fixed texts for worker failures: nothing from the failing library reaches a message. */
function jobFailure(failure: KeystoreFailure): AppError {
  switch (failure) {
    case 'CORRUPT_KEYSTORE':
      return new AppError(ErrorCode.CorruptKeystore, 'The keystore is damaged or does not match its address');
    case 'BAD_PRIVATE_KEY':
      return new AppError(ErrorCode.BadInput, 'This is not a valid private key');
    case 'BAD_MNEMONIC':
      return new AppError(ErrorCode.BadInput, 'This recovery phrase is not valid (unknown word or bad checksum)');
    case 'WRONG_PASSWORD':
      return new AppError(ErrorCode.WrongPassword, 'Wrong password.');
    default:
      return new AppError(ErrorCode.Internal, 'The keystore worker failed');
  }
}

/** The encrypted JSON an encrypting job must return. */
function jsonOf(result: { json?: string }): string {
  if (result.json === undefined) throw jobFailure('INTERNAL');
  return result.json;
}

export function createWallet(options: WalletOptions): Wallet {
  const log = options.log;
  const now = options.now ?? Date.now;
  const scryptN = options.scryptN ?? STANDARD_SCRYPT_N;
  const minuteMs = options.minuteMs ?? 60_000;
  const keystoreDir = join(options.dataDir, 'keystore');
  const runJob = options.runJob ?? createWorkerRunner(options.workerPath);
  const gate = createPasswordGate(options.backoff ?? DEFAULT_BACKOFF, now);
  const store = createWalletStore(options.db);
  const vault = options.vault ?? null;
  const emitter = new EventEmitter();
  ensurePrivateDir(keystoreDir);

  let unlocked: Unlocked | null = null;
  let lockReason: LockReason = 'startup';
  let timer: ReturnType<typeof setTimeout> | null = null;

  // ---- accounts ---------------------------------------------------------------------------

  interface Known {
    readonly entry: KeystoreEntry;
    readonly address: string;
    readonly record: AccountRecord;
  }

  /** Files in the keystore folder joined with their records; files dropped in by hand are adopted. */
  function known(): Map<string, Known> {
    const records = store.accounts();
    const result = new Map<string, Known>();
    for (const entry of scanKeystoreFolder(keystoreDir)) {
      const address = entry.summary?.address ?? addressFromFileName(entry.file);
      if (address === null || result.has(address)) continue;
      let record = records.get(address);
      if (!record) {
        const fresh = {
          address,
          label: `Account ${records.size + 1}`,
          origin: 'found' as const,
          addedAt: now(),
          backupConfirmedAt: null,
        };
        store.addAccount(fresh);
        record = { ...fresh, rememberedSealed: null };
        records.set(address, record);
        log.info(`Found keystore ${entry.file} in the keystore folder`);
      }
      result.set(address, { entry, address, record });
    }
    return result;
  }

  function account(address: string): Known {
    const found = known().get(getAddress(address));
    if (!found) throw new AppError(ErrorCode.NotFound, 'No such account in this wallet');
    return found;
  }

  /** The selected account: the stored choice while its file exists, else the first readable one. */
  function selected(all: Map<string, Known> = known()): string | null {
    const pref = store.pref('selected');
    if (pref && all.has(pref)) return pref;
    const first = [...all.values()].find((k) => k.entry.summary !== null);
    return first ? first.address : null;
  }

  function autoLockMinutes(): number {
    const stored = Number(store.pref('autoLockMinutes'));
    return store.pref('autoLockMinutes') !== null && Number.isInteger(stored) && stored >= 0
      ? stored
      : DEFAULT_AUTO_LOCK_MINUTES;
  }

  function status(): WalletStatus {
    const minutes = autoLockMinutes();
    const availability = vault ? vault.availability() : { available: false as const, reason: NO_VAULT_REASON };
    const all = known();
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
    return {
      accounts,
      selected: selected(all),
      unlocked: unlocked?.address ?? null,
      lockReason: unlocked ? null : lockReason,
      autoLockMinutes: minutes,
      autoLockAt: unlocked && minutes > 0 ? unlocked.lastUsed + minutes * minuteMs : null,
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
    emitter.emit('change', next);
    return next;
  }

  // ---- jobs -------------------------------------------------------------------------------

  async function job(work: KeystoreJob): Promise<Extract<KeystoreJobResult, { ok: true }>> {
    const result = await runJob(work);
    if (result.ok) return result;
    throw jobFailure(result.failure);
  }

  /** Decrypts (or only verifies) a keystore's JSON under the password gate of its address. */
  type Opened = Extract<KeystoreJobResult, { ok: true }>;
  function withPassword(address: string, json: string, password: string, op: 'decrypt' | 'verify'): Promise<Opened> {
    return gate.attempt<Opened>(address, async () => {
      const result = await runJob({ op, json, password });
      if (result.ok) {
        if (getAddress(result.address) !== address) {
          result.privateKey?.fill(0);
          throw jobFailure('CORRUPT_KEYSTORE');
        }
        return { ok: true as const, value: result };
      }
      if (result.failure === 'WRONG_PASSWORD') return { ok: false as const };
      throw jobFailure(result.failure);
    });
  }

  function refuseDuplicate(address: string): void {
    if (known().has(address)) throw new AppError(ErrorCode.Conflict, 'This account is already in the wallet');
  }

  async function adopt(
    address: string,
    json: string,
    origin: AccountRecord['origin'],
    label: string | undefined,
  ): Promise<ImportedAccount> {
    refuseDuplicate(address);
    const file = gethFileName(address, new Date(now()));
    await writeFileAtomic(join(keystoreDir, file), json);
    const count = store.accounts().size;
    // Imported secrets already exist outside the app: they are their own backup.
    store.addAccount({
      address,
      label: label || `Account ${count + 1}`,
      origin,
      addedAt: now(),
      backupConfirmedAt: origin === 'created' ? null : now(),
    });
    if (store.pref('selected') === null || !known().has(store.pref('selected') ?? ''))
      store.setPref('selected', address);
    log.info(`Added account ${address} (${origin}) as ${file}`);
    changed();
    return { address };
  }

  // ---- lock state -------------------------------------------------------------------------

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const minutes = autoLockMinutes();
    if (!unlocked || minutes === 0) return;
    const due = unlocked.lastUsed + minutes * minuteMs;
    timer = setTimeout(
      () => {
        timer = null;
        // Use since the timer was set moved the deadline: re-arm for the new one instead.
        if (unlocked && now() >= unlocked.lastUsed + autoLockMinutes() * minuteMs) lock('idle');
        else schedule();
      },
      Math.max(0, due - now()),
    );
    timer.unref?.();
  }

  function touch(): void {
    if (!unlocked) return;
    unlocked.lastUsed = now();
    // Re-arm lazily: the pending timer re-checks the deadline when it fires.
    if (!timer) schedule();
  }

  function lock(reason: LockReason = 'manual'): WalletStatus {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!unlocked) return status();
    unlocked.key.fill(0);
    const address = unlocked.address;
    unlocked = null;
    lockReason = reason;
    log.info(`Locked ${address} (${reason})`);
    return changed();
  }

  const lender = {
    withKey<T>(address: string, fn: (key: Uint8Array) => T): T {
      if (!unlocked || unlocked.address !== address) {
        throw new AppError(ErrorCode.Locked, 'The wallet is locked; unlock it to sign');
      }
      touch();
      return fn(unlocked.key);
    },
  };

  // ---- the wallet -------------------------------------------------------------------------

  return {
    status,

    async create(password, label) {
      const result = await job({ op: 'create', password, scryptN });
      return adopt(getAddress(result.address), jsonOf(result), 'created', label);
    },

    scanFolder(path) {
      const folder = absolute(path);
      let entries: KeystoreEntry[];
      try {
        entries = statSync(folder).isDirectory() ? scanKeystoreFolder(folder) : [];
      } catch {
        throw new AppError(ErrorCode.NotFound, 'This folder does not exist or cannot be read');
      }
      return {
        folder,
        keystores: entries.map((e) => ({ file: e.file, address: e.summary?.address ?? null, problem: e.problem })),
      };
    },

    async importKeystore(source, password, wanted, label) {
      const json = source.kind === 'json' ? source.json : readSource(absolute(source.path), wanted);
      let address: string;
      try {
        address = inspectKeystore(json).address;
      } catch (err) {
        throw new AppError(
          ErrorCode.CorruptKeystore,
          `Not a V3 keystore: ${err instanceof Error ? err.message : 'unreadable'}`,
        );
      }
      if (wanted && getAddress(wanted) !== address)
        throw new AppError(ErrorCode.BadInput, 'The keystore is for another address');
      refuseDuplicate(address);
      await withPassword(address, json, password, 'verify');
      return adopt(address, json, 'keystore', label);
    },

    async importPrivateKey(privateKey, password, label) {
      const hex = privateKey.startsWith('0x') ? privateKey : `0x${privateKey}`;
      let address: string;
      try {
        address = computeAddress(hex);
      } catch {
        throw jobFailure('BAD_PRIVATE_KEY');
      }
      refuseDuplicate(address);
      const decoded = Buffer.from(hex.slice(2), 'hex'); // may live in Node's shared pool: wipe it
      const bytes = Uint8Array.from(decoded); // its own buffer, transferred (moved) to the worker
      decoded.fill(0);
      const result = await job({ op: 'encrypt-key', privateKey: bytes, password, scryptN });
      return adopt(getAddress(result.address), jsonOf(result), 'private-key', label);
    },

    async importMnemonic(mnemonic, accountIndex, password, label) {
      const result = await job({
        op: 'encrypt-mnemonic',
        phrase: mnemonic,
        path: `m/44'/60'/0'/0/${accountIndex}`,
        password,
        scryptN,
      });
      return adopt(getAddress(result.address), jsonOf(result), 'mnemonic', label);
    },

    async exportKeystore(address, directory) {
      const { entry } = account(address);
      const dir = absolute(directory);
      try {
        if (!statSync(dir).isDirectory()) throw new Error('not a folder');
      } catch {
        throw new AppError(ErrorCode.NotFound, 'The backup folder does not exist');
      }
      if (insideKeystoreDir(dir))
        throw new AppError(ErrorCode.BadInput, 'Choose a folder outside the app’s keystore folder');
      const path = join(dir, gethFileName(getAddress(address), new Date(now())));
      await writeFileAtomic(path, readKeystoreText(entry.path));
      log.info(`Exported the keystore of ${getAddress(address)} to ${dir}`);
      return { path };
    },

    async checkBackup(address, path, password) {
      const { address: own } = account(address);
      const target = absolute(path);
      if (insideKeystoreDir(target)) {
        throw new AppError(
          ErrorCode.BadInput,
          'Point the check at your backup copy, not at the app’s own keystore file',
        );
      }
      const json = readSource(target, own);
      let declared: string;
      try {
        declared = inspectKeystore(json).address;
      } catch {
        throw new AppError(ErrorCode.CorruptKeystore, 'The backup copy is not a readable V3 keystore');
      }
      if (declared !== own) throw new AppError(ErrorCode.BadInput, 'The backup copy is for another account');
      await withPassword(own, json, password, 'verify');
      store.setBackupConfirmed(own, now());
      log.info(`Backup of ${own} checked`);
      return changed();
    },

    select(address) {
      const { address: next, entry } = account(address);
      if (!entry.summary) throw new AppError(ErrorCode.CorruptKeystore, 'This account’s keystore file is not readable');
      if (unlocked && unlocked.address !== next) lock('selection');
      store.setPref('selected', next);
      return changed();
    },

    async unlock(password) {
      const address = selected();
      if (!address) throw new AppError(ErrorCode.NotFound, 'Create or import an account first');
      if (unlocked?.address === address) {
        touch();
        return status();
      }
      const { entry, record } = account(address);
      if (!entry.summary) throw new AppError(ErrorCode.CorruptKeystore, 'This account’s keystore file is not readable');
      let secret = password;
      if (secret === undefined) {
        if (!record.rememberedSealed) throw new AppError(ErrorCode.BadInput, 'Enter the password');
        secret = openRemembered(record.rememberedSealed);
      }
      let result: Extract<KeystoreJobResult, { ok: true }>;
      try {
        result = await withPassword(address, readKeystoreText(entry.path), secret, 'decrypt');
      } catch (err) {
        if (password === undefined && err instanceof AppError && err.code === ErrorCode.WrongPassword) {
          // The remembered password no longer opens the file (it was re-encrypted elsewhere): forget it.
          store.setRemembered(address, null);
          changed();
        }
        throw err;
      }
      const key = result.privateKey;
      if (!key) throw jobFailure('INTERNAL');
      if (selected() !== address) {
        key.fill(0);
        throw new AppError(ErrorCode.Conflict, 'The selected account changed while unlocking');
      }
      if (unlocked) unlocked.key.fill(0);
      unlocked = { address, key, lastUsed: now() };
      schedule();
      log.info(`Unlocked ${address}`);
      return changed();
    },

    lock,

    setAutoLock(minutes) {
      store.setPref('autoLockMinutes', String(minutes));
      schedule();
      log.info(minutes === 0 ? 'Auto-lock turned off' : `Auto-lock after ${minutes} idle minutes`);
      return changed();
    },

    async setRememberPassword(address, enabled, password) {
      const { address: own, entry } = account(address);
      if (!enabled) {
        store.setRemembered(own, null);
        log.info(`Forgot the remembered password of ${own}`);
        return changed();
      }
      const keychain = usableVault();
      if (password === undefined) throw new AppError(ErrorCode.BadInput, 'Enter the password to remember');
      await withPassword(own, readKeystoreText(entry.path), password, 'verify');
      store.setRemembered(own, keychain.seal(password));
      log.info(`Remembering the password of ${own} in the OS keychain`);
      return changed();
    },

    isBackedUp(address) {
      return store.accounts().get(getAddress(address))?.backupConfirmedAt != null;
    },

    canSign(address) {
      return known().get(getAddress(address))?.entry.summary != null;
    },

    signer(address) {
      const target = address ? getAddress(address) : selected();
      if (!target || !known().has(target)) return null;
      return createKeystoreSigner(target, lender);
    },

    onChange(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },

    close() {
      lock('shutdown');
      emitter.removeAllListeners();
    },
  };

  // ---- helpers needing the closure --------------------------------------------------------

  function usableVault(): SecretVault {
    if (!vault) throw new AppError(ErrorCode.Unavailable, NO_VAULT_REASON);
    const availability = vault.availability();
    if (!availability.available) throw new AppError(ErrorCode.Unavailable, availability.reason);
    return vault;
  }

  function openRemembered(sealed: Uint8Array): string {
    const keychain = usableVault();
    try {
      return keychain.open(sealed);
    } catch {
      throw new AppError(
        ErrorCode.Unavailable,
        'The OS keychain did not release the remembered password; type it instead',
      );
    }
  }

  function insideKeystoreDir(path: string): boolean {
    const real = (p: string): string => {
      try {
        return realpathSync(p);
      } catch {
        return resolve(p);
      }
    };
    const rel = relative(real(keystoreDir), real(path));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }

  /** A keystore's text from a file, or from a folder holding it (geth / go-livepeer layout). */
  function readSource(path: string, wanted: string | undefined): string {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new AppError(ErrorCode.NotFound, 'No file or folder at this path');
    }
    if (!isDir) {
      try {
        return readKeystoreText(path);
      } catch {
        throw new AppError(ErrorCode.CorruptKeystore, 'This file cannot be read as a keystore');
      }
    }
    const candidates = scanKeystoreFolder(path).flatMap((e) =>
      e.summary !== null && (wanted === undefined || e.summary.address === getAddress(wanted))
        ? [{ path: e.path, address: e.summary.address }]
        : [],
    );
    const [only] = candidates;
    if (!only) throw new AppError(ErrorCode.NotFound, 'No keystore file in this folder');
    if (candidates.length > 1) {
      throw new AppError(ErrorCode.BadInput, 'This folder holds several keystores; choose the account to import', {
        addresses: candidates.map((c) => c.address),
      });
    }
    return readKeystoreText(only.path);
  }
}

function absolute(path: string): string {
  if (!isAbsolute(path)) throw new AppError(ErrorCode.BadInput, 'Enter a full path (starting at the root of the disk)');
  return resolve(path);
}

function addressFromFileName(file: string): string | null {
  const hex = /--([0-9a-fA-F]{40})$/.exec(file)?.[1];
  return hex ? getAddress(`0x${hex.toLowerCase()}`) : null;
}
