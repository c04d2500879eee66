// Lock state as the user drives it: selecting the operating account (another one locks), unlocking
// with a typed or keychain-remembered password, locking, the idle auto-lock setting and
// "remember password" (only the OS keychain's ciphertext is stored).
import { AppError, ErrorCode, type WalletStatus } from '../../src-shared/contract/index.ts';
import { jobFailure, type JobSuccess } from './keystore-job-client.ts';
import { readKeystoreText } from './keystore-files.ts';
import { NO_VAULT_REASON, type SecretVault } from './secret-vault.ts';
import type { Wallet } from './wallet.ts';
import type { WalletContext } from './wallet-context.ts';

type Locking = Pick<
  Wallet,
  'select' | 'unlock' | 'unlockForNode' | 'setNodeNeedsKey' | 'lock' | 'setAutoLock' | 'setRememberPassword'
>;

export function createLocking(ctx: WalletContext): Locking {
  const { book, keys, log, store } = ctx;

  function usableVault(): SecretVault {
    if (!ctx.vault) throw new AppError(ErrorCode.Unavailable, NO_VAULT_REASON);
    const availability = ctx.vault.availability();
    if (!availability.available) throw new AppError(ErrorCode.Unavailable, availability.reason);
    return ctx.vault;
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

  function lock(reason: Parameters<Wallet['lock']>[0] = 'manual'): ReturnType<Wallet['lock']> {
    return keys.lock(reason) ? ctx.changed() : ctx.status();
  }

  /** Decrypts the selected account and holds its key: for user actions too, or for the node only. */
  async function open(password: string | undefined, forUser: boolean): Promise<WalletStatus> {
    const address = book.selected();
    if (!address) throw new AppError(ErrorCode.NotFound, 'Create or import an account first');
    if ((forUser ? keys.address() : keys.heldAddress()) === address) {
      if (forUser) keys.touch();
      return ctx.status();
    }
    const { entry, record } = book.account(address);
    if (!entry.summary) throw new AppError(ErrorCode.CorruptKeystore, 'This account’s keystore file is not readable');
    let secret = password;
    if (secret === undefined) {
      if (!record.rememberedSealed) throw new AppError(ErrorCode.BadInput, 'Enter the password');
      secret = openRemembered(record.rememberedSealed);
    }
    let result: JobSuccess;
    try {
      result = await ctx.jobs.withPassword(address, readKeystoreText(entry.path), secret, 'decrypt');
    } catch (err) {
      if (password === undefined && err instanceof AppError && err.code === ErrorCode.WrongPassword) {
        // The remembered password no longer opens the file (it was re-encrypted elsewhere): forget it.
        store.setRemembered(address, null);
        ctx.changed();
      }
      throw err;
    }
    const key = result.privateKey;
    if (!key) throw jobFailure('INTERNAL');
    if (book.selected() !== address) {
      key.fill(0);
      throw new AppError(ErrorCode.Conflict, 'The selected account changed while unlocking');
    }
    keys.hold(address, key, forUser);
    log.info(forUser ? `Unlocked ${address}` : `Unlocked ${address} for the node (user actions stay locked)`);
    return ctx.changed();
  }

  return {
    select(address) {
      const { address: next, entry } = book.account(address);
      if (!entry.summary) throw new AppError(ErrorCode.CorruptKeystore, 'This account’s keystore file is not readable');
      const held = keys.heldAddress();
      if (held && held !== next) {
        // Another operating account: neither the user nor the node keeps the old key.
        keys.lock('selection');
      }
      store.setPref('selected', next);
      return ctx.changed();
    },

    unlock: (password) => open(password, true),
    unlockForNode: (password) => open(password, false),

    setNodeNeedsKey(needed) {
      if (needed === keys.nodeNeed()) return;
      keys.setNodeNeed(needed);
      ctx.changed();
    },

    lock,

    setAutoLock(minutes) {
      store.setPref('autoLockMinutes', String(minutes));
      keys.reschedule();
      log.info(minutes === 0 ? 'Auto-lock turned off' : `Auto-lock after ${minutes} idle minutes`);
      return ctx.changed();
    },

    async setRememberPassword(address, enabled, password) {
      const { address: own, entry } = book.account(address);
      if (!enabled) {
        store.setRemembered(own, null);
        log.info(`Forgot the remembered password of ${own}`);
        return ctx.changed();
      }
      const keychain = usableVault();
      if (password === undefined) throw new AppError(ErrorCode.BadInput, 'Enter the password to remember');
      await ctx.jobs.withPassword(own, readKeystoreText(entry.path), password, 'verify');
      store.setRemembered(own, keychain.seal(password));
      log.info(`Remembering the password of ${own} in the OS keychain`);
      return ctx.changed();
    },
  };
}
