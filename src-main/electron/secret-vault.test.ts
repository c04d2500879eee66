// safeStorage exists only inside Electron, which cannot run on this machine: its module is replaced
// by a stand-in that reports a chosen backend, to check the refusal logic of the vault.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = { available: true, backend: 'gnome_libsecret' };
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (s: string) => Buffer.from(`sealed:${s}`),
    decryptString: (b: Buffer) => b.toString().replace(/^sealed:/, ''),
  },
}));

const { createSafeStorageVault } = await import('./secret-vault.ts');

describe('safeStorage vault on Linux', () => {
  beforeEach(() => {
    state.available = true;
    state.backend = 'gnome_libsecret';
  });

  it('uses a real keyring backend', () => {
    const vault = createSafeStorageVault('linux');
    expect(vault.availability()).toEqual({ available: true });
    expect(vault.open(vault.seal('pw'))).toBe('pw');
  });

  it("refuses Electron's plain-text fallback, with the reason, and will not seal there", () => {
    state.backend = 'basic_text';
    const vault = createSafeStorageVault('linux');
    const availability = vault.availability();
    expect(availability.available).toBe(false);
    expect(!availability.available && availability.reason).toContain('keyring');
    expect(() => vault.seal('pw')).toThrow(/keyring/);
  });

  it('refuses when encryption is unavailable at all', () => {
    state.available = false;
    expect(createSafeStorageVault('linux').availability().available).toBe(false);
  });

  it('trusts the keychain on other systems (Keychain, DPAPI) whatever the Linux backend says', () => {
    state.backend = 'unknown';
    expect(createSafeStorageVault('darwin').availability()).toEqual({ available: true });
  });
});
