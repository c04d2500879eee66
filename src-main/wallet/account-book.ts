// The wallet's accounts: keystore files in the keystore folder joined with their SQLite records
// (files dropped in by hand are adopted), the selected one, and adding a new one.
import { join } from 'node:path';
import { getAddress } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import { gethFileName, scanKeystoreFolder, writeFileAtomic, type KeystoreEntry } from './keystore-files.ts';
import { addressFromFileName } from './keystore-sources.ts';
import type { AccountRecord, WalletStore } from './wallet-store.ts';

export interface KnownAccount {
  readonly entry: KeystoreEntry;
  readonly address: string;
  readonly record: AccountRecord;
}

export interface AccountBook {
  readonly keystoreDir: string;
  /** Every account by checksummed address. */
  known(): Map<string, KnownAccount>;
  /** One account; NOT_FOUND when the wallet has no file for it. */
  account(address: string): KnownAccount;
  /** The selected account: the stored choice while its file exists, else the first readable one. */
  selected(all?: Map<string, KnownAccount>): string | null;
  /** CONFLICT when the wallet already holds the address. */
  refuseDuplicate(address: string): void;
  /** Writes the keystore (geth file name), records the account and selects it if none is. */
  add(address: string, json: string, origin: AccountRecord['origin'], label: string | undefined): Promise<void>;
}

export function createAccountBook(deps: {
  keystoreDir: string;
  store: WalletStore;
  log: Logger;
  now: () => number;
}): AccountBook {
  const { keystoreDir, store, log, now } = deps;

  function known(): Map<string, KnownAccount> {
    const records = store.accounts();
    const result = new Map<string, KnownAccount>();
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

  function refuseDuplicate(address: string): void {
    if (known().has(address)) throw new AppError(ErrorCode.Conflict, 'This account is already in the wallet');
  }

  return {
    keystoreDir,
    known,
    account(address) {
      const found = known().get(getAddress(address));
      if (!found) throw new AppError(ErrorCode.NotFound, 'No such account in this wallet');
      return found;
    },
    selected(all = known()) {
      const pref = store.pref('selected');
      if (pref && all.has(pref)) return pref;
      const first = [...all.values()].find((k) => k.entry.summary !== null);
      return first ? first.address : null;
    },
    refuseDuplicate,
    async add(address, json, origin, label) {
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
    },
  };
}
