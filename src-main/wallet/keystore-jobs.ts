// Runs keystore jobs (scrypt, BIP-39) in a worker thread and answers with plain results or typed
// failures. The main thread only waits; it never computes a key derivation itself.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** geth's and go-livepeer's "standard" scrypt N (keystore.StandardScryptN): files they accept as-is. */
export const STANDARD_SCRYPT_N = 262_144;

export type KeystoreJob =
  | { op: 'create'; password: string; scryptN: number }
  | { op: 'encrypt-key'; privateKey: Uint8Array; password: string; scryptN: number }
  | { op: 'encrypt-mnemonic'; phrase: string; path: string; password: string; scryptN: number }
  | { op: 'decrypt'; json: string; password: string }
  | { op: 'verify'; json: string; password: string };

export type KeystoreFailure = 'WRONG_PASSWORD' | 'CORRUPT_KEYSTORE' | 'BAD_PRIVATE_KEY' | 'BAD_MNEMONIC' | 'INTERNAL';

export type KeystoreJobResult =
  { ok: true; address: string; json?: string; privateKey?: Uint8Array } | { ok: false; failure: KeystoreFailure };

export type KeystoreJobRunner = (job: KeystoreJob) => Promise<KeystoreJobResult>;

/**
 * The worker's source next to this file (Node strips its types). The Electron build bundles it to
 * keystore-worker.cjs beside electron-main.cjs and passes that path instead.
 */
export function defaultWorkerPath(): string {
  return join(import.meta.dirname, 'keystore-worker.ts');
}

export function createWorkerRunner(workerPath: string = defaultWorkerPath()): KeystoreJobRunner {
  return (job) =>
    new Promise((resolve) => {
      const worker = new Worker(workerPath);
      let settled = false;
      const finish = (result: KeystoreJobResult): void => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        resolve(result);
      };
      worker.once('message', (result: KeystoreJobResult) => finish(result));
      // A crash must not leak the job (it holds the password) into an error message: codes only.
      worker.once('error', () => finish({ ok: false, failure: 'INTERNAL' }));
      worker.once('exit', () => finish({ ok: false, failure: 'INTERNAL' }));
      const transfer = job.op === 'encrypt-key' ? [job.privateKey.buffer as ArrayBuffer] : [];
      worker.postMessage(job, transfer);
    });
}
