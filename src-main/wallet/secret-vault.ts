// Where a remembered keystore password is kept: an OS keychain behind an interface, so the wallet
// never imports Electron. The desktop shell implements it with safeStorage
// (src-main/electron/secret-vault.ts); the headless host has none.

export type VaultAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

export interface SecretVault {
  /** Asked at each use: the keychain can appear or disappear while the app runs. */
  availability(): VaultAvailability;
  /** Encrypts with a key the OS keeps (the keychain); throws when unavailable. */
  seal(secret: string): Uint8Array;
  /** The inverse of seal; throws when the keychain refuses or the blob is not ours. */
  open(sealed: Uint8Array): string;
}

export const NO_VAULT_REASON = 'The headless host has no OS keychain; type the password to unlock.';
