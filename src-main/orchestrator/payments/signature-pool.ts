// Ticket signature checks off the main thread when there is work to spare it: a payment's batch
// runs inline only when it is small and no batch is waiting, otherwise on a pool of worker threads
// (signature-worker.ts), so a flood of forged payments cannot stall the UI, chain services or the
// sessions being served. Two lanes: signers that already paid with a valid signature go first;
// the lane of unknown signers is bounded and refuses (PoolBusy) when full.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { hexlify } from 'ethers';
import type { RecoveryPath } from './secp256k1-backends.ts';
import { checkSignatures, type SignatureChecks } from './signature-checks.ts';
import type { SignatureAnswer, SignatureJob } from './signature-worker.ts';

export interface SignaturePoolOptions {
  /** Worker threads (default: cores − 1, at least 1, at most 4); 0 = always inline. */
  readonly workers?: number;
  /** The worker's file; found beside this one by default (none found: always inline). */
  readonly workerPath?: string;
  /** Largest batch checked inline while the pool is idle (≈ 0.07 ms per signature native, 0.27 ms WebAssembly). */
  readonly inlineMax?: number;
  /** Batches of unknown signers allowed to wait; more are refused. */
  readonly unknownQueueLimit?: number;
}

export class PoolBusy extends Error {
  constructor() {
    super('orchestrator busy checking payments, try again');
  }
}

export interface SignaturePool extends SignatureChecks {
  /** Batches waiting or running on workers. */
  pending(): number;
  /** The build the workers reported recovering with (undefined until one has answered). */
  workerRecovery(): RecoveryPath | undefined;
  close(): Promise<void>;
}

interface Queued {
  readonly job: SignatureJob;
  /** The caller's own arrays: the job's copies are handed over to the worker. */
  readonly messages: readonly Uint8Array[];
  readonly sigs: readonly Uint8Array[];
  resolve(valid: boolean[]): void;
  reject(err: Error): void;
}

/** Signers remembered as having paid (bounded: the oldest are forgotten). */
const KNOWN_SIGNERS = 10_000;

export function createSignaturePool(o: SignaturePoolOptions = {}): SignaturePool {
  // The source beside this file, or the Electron build's bundle beside electron-main.cjs.
  const path =
    o.workerPath ??
    ['signature-worker.ts', 'signature-worker.cjs'].map((f) => join(import.meta.dirname, f)).find((f) => existsSync(f));
  const size = path && existsSync(path) ? (o.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1))) : 0;
  const inlineMax = o.inlineMax ?? 4;
  const unknownLimit = o.unknownQueueLimit ?? 64;
  const known = new Set<string>();
  const lanes: { known: Queued[]; unknown: Queued[] } = { known: [], unknown: [] };
  const idle: Worker[] = [];
  const running = new Map<Worker, Queued>();
  let nextId = 1;
  let closed = false;
  let workerPath: RecoveryPath | undefined;

  const remember = (signer: string, valid: readonly boolean[]) => {
    if (!valid.includes(true) || known.has(signer)) return;
    if (known.size >= KNOWN_SIGNERS) known.delete(known.values().next().value as string);
    known.add(signer);
  };

  const spawn = (): void => {
    const w = new Worker(path as string);
    w.unref();
    w.on('message', (a: SignatureAnswer) => {
      const q = running.get(w);
      running.delete(w);
      idle.push(w);
      workerPath = a.path;
      q?.resolve(Array.from(a.valid, (b) => b === 1));
      dispatch();
    });
    // A crashed worker's batch is checked inline (never lost); a new worker takes its place.
    w.on('error', () => undefined);
    w.on('exit', () => {
      const q = running.get(w);
      running.delete(w);
      const at = idle.indexOf(w);
      if (at >= 0) idle.splice(at, 1);
      if (q) q.resolve(checkSignatures(q.job.signer, q.messages, q.sigs));
      if (!closed) spawn();
      dispatch();
    });
    idle.push(w);
  };

  const dispatch = (): void => {
    while (idle.length > 0) {
      const q = lanes.known.shift() ?? lanes.unknown.shift();
      if (!q) return;
      const w = idle.pop() as Worker;
      running.set(w, q);
      w.postMessage(q.job, [q.job.messages.buffer, q.job.sigs.buffer]);
    }
  };

  for (let i = 0; i < size; i++) spawn();
  const busy = () => running.size + lanes.known.length + lanes.unknown.length;

  return {
    async check(signer, messages, sigs) {
      const key = hexlify(signer);
      const pooled = size > 0 && !closed && (messages.length > inlineMax || busy() > 0);
      if (!pooled || messages.some((m) => m.length !== 32)) {
        const valid = checkSignatures(signer, messages, sigs);
        remember(key, valid);
        return valid;
      }
      // Only well-formed signatures travel; the rest are invalid as they stand.
      const shaped = sigs.map((s) => s.length === 65);
      const n = messages.length;
      const job: SignatureJob = {
        id: nextId++,
        signer: new Uint8Array(signer),
        messages: new Uint8Array(n * 32),
        sigs: new Uint8Array(n * 65),
      };
      messages.forEach((m, i) => job.messages.set(m, i * 32));
      sigs.forEach((s, i) => shaped[i] && job.sigs.set(s, i * 65));
      const lane = known.has(key) ? lanes.known : lanes.unknown;
      if (lane === lanes.unknown && lane.length >= unknownLimit) throw new PoolBusy();
      const valid = await new Promise<boolean[]>((resolve, reject) => {
        lane.push({ job, messages, sigs, resolve, reject });
        dispatch();
      });
      const result = valid.map((v, i) => v && (shaped[i] as boolean));
      remember(key, result);
      return result;
    },
    pending: busy,
    workerRecovery: () => workerPath,
    async close() {
      closed = true;
      for (const q of [...lanes.known, ...lanes.unknown]) q.reject(new PoolBusy());
      lanes.known.length = 0;
      lanes.unknown.length = 0;
      await Promise.all([...idle, ...running.keys()].map((w) => w.terminate()));
    },
  };
}
