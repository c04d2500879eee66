// Runs the built signature worker (dist/main/signature-worker.cjs, bundled like electron-main.cjs
// with the same payments/secp256k1-backends.ts loader) from a packaged app's files in a fresh Node
// process, on one real ticket signature: which libsecp256k1 build it used, its answer, and the
// shared libraries named secp256k1 that the process mapped (Linux /proc/self/maps), i.e. the
// `.node` file the bundle's require resolved.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getBytes, randomBytes, Wallet } from 'ethers';

export interface BundledRecovery {
  path: string;
  valid: number[];
  loaded: string[];
}

const CHILD = `
const { Worker } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const [file, job] = [process.argv[1], JSON.parse(process.argv[2])];
const w = new Worker(file);
w.on('message', (a) => {
  const loaded = [...new Set(readFileSync('/proc/self/maps', 'utf8').split('\\n')
    .map((l) => l.split(/\\s+/).slice(5).join(' ')).filter((p) => /secp256k1.*\\.node$/.test(p)))];
  process.stdout.write(JSON.stringify({ path: a.path, valid: [...a.valid], loaded }));
  w.terminate();
});
w.postMessage({ id: 1, signer: Uint8Array.from(job.signer), messages: Uint8Array.from(job.message),
  sigs: Uint8Array.from(job.sig) });
`;

export async function probeBundledRecovery(appDir: string, env: NodeJS.ProcessEnv = {}): Promise<BundledRecovery> {
  const wallet = new Wallet(Wallet.createRandom().privateKey);
  const message = randomBytes(32);
  const job = {
    signer: [...getBytes(wallet.address)],
    message: [...message],
    sig: [...getBytes(await wallet.signMessage(message))],
  };
  const out = execFileSync(
    process.execPath,
    ['-e', CHILD, join(appDir, 'dist', 'main', 'signature-worker.cjs'), JSON.stringify(job)],
    { encoding: 'utf8', env: { PATH: process.env['PATH'], ...env }, timeout: 30_000 },
  );
  return JSON.parse(out) as BundledRecovery;
}
