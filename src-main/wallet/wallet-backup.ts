// Backups and folders outside the app: listing a folder's keystores, exporting a copy of an
// account's keystore, and proving a backup by decrypting that copy with the typed password.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { getAddress } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { gethFileName, inspectKeystore, readKeystoreText, writeFileAtomic } from './keystore-files.ts';
import { absolute, insideFolder, readKeystoreSource, scanNamedFolder } from './keystore-sources.ts';
import type { Wallet } from './wallet.ts';
import type { WalletContext } from './wallet-context.ts';

type Backups = Pick<Wallet, 'scanFolder' | 'exportKeystore' | 'checkBackup' | 'isBackedUp'>;

export function createBackups(ctx: WalletContext): Backups {
  const { book, log, now, store } = ctx;
  return {
    async scanFolder(path) {
      const folder = absolute(path);
      const entries = await scanNamedFolder(folder);
      return {
        folder,
        keystores: entries.map((e) => ({ file: e.file, address: e.summary?.address ?? null, problem: e.problem })),
      };
    },

    async exportKeystore(address, directory) {
      const { entry } = book.account(address);
      const dir = absolute(directory);
      try {
        if (!statSync(dir).isDirectory()) throw new Error('not a folder');
      } catch {
        throw new AppError(ErrorCode.NotFound, 'The backup folder does not exist');
      }
      if (insideFolder(book.keystoreDir, dir))
        throw new AppError(ErrorCode.BadInput, 'Choose a folder outside the app’s keystore folder');
      const path = join(dir, gethFileName(getAddress(address), new Date(now())));
      await writeFileAtomic(path, readKeystoreText(entry.path));
      log.info(`Exported the keystore of ${getAddress(address)} to ${dir}`);
      return { path };
    },

    async checkBackup(address, path, password) {
      const { address: own } = book.account(address);
      const target = absolute(path);
      if (insideFolder(book.keystoreDir, target)) {
        throw new AppError(
          ErrorCode.BadInput,
          'Point the check at your backup copy, not at the app’s own keystore file',
        );
      }
      const json = await readKeystoreSource(target, own);
      let declared: string;
      try {
        declared = inspectKeystore(json).address;
      } catch {
        throw new AppError(ErrorCode.CorruptKeystore, 'The backup copy is not a readable V3 keystore');
      }
      if (declared !== own) throw new AppError(ErrorCode.BadInput, 'The backup copy is for another account');
      await ctx.jobs.withPassword(own, json, password, 'verify');
      store.setBackupConfirmed(own, now());
      log.info(`Backup of ${own} checked`);
      return ctx.changed();
    },

    isBackedUp(address) {
      return store.accounts().get(getAddress(address))?.backupConfirmedAt != null;
    },
  };
}
