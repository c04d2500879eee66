// A worker thread of the signature pool: checks packed batches of ticket signatures (32-byte
// messages, 65-byte signatures, one signer) and answers one byte per signature.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { recoveryBackend } from './secp256k1.ts';
import type { RecoveryPath } from './secp256k1-backends.ts';
import { checkSignatures } from './signature-checks.ts';

// Below the main thread when the CPU is contended (Linux: a thread has its own nice value), so a
// flood of payments to check does not take the CPU from the UI, chain services and sessions.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
} catch {
  // other systems: same priority as the main thread
}

export interface SignatureJob {
  readonly id: number;
  readonly signer: Uint8Array;
  /** n × 32 bytes. */
  readonly messages: Uint8Array<ArrayBuffer>;
  /** n × 65 bytes. */
  readonly sigs: Uint8Array<ArrayBuffer>;
}

export interface SignatureAnswer {
  readonly id: number;
  /** 1 = valid, one per signature. */
  readonly valid: Uint8Array;
  /** The build this worker recovers with (it loads its own copy of the native binding). */
  readonly path: RecoveryPath;
}

const { path } = recoveryBackend();

parentPort?.on('message', (job: SignatureJob) => {
  const n = job.messages.length / 32;
  const messages = Array.from({ length: n }, (_, i) => job.messages.subarray(i * 32, i * 32 + 32));
  const sigs = Array.from({ length: n }, (_, i) => job.sigs.subarray(i * 65, i * 65 + 65));
  const valid = Uint8Array.from(checkSignatures(job.signer, messages, sigs), (ok) => (ok ? 1 : 0));
  parentPort?.postMessage({ id: job.id, valid, path } satisfies SignatureAnswer, [valid.buffer]);
});
