// The wallet: keystore accounts in <dataDir>/keystore (geth layout), one selected operating account,
// and at most that account's key decrypted in memory, only while unlocked. All key derivation runs
// in a worker thread (keystore-jobs.ts); the wallet only moves files, bytes and state. Its parts:
// account-book.ts (accounts, selection), wallet-imports.ts (create/import), wallet-backup.ts
// (export, backup check), wallet-unlock.ts (select, unlock, lock, auto-lock setting, remembered
// password), key-holder.ts (the held key, idle auto-lock), wallet-context.ts (what they share).
//
// Key material handling: private keys exist in main-process memory only (a) briefly while an
// import is handed to the worker, and (b) as the unlocked key's Uint8Array, zeroed on lock. JS
// strings (an imported key or password as received) cannot be wiped; they are dropped at once.
// Nothing here logs, stores or returns a key, a phrase or a password; error messages are fixed text.
import { getAddress } from 'ethers';
import type { FolderScan, KeystoreSource, LockReason, WalletStatus } from '../../src-shared/contract/index.ts';
import type { AccountSigner } from './account-signer.ts';
import { createKeystoreSigner } from './keystore-signer.ts';
import { createBackups } from './wallet-backup.ts';
import { createWalletContext, type WalletOptions } from './wallet-context.ts';
import { createImports } from './wallet-imports.ts';
import { createLocking } from './wallet-unlock.ts';

export { DEFAULT_AUTO_LOCK_MINUTES, type WalletOptions } from './wallet-context.ts';

export interface ImportedAccount {
  readonly address: string;
}

export interface Wallet {
  status(): WalletStatus;
  create(password: string, label?: string): Promise<ImportedAccount>;
  scanFolder(path: string): Promise<FolderScan>;
  importKeystore(source: KeystoreSource, password: string, address?: string, label?: string): Promise<ImportedAccount>;
  importPrivateKey(privateKey: string, password: string, label?: string): Promise<ImportedAccount>;
  importMnemonic(mnemonic: string, accountIndex: number, password: string, label?: string): Promise<ImportedAccount>;
  exportKeystore(address: string, directory: string): Promise<{ path: string }>;
  checkBackup(address: string, path: string, password: string): Promise<WalletStatus>;
  select(address: string): WalletStatus;
  unlock(password?: string): Promise<WalletStatus>;
  /**
   * Unattended start (password file or remembered password): holds the selected account's key for
   * the node only; user actions stay locked until the user types the password.
   */
  unlockForNode(password?: string): Promise<WalletStatus>;
  /**
   * The host says whether the node's work needs the key (orchestrator switched on, or automatic
   * rewards on). While it does, idle/manual/suspend locks close user actions only; when it stops, a
   * key held only for the node is dropped.
   */
  setNodeNeedsKey(needed: boolean): void;
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

export function createWallet(options: WalletOptions): Wallet {
  const ctx = createWalletContext(options);
  const locking = createLocking(ctx);
  return {
    status: ctx.status,
    ...createImports(ctx),
    ...createBackups(ctx),
    ...locking,

    canSign(address) {
      return ctx.book.known().get(getAddress(address))?.entry.summary != null;
    },

    signer(address) {
      const target = address ? getAddress(address) : ctx.book.selected();
      if (!target || !ctx.book.known().has(target)) return null;
      return createKeystoreSigner(target, ctx.keys);
    },

    onChange(listener) {
      ctx.events.on('change', listener);
      return () => ctx.events.off('change', listener);
    },

    close() {
      locking.lock('shutdown');
      ctx.events.removeAllListeners();
    },
  };
}

/** The chain's transaction signer over the wallet: fails clearly for an address it holds no key for. */
export function walletSigner(wallet: Wallet): (address: string) => Promise<AccountSigner> {
  return async (address) => {
    const signer = wallet.signer(address);
    if (!signer) throw new Error(`this wallet holds no key for ${address}`);
    return signer;
  };
}
