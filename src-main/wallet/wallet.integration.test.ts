// The wallet end to end with real crypto (ethers in the worker, N=4096 for speed), checked against
// ethers' own keystore reader, keystores written by @ethereumjs/wallet, and independent recovery.
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decryptKeystoreJson,
  getAddress,
  MaxUint256,
  recoverAddress,
  Transaction,
  verifyMessage,
  Wallet as EthersWallet,
  Interface,
} from 'ethers';
import { Wallet as EthereumjsWallet } from '@ethereumjs/wallet';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import type { ApprovedTransaction } from './account-signer.ts';
import { findSecrets, makeTestWallet, recordingLogger, standInKeychain, type TestWallet } from './test-support.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const FIXTURE_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const FIXTURE_ADDRESS = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';
const FIXTURE_PASSWORD = 'fixture-password-1';
const PASSWORD = 'correct horse battery';
const OTHER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const OTHER_ADDRESS = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
// The well-known development phrase (hardhat/anvil): account 0 and 1 are public test accounts.
const MNEMONIC = 'test test test test test test test test test test test junk';
const MNEMONIC_ADDRESS_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

const logLines: string[] = [];
const errorTexts: string[] = [];
const open: TestWallet[] = [];

function setup(overrides: Parameters<typeof makeTestWallet>[0] = {}): TestWallet {
  const t = makeTestWallet(overrides, recordingLogger(logLines));
  open.push(t);
  return t;
}

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    errorTexts.push(JSON.stringify(e.toPayload()));
    return e;
  }
  throw new Error('expected a failure');
}

afterEach(() => {
  for (const t of open.splice(0)) t.dispose();
});

afterAll(() => {
  // Everything these tests made the wallet log or throw: no key, phrase or password anywhere.
  const text = [...logLines, ...errorTexts].join('\n');
  expect(logLines.length).toBeGreaterThan(0);
  expect(
    findSecrets(text, {
      privateKeys: [FIXTURE_KEY, OTHER_KEY],
      mnemonics: [MNEMONIC],
      passwords: [PASSWORD, FIXTURE_PASSWORD],
    }),
  ).toEqual([]);
});

describe('create and the keystore file', () => {
  it('writes a geth-named 0600 keystore that ethers itself decrypts to the same account', async () => {
    const { wallet, dataDir } = setup();
    const { address } = await wallet.create(PASSWORD);
    const dir = join(dataDir, 'keystore');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^UTC--\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{9}Z--[0-9a-f]{40}$/);
    expect(files[0]!.endsWith(address.slice(2).toLowerCase())).toBe(true);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const json = readFileSync(join(dir, files[0]!), 'utf8');
    expect(JSON.parse(json).crypto.kdfparams.n).toBe(4096);
    const decrypted = await decryptKeystoreJson(json, PASSWORD);
    expect(decrypted.address).toBe(address);
    // A second, independent reader: @ethereumjs/wallet opens it to the same account.
    const other = await EthereumjsWallet.fromV3(json, PASSWORD);
    expect(other.getChecksumAddressString()).toBe(address);
    expect('0x' + Buffer.from(other.getPrivateKey()).toString('hex')).toBe(decrypted.privateKey);
    // And the status: selected, locked, a backup still to do.
    const status = wallet.status();
    expect(status.selected).toBe(address);
    expect(status.unlocked).toBeNull();
    expect(status.accounts[0]).toMatchObject({ address, origin: 'created', backupConfirmedAt: null, readable: true });
  });

  it('encrypts an imported private key so that ethers recovers exactly that key', async () => {
    const { wallet, dataDir } = setup();
    const { address } = await wallet.importPrivateKey(OTHER_KEY.slice(2), PASSWORD);
    expect(address).toBe(OTHER_ADDRESS);
    const [file] = readdirSync(join(dataDir, 'keystore'));
    const decrypted = await decryptKeystoreJson(readFileSync(join(dataDir, 'keystore', file!), 'utf8'), PASSWORD);
    expect(decrypted.privateKey).toBe(OTHER_KEY);
    expect(await failure(wallet.importPrivateKey(OTHER_KEY, PASSWORD))).toMatchObject({ code: ErrorCode.Conflict });
    const bad = await failure(wallet.importPrivateKey('0x' + '0'.repeat(64), PASSWORD));
    expect(bad.code).toBe(ErrorCode.BadInput);
  });

  it('imports a BIP-39 phrase at the standard derivation path without storing the phrase', async () => {
    const { wallet, dataDir } = setup();
    expect((await wallet.importMnemonic(MNEMONIC, 0, PASSWORD)).address).toBe(MNEMONIC_ADDRESS_0);
    expect((await wallet.importMnemonic(MNEMONIC, 1, PASSWORD)).address).toBe(OTHER_ADDRESS);
    const stored = readdirSync(join(dataDir, 'keystore')).map((f) =>
      readFileSync(join(dataDir, 'keystore', f), 'utf8'),
    );
    expect(stored.join('\n')).not.toContain('junk');
    const bad = await failure(
      wallet.importMnemonic('test test test test test test test test test test test test', 0, PASSWORD),
    );
    expect(bad.code).toBe(ErrorCode.BadInput);
  });
});

describe('keystores written by another implementation', () => {
  it.each(['ethereumjs-scrypt-n4096.json', 'ethereumjs-pbkdf2.json'])('imports and unlocks %s', async (name) => {
    const { wallet } = setup();
    const json = readFileSync(join(FIXTURES, name), 'utf8');
    const { address } = await wallet.importKeystore({ kind: 'json', json }, FIXTURE_PASSWORD);
    expect(address).toBe(FIXTURE_ADDRESS);
    await wallet.unlock(FIXTURE_PASSWORD);
    const signature = await wallet.signer()!.signMessage('hello');
    expect(verifyMessage('hello', signature)).toBe(FIXTURE_ADDRESS);
    // The same signature ethers produces with the key directly.
    expect(signature).toBe(await new EthersWallet(FIXTURE_KEY).signMessage('hello'));
  });

  it('imports a go-livepeer keystore folder (geth layout, standard scrypt) and leaves the file as it was', async () => {
    const { wallet, dataDir } = setup();
    const folder = join(FIXTURES, 'go-livepeer-keystore');
    const scan = await wallet.scanFolder(folder);
    expect(scan.keystores.map((k) => k.address)).toEqual([FIXTURE_ADDRESS]);
    const { address } = await wallet.importKeystore({ kind: 'path', path: folder }, FIXTURE_PASSWORD);
    expect(address).toBe(FIXTURE_ADDRESS);
    const [original] = readdirSync(folder).filter((f) => f.startsWith('UTC--'));
    const [copy] = readdirSync(join(dataDir, 'keystore'));
    expect(readFileSync(join(dataDir, 'keystore', copy!), 'utf8')).toBe(readFileSync(join(folder, original!), 'utf8'));
    expect(wallet.status().accounts[0]).toMatchObject({ origin: 'keystore', readable: true });
    expect(wallet.isBackedUp(address)).toBe(true);
    expect(wallet.canSign(address)).toBe(true);
    expect(wallet.canSign(OTHER_ADDRESS)).toBe(false);
    expect(wallet.signer(OTHER_ADDRESS)).toBeNull();
  });

  it('asks which account when a folder holds several, then imports the chosen one', async () => {
    const { wallet, dataDir } = setup();
    const folder = join(dataDir, 'two-accounts');
    mkdirSync(folder);
    copyFileSync(
      join(FIXTURES, 'ethereumjs-scrypt-n4096.json'),
      join(folder, `UTC--2024-01-01T00-00-00.000Z--${FIXTURE_ADDRESS.slice(2).toLowerCase()}`),
    );
    const other = await new EthersWallet(OTHER_KEY).encrypt(PASSWORD, () => undefined).catch(() => null);
    void other;
    const { encryptKeystoreJson } = await import('ethers');
    writeFileSync(
      join(folder, `UTC--2024-01-02T00-00-00.000Z--${OTHER_ADDRESS.slice(2).toLowerCase()}`),
      await encryptKeystoreJson({ address: OTHER_ADDRESS, privateKey: OTHER_KEY }, PASSWORD, { scrypt: { N: 4096 } }),
    );
    const several = await failure(wallet.importKeystore({ kind: 'path', path: folder }, PASSWORD));
    expect(several.code).toBe(ErrorCode.BadInput);
    expect(several.details?.addresses).toEqual([FIXTURE_ADDRESS, OTHER_ADDRESS]);
    const { address } = await wallet.importKeystore({ kind: 'path', path: folder }, PASSWORD, OTHER_ADDRESS);
    expect(address).toBe(OTHER_ADDRESS);
  }, 20_000);
});

describe('passwords', () => {
  it('reports a wrong password clearly and makes the next attempts wait longer and longer', async () => {
    const { wallet } = setup({ backoff: { freeFailures: 2, baseDelayMs: 150, maxDelayMs: 1000 } });
    await wallet.create(PASSWORD);
    const first = await failure(wallet.unlock('wrong password 1'));
    expect(first).toMatchObject({ code: ErrorCode.WrongPassword, message: 'Wrong password.' });
    expect(first.details).toMatchObject({ failures: 1, retryAfterMs: 0 });
    await failure(wallet.unlock('wrong password 2'));
    const third = await failure(wallet.unlock('wrong password 3'));
    expect(third.details).toMatchObject({ failures: 3, retryAfterMs: 150 });
    // Even the right password is not tried during the wait.
    const early = await failure(wallet.unlock(PASSWORD));
    expect(early.code).toBe(ErrorCode.TooManyAttempts);
    expect(early.details?.retryAfterMs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 160));
    const fourth = await failure(wallet.unlock('wrong password 4'));
    expect(fourth.details).toMatchObject({ failures: 4, retryAfterMs: 300 });
    await new Promise((r) => setTimeout(r, 310));
    expect((await wallet.unlock(PASSWORD)).unlocked).not.toBeNull();
  });

  it('runs one password attempt per account at a time', async () => {
    const { wallet } = setup();
    await wallet.create(PASSWORD);
    const attempts = [wallet.unlock('wrong one'), wallet.unlock('wrong two')];
    const results = await Promise.allSettled(attempts);
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as AppError).code : 'ok')).sort();
    expect(codes).toEqual([ErrorCode.Conflict, ErrorCode.WrongPassword].sort());
    for (const r of results) if (r.status === 'rejected') errorTexts.push((r.reason as AppError).message);
  });
});

describe('corrupted files', () => {
  it('lists a damaged keystore file as unreadable and refuses to use it', async () => {
    const { wallet, dataDir } = setup();
    const file = join(
      dataDir,
      'keystore',
      `UTC--2024-01-01T00-00-00.000000000Z--${FIXTURE_ADDRESS.slice(2).toLowerCase()}`,
    );
    writeFileSync(file, readFileSync(join(FIXTURES, 'ethereumjs-scrypt-n4096.json'), 'utf8').slice(0, 200));
    const [account] = wallet.status().accounts;
    expect(account).toMatchObject({ address: FIXTURE_ADDRESS, readable: false, problem: 'not JSON' });
    expect((await failure(() => wallet.select(FIXTURE_ADDRESS))).code).toBe(ErrorCode.CorruptKeystore);
  });

  it('refuses to import truncated JSON or a keystore whose address does not match its key', async () => {
    const { wallet } = setup();
    const json = readFileSync(join(FIXTURES, 'ethereumjs-scrypt-n4096.json'), 'utf8');
    expect(
      (await failure(wallet.importKeystore({ kind: 'json', json: json.slice(0, 100) }, FIXTURE_PASSWORD))).code,
    ).toBe(ErrorCode.CorruptKeystore);
    const swapped = JSON.stringify({ ...JSON.parse(json), address: OTHER_ADDRESS.slice(2).toLowerCase() });
    expect((await failure(wallet.importKeystore({ kind: 'json', json: swapped }, FIXTURE_PASSWORD))).code).toBe(
      ErrorCode.CorruptKeystore,
    );
    // A flipped ciphertext byte fails the MAC: V3 cannot tell that from a wrong password.
    const parsed = JSON.parse(json);
    parsed.crypto.ciphertext = (parsed.crypto.ciphertext[0] === '0' ? '1' : '0') + parsed.crypto.ciphertext.slice(1);
    expect(
      (await failure(wallet.importKeystore({ kind: 'json', json: JSON.stringify(parsed) }, FIXTURE_PASSWORD))).code,
    ).toBe(ErrorCode.WrongPassword);
    expect(wallet.status().accounts).toEqual([]);
  });
});

describe('signing', () => {
  const iface = new Interface([
    'function approve(address spender, uint256 amount)',
    'function bond(uint256 amount, address to)',
  ]);
  const bondData = iface.encodeFunctionData('bond', [10n ** 18n, OTHER_ADDRESS]);
  const approval: ApprovedTransaction = {
    previewId: 'p1',
    chainId: 42161n,
    to: '0x35Bcf3c30594191d53231E4FF333E8A770453e40',
    data: bondData,
    value: 0n,
  };
  const tx = {
    type: 2,
    chainId: 42161n,
    to: approval.to,
    data: bondData,
    value: 0n,
    nonce: 7,
    gasLimit: 300_000n,
    maxFeePerGas: 100_000_000n,
    maxPriorityFeePerGas: 0n,
  };

  it('signs messages and approved transactions that independent recovery attributes to the account', async () => {
    const { wallet } = setup();
    const { address } = await wallet.importPrivateKey(FIXTURE_KEY, PASSWORD);
    const signer = wallet.signer()!;
    expect((await failure(signer.signMessage('ticket'))).code).toBe(ErrorCode.Locked);
    await wallet.unlock(PASSWORD);
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect(verifyMessage(bytes, await signer.signMessage(bytes))).toBe(address);
    const serialized = await signer.signTransaction(tx, approval);
    const parsed = Transaction.from(serialized);
    expect(parsed.from).toBe(address);
    expect(recoverAddress(parsed.unsignedHash, parsed.signature!)).toBe(address);
    expect(parsed.nonce).toBe(7);
    expect(parsed.data).toBe(bondData);
    // Byte for byte what ethers signs with the key itself.
    expect(serialized).toBe(await new EthersWallet(FIXTURE_KEY).signTransaction(tx));
  });

  it('refuses transactions that differ from the approval, unlimited approvals and foreign senders', async () => {
    const { wallet } = setup();
    await wallet.importPrivateKey(FIXTURE_KEY, PASSWORD);
    await wallet.unlock(PASSWORD);
    const signer = wallet.signer()!;
    for (const change of [
      { to: OTHER_ADDRESS },
      { value: 1n },
      { chainId: 1n },
      { data: bondData.slice(0, -2) + '00' },
      { from: OTHER_ADDRESS },
    ]) {
      const refused = await failure(signer.signTransaction({ ...tx, ...change }, approval));
      expect(refused.code).toBe(ErrorCode.Forbidden);
    }
    const unfinished = await failure(signer.signTransaction({ ...tx, nonce: undefined }, approval));
    expect(unfinished.message).toContain('no nonce');
    const unlimited = iface.encodeFunctionData('approve', [OTHER_ADDRESS, MaxUint256]);
    const refused = await failure(signer.signTransaction({ ...tx, data: unlimited }, { ...approval, data: unlimited }));
    expect(refused.message).toContain('unlimited');
    const exact = iface.encodeFunctionData('approve', [OTHER_ADDRESS, 10n ** 18n]);
    expect(
      Transaction.from(await signer.signTransaction({ ...tx, data: exact }, { ...approval, data: exact })).from,
    ).toBe(FIXTURE_ADDRESS);
  });
});

describe('lock state', () => {
  it('locks itself after the idle time and stays unlocked while the user signs', async () => {
    // One auto-lock "minute" is 400 ms here.
    const { wallet } = setup({ minuteMs: 400 });
    const send = { previewId: 'p', chainId: 42161n, to: OTHER_ADDRESS, data: '0x', value: 1n };
    const sendTx = { type: 2, ...send, nonce: 1, gasLimit: 21_000n, maxFeePerGas: 1n, maxPriorityFeePerGas: 0n };
    await wallet.importPrivateKey(FIXTURE_KEY, PASSWORD);
    wallet.setAutoLock(1);
    const unlocked = await wallet.unlock(PASSWORD);
    expect(unlocked.autoLockAt).toBeGreaterThan(Date.now());
    const signer = wallet.signer();
    if (!signer) throw new Error('no signer');
    // A user transaction every 100 ms for 800 ms: twice the idle time, never idle for 400 ms.
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await signer.signTransaction(sendTx, send);
    }
    expect(wallet.status().unlocked).toBe(FIXTURE_ADDRESS);
    await new Promise((r) => setTimeout(r, 700));
    expect(wallet.status()).toMatchObject({ unlocked: null, lockReason: 'idle', autoLockAt: null });
    expect((await failure(signer.signMessage('late'))).code).toBe(ErrorCode.Locked);
  });

  it('locks on suspend and when another account is selected; 0 minutes never auto-locks', async () => {
    const changes: (string | null)[] = [];
    const { wallet } = setup({ minuteMs: 20 });
    wallet.onChange((s) => changes.push(s.lockReason));
    await wallet.importPrivateKey(FIXTURE_KEY, PASSWORD);
    await wallet.importPrivateKey(OTHER_KEY, PASSWORD);
    wallet.setAutoLock(0);
    await wallet.unlock(PASSWORD);
    await new Promise((r) => setTimeout(r, 80));
    expect(wallet.status().unlocked).toBe(FIXTURE_ADDRESS);
    expect(wallet.lock('suspend').lockReason).toBe('suspend');
    await wallet.unlock(PASSWORD);
    const after = wallet.select(OTHER_ADDRESS);
    expect(after).toMatchObject({ selected: OTHER_ADDRESS, unlocked: null, lockReason: 'selection' });
    expect(changes).toContain('suspend');
    expect((await failure(wallet.signer(FIXTURE_ADDRESS)!.signMessage('x'))).code).toBe(ErrorCode.Locked);
  });
});

describe('backup', () => {
  it('exports a 0600 copy and confirms the backup only when the copy opens with the password', async () => {
    const { wallet, dataDir } = setup();
    const { address } = await wallet.create(PASSWORD);
    const usb = mkdtempSync(join(tmpdir(), 'lpm-backup-'));
    try {
      const { path } = await wallet.exportKeystore(address, usb);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const [own] = readdirSync(join(dataDir, 'keystore'));
      expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(dataDir, 'keystore', own!), 'utf8'));
      expect((await failure(wallet.checkBackup(address, join(dataDir, 'keystore', own!), PASSWORD))).code).toBe(
        ErrorCode.BadInput,
      );
      expect((await failure(wallet.checkBackup(address, path, 'not the password'))).code).toBe(ErrorCode.WrongPassword);
      expect(wallet.isBackedUp(address)).toBe(false);
      const status = await wallet.checkBackup(address, usb, PASSWORD);
      expect(status.accounts[0]!.backupConfirmedAt).toBeGreaterThan(0);
      expect(wallet.isBackedUp(address)).toBe(true);
      expect((await failure(() => wallet.exportKeystore(address, 'relative/dir'))).code).toBe(ErrorCode.BadInput);
    } finally {
      chmodSync(usb, 0o700);
      rmSync(usb, { recursive: true, force: true });
    }
  });
});

describe('remember password', () => {
  it('is unavailable without a keychain, with the reason', async () => {
    const { wallet } = setup();
    const { address } = await wallet.create(PASSWORD);
    expect(wallet.status().rememberPassword).toMatchObject({
      available: false,
      reason: expect.stringContaining('keychain'),
    });
    const refused = await failure(wallet.setRememberPassword(address, true, PASSWORD));
    expect(refused.code).toBe(ErrorCode.Unavailable);
  });

  it('keeps only the keychain ciphertext and unlocks without typing', async () => {
    const vault = standInKeychain();
    const { wallet, dataDir } = setup({ vault });
    const { address } = await wallet.create(PASSWORD);
    expect((await failure(wallet.setRememberPassword(address, true, 'wrong password'))).code).toBe(
      ErrorCode.WrongPassword,
    );
    const status = await wallet.setRememberPassword(address, true, PASSWORD);
    expect(status.accounts[0]!.rememberPassword).toBe(true);
    expect((await wallet.unlock()).unlocked).toBe(address);
    wallet.lock();
    const storeBytes = readFileSync(join(dataDir, 'livepeer-miner.sqlite'));
    const walBytes = (() => {
      try {
        return readFileSync(join(dataDir, 'livepeer-miner.sqlite-wal'));
      } catch {
        return Buffer.alloc(0);
      }
    })();
    expect(findSecrets(storeBytes.toString('latin1') + walBytes.toString('latin1'), { passwords: [PASSWORD] })).toEqual(
      [],
    );
    expect((await wallet.setRememberPassword(address, false)).accounts[0]!.rememberPassword).toBe(false);
    expect((await failure(wallet.unlock())).code).toBe(ErrorCode.BadInput);
  });
});

describe('what gets logged', () => {
  it('logs addresses and events, never the secrets (checked for the whole file in afterAll)', async () => {
    const { wallet } = setup();
    await wallet.importMnemonic(MNEMONIC, 0, PASSWORD);
    await wallet.unlock(PASSWORD);
    expect(logLines.some((l) => l.includes(`Unlocked ${getAddress(MNEMONIC_ADDRESS_0)}`))).toBe(true);
  });
});
