// Runs in a worker_threads Worker: every scrypt (and BIP-39 PBKDF2) computation happens here, so
// the main loop keeps serving IPC and ticks while a keystore is encrypted or decrypted (about two
// seconds at the standard strength). One worker per job: its heap, with the copies of the password
// and the key, is discarded when the job ends.
//
// Failures are reported as codes only, never as library messages: ethers echoes some arguments
// (a malformed private key, for one) in its error text.
import './lower-thread-priority.ts'; // first: before ethers loads
import { randomBytes } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import {
  computeAddress,
  decryptKeystoreJson,
  encryptKeystoreJson,
  getBytes,
  HDNodeWallet,
  Mnemonic,
  SigningKey,
} from 'ethers';
import type { KeystoreFailure, KeystoreJob, KeystoreJobResult } from './keystore-jobs.ts';

async function encrypt(privateKey: Uint8Array, password: string, scryptN: number): Promise<KeystoreJobResult> {
  let key: SigningKey;
  try {
    key = new SigningKey(privateKey);
  } catch {
    return { ok: false, failure: 'BAD_PRIVATE_KEY' };
  }
  const address = computeAddress(key);
  const json = await encryptKeystoreJson({ address, privateKey: key.privateKey }, password, { scrypt: { N: scryptN } });
  return { ok: true, address, json: gethShape(json) };
}

/**
 * ethers names the section "Crypto"; geth and the Web3 Secret Storage definition write "crypto",
 * and strict readers (@ethereumjs/wallet's fromV3, for one) accept only that. Write geth's shape.
 */
function gethShape(json: string): string {
  const { Crypto, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify(Crypto === undefined ? rest : { ...rest, crypto: Crypto });
}

async function run(job: KeystoreJob): Promise<KeystoreJobResult> {
  switch (job.op) {
    case 'create':
      return encrypt(randomBytes(32), job.password, job.scryptN);
    case 'encrypt-key':
      return encrypt(job.privateKey, job.password, job.scryptN);
    case 'encrypt-mnemonic': {
      let wallet: HDNodeWallet;
      try {
        wallet = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(job.phrase), job.path);
      } catch {
        return { ok: false, failure: 'BAD_MNEMONIC' };
      }
      return encrypt(getBytes(wallet.privateKey), job.password, job.scryptN);
    }
    case 'decrypt':
    case 'verify': {
      let account: { address: string; privateKey: string };
      try {
        account = await decryptKeystoreJson(job.json, job.password);
      } catch (err) {
        return { ok: false, failure: classify(err) };
      }
      if (job.op === 'verify') return { ok: true, address: account.address };
      return { ok: true, address: account.address, privateKey: getBytes(account.privateKey) };
    }
  }
}

function classify(err: unknown): KeystoreFailure {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : '';
  return code === 'INVALID_ARGUMENT' && message.startsWith('incorrect password')
    ? 'WRONG_PASSWORD'
    : 'CORRUPT_KEYSTORE';
}

parentPort?.once('message', (job: KeystoreJob) => {
  run(job).then(
    (result) => {
      // Transfer the key bytes, so no second copy stays behind in this worker's heap.
      const transfer = result.ok && result.privateKey ? [result.privateKey.buffer as ArrayBuffer] : [];
      parentPort?.postMessage(result, transfer);
    },
    () => parentPort?.postMessage({ ok: false, failure: 'INTERNAL' } satisfies KeystoreJobResult),
  );
});
