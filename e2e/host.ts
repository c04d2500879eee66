// The headless host the specs drive: `cli/main.ts serve` on a free port with its own data folder,
// ready once it prints `UI ready: URL`, as a user starting it would read.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The token every spec host is started with (each host has its own port and data folder). */
export const E2E_TOKEN = 'e2e-token-0123456789abcdef';

export interface Host {
  /** http://127.0.0.1:PORT, the specs' baseURL. */
  readonly origin: string;
  /** The address the host printed, with its token. */
  readonly uiUrl: string;
  readonly dataDir: string;
  /** Stops the host (SIGTERM, as Ctrl+C would) and removes its data folder (unless it was given). */
  close(): Promise<void>;
}

export interface HostOptions {
  /** null: no --token, the host uses the one it keeps in its data folder. */
  token?: string | null;
  /** A data folder to use (and keep): a restart of the same host. */
  dataDir?: string;
  adminPort?: number;
  /** Extra `serve` flags, e.g. `--new-token`, `--devnet-scale mainnet`. */
  extraArgs?: string[];
  /** Extra environment, e.g. a recorded nvidia-smi. */
  env?: NodeJS.ProcessEnv;
}

const STOP_TIMEOUT_MS = 15_000;

export async function startHost(options: HostOptions = {}): Promise<Host> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lpm-e2e-host-'));
  const token = options.token === undefined ? E2E_TOKEN : options.token;
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      'src-main/cli/main.ts',
      'serve',
      '--admin-port',
      String(options.adminPort ?? 0),
      ...(token === null ? [] : ['--token', token]),
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  // The host's warnings and errors go to the runner's output, where a failing spec is read.
  let errors = '';
  child.stderr.on('data', (d: Buffer) => {
    errors = (errors + d.toString()).slice(-4000);
    process.stderr.write(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const uiUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /UI ready: (http:\/\/\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      void exited.then(() => reject(new Error(`serve exited (${child.exitCode ?? child.signalCode}): ${errors}`)));
    });
    return { origin: new URL(uiUrl).origin, uiUrl, dataDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}
