// Runs the `anvil` binary from the @foundry-rs/anvil platform package (the native binary, not the
// npx wrapper: faster to start and it stops cleanly on SIGTERM). Listens on 127.0.0.1 only.
// Anvil never outlives the app: stop() ends in SIGKILL, an exit of the app (a crash included) kills
// it, and on POSIX a watchdog ends it when the app is killed outright (SIGKILL, OOM).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findBundledBinary } from '../../resources/bundled-binaries.ts';

const PLATFORM_PACKAGES: Record<string, string> = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64',
  'win32-x64': '@foundry-rs/anvil-win32-amd64',
};

/** Path of the anvil binary for this platform; ANVIL_BIN overrides (e.g. a packaged app's copy). */
export function anvilBinary(): string {
  const override = process.env['ANVIL_BIN'];
  if (override) return override;
  // Packaged apps keep anvil in resources/bin; a checkout finds the npm package the same way.
  const found = findBundledBinary('anvil');
  if (found && found.source !== 'path') return found.path;
  const pkg = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!pkg) throw new Error(`anvil has no build for ${process.platform}-${process.arch}`);
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve(`${pkg}/package.json`));
  const bin = join(root, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(bin)) throw new Error(`anvil binary missing at ${bin}`);
  return bin;
}

export interface AnvilOptions {
  port?: number;
  chainId?: number;
  /** Extra command-line flags. */
  args?: string[];
  /** Gives up if anvil has not printed its listening address by then. */
  timeoutMs?: number;
}

export interface AnvilProcess {
  readonly rpcUrl: string;
  readonly port: number;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. */
  stop(): Promise<void>;
  onExit(listener: (code: number | null) => void): void;
}

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilProcess> {
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--chain-id',
    String(options.chainId ?? 31337),
    '--hardfork',
    'cancun',
    ...(options.args ?? []),
  ];
  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  bindToThisProcess(child, exited);
  try {
    const port = await waitForListening(child, options.timeoutMs ?? 15_000);
    return handle(child, exited, port);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  }
}

/** Anvils of this process still running: an exit of the app (even a crash) kills them. */
const running = new Set<ChildProcess>();
let exitHook = false;

/**
 * Ties anvil's life to this process. 'exit' handlers run on process.exit and uncaught errors, not
 * on SIGKILL: for that a tiny shell waits on a pipe from us, which the kernel closes however we
 * die, and then ends anvil (TERM, KILL after 2 s). None on Windows (no sh): the pid file left by
 * the devnet lets the next start stop an orphan there (stopOrphanedAnvil).
 */
function bindToThisProcess(child: ChildProcess, exited: Promise<unknown>): void {
  if (child.pid === undefined) return;
  running.add(child);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }
  let watchdog: ChildProcess | null = null;
  if (process.platform !== 'win32') {
    watchdog = spawn(
      'sh',
      [
        '-c',
        'read _; kill -TERM "$1" 2>/dev/null; sleep 2; kill -KILL "$1" 2>/dev/null',
        'anvil-watchdog',
        String(child.pid),
      ],
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    watchdog.on('error', () => undefined); // no sh: the exit hook and the pid file still apply
    watchdog.stdin?.on('error', () => undefined);
  }
  void exited.then(() => {
    running.delete(child);
    watchdog?.kill('SIGKILL'); // before its pipe closes: it must not signal a reused pid
  });
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => finish(new Error(`anvil did not start within ${timeoutMs} ms: ${output.slice(-500)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) finish(null, Number(match[1]));
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`anvil exited (${code}) before listening: ${output.slice(-500)}`));
    function finish(err: Error | null, port?: number): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining the pipes so anvil never blocks on a full buffer
      child.stdout?.resume();
      child.stderr?.resume();
      if (err) reject(err);
      else resolve(port as number);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (err) => finish(err));
  });
}

function handle(child: ChildProcess, exited: Promise<number | null>, port: number): AnvilProcess {
  let stopping: Promise<void> | null = null;
  return {
    rpcUrl: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    stop() {
      if (!stopping) {
        stopping = (async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
            await exited;
            clearTimeout(timer);
          }
        })();
      }
      return stopping;
    },
    onExit(listener) {
      void exited.then(listener);
    },
  };
}

/**
 * Stops an anvil left running by a crashed app (the devnet records its pid). The process is
 * only signalled if it still exists and its command name is anvil, so a reused pid is left alone.
 * Windows is skipped (no `ps`); an orphan there lives until the user ends it.
 */
export function stopOrphanedAnvil(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || process.platform === 'win32') return false;
  try {
    process.kill(pid, 0);
    const name = execFileSync('ps', ['-p', String(pid), '-o', 'comm='], { encoding: 'utf8' }).trim();
    if (!/(^|\/)anvil$/.test(name)) return false;
    process.kill(pid, 'SIGTERM');
    return true;
  } catch {
    return false; // gone already, or not ours to signal
  }
}
