import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gethFileName, inspectKeystore, scanKeystoreFolder, writeFileAtomic } from './keystore-files.ts';
import { retryDelayMs } from './password-gate.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lpm-ksfiles-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('keystore files', () => {
  it("names files the way geth's keyFileName does", () => {
    expect(
      gethFileName('0x2c7536E3605D9C16a7a3D7b1898e529396a65c23', new Date(Date.UTC(2024, 0, 15, 10, 30, 5, 123))),
    ).toBe('UTC--2024-01-15T10-30-05.123000000Z--2c7536e3605d9c16a7a3d7b1898e529396a65c23');
  });

  it('writes atomically with mode 0600, leaves no temporary file and never replaces a file', async () => {
    const dir = tempDir();
    const path = join(dir, 'UTC--x');
    await writeFileAtomic(path, '{"a":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await expect(writeFileAtomic(path, '{"a":2}')).rejects.toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
    expect(readdirSync(dir)).toEqual(['UTC--x']);
  });

  it('reads the public parts of V3 keystores from other tools and rejects what is not one', () => {
    for (const name of ['ethereumjs-scrypt-n4096.json', 'ethereumjs-pbkdf2.json']) {
      expect(inspectKeystore(readFileSync(join(FIXTURES, name), 'utf8')).address).toBe(
        '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23',
      );
    }
    expect(() => inspectKeystore('{"version":3')).toThrow('not JSON');
    expect(() => inspectKeystore('{"version":1,"crypto":{}}')).toThrow('not a version 3 keystore');
    expect(() =>
      inspectKeystore(
        '{"version":3,"address":"00","crypto":{"cipher":"aes-128-ctr","kdf":"scrypt","ciphertext":"","mac":""}}',
      ),
    ).toThrow('invalid address');
  });

  it('scans a folder like geth: skips hidden and backup files, reports unreadable ones', () => {
    const entries = scanKeystoreFolder(join(FIXTURES, 'go-livepeer-keystore'));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary?.kdf).toBe('scrypt');
  });
});

describe('password backoff', () => {
  it('lets two typos pass, then doubles the wait up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => retryDelayMs(n))).toEqual([0, 0, 2000, 4000, 8000, 16000, 300000]);
  });
});
