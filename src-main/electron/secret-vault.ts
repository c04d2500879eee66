// The wallet's SecretVault on Electron's safeStorage: the OS keychain (macOS Keychain, Windows DPAPI,
// libsecret/KWallet on Linux). On Linux without a keyring Electron falls back to 'basic_text', a
// hard-coded key that protects nothing: there "remember password" is refused, with the reason.
import { safeStorage } from 'electron';
import type { SecretVault, VaultAvailability } from '../wallet/secret-vault.ts';

export function createSafeStorageVault(platform: NodeJS.Platform = process.platform): SecretVault {
  function availability(): VaultAvailability {
    if (!safeStorage.isEncryptionAvailable()) {
      return { available: false, reason: 'The OS keychain is not available, so the password cannot be stored safely.' };
    }
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return {
          available: false,
          reason:
            'No keyring (GNOME Keyring or KWallet) is running, so Electron would store the password with a built-in key anyone can read. Type the password instead.',
        };
      }
    }
    return { available: true };
  }

  return {
    availability,
    seal(secret) {
      const state = availability();
      if (!state.available) throw new Error(state.reason);
      return new Uint8Array(safeStorage.encryptString(secret));
    },
    open(sealed) {
      return safeStorage.decryptString(Buffer.from(sealed));
    },
  };
}
