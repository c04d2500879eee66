// Runs one FFmpeg process to completion with a deadline and a cancel signal. It never throws for the
// process's own failures: the caller classifies the result (exit code, signal, stderr), because only
// the caller knows what the run was for.
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called once the process exists, e.g. to register it for shutdown (or, in tests, to kill it). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface RunResult {
  /** null when the process was killed by a signal or never started. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Why it ended early, if we ended it. */
  readonly stoppedBy: 'timeout' | 'abort' | null;
  /** Set when the executable could not be started at all (ENOENT, EACCES). */
  readonly spawnError: NodeJS.ErrnoException | null;
  readonly stderr: string;
  readonly stdout: string;
  /** Wall time from spawn to exit. */
  readonly elapsedMs: number;
}

/** Keeps the start and the end of a long stream: FFmpeg prints its setup first and its statistics last. */
function boundedText(limit: number): { push(chunk: Buffer): void; text(): string } {
  const head: Buffer[] = [];
  let headLen = 0;
  let tail: Buffer[] = [];
  let tailLen = 0;
  let dropped = false;
  return {
    push(chunk) {
      if (headLen < limit) {
        head.push(chunk);
        headLen += chunk.length;
        return;
      }
      tail.push(chunk);
      tailLen += chunk.length;
      while (tailLen - (tail[0]?.length ?? 0) > limit) {
        tailLen -= tail[0]?.length ?? 0;
        tail = tail.slice(1);
        dropped = true;
      }
    },
    text() {
      return Buffer.concat(head).toString('utf8') + (dropped ? '\n[…]\n' : '') + Buffer.concat(tail).toString('utf8');
    },
  };
}

export function runProcess(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let stoppedBy: RunResult['stoppedBy'] = null;
    let spawnError: NodeJS.ErrnoException | null = null;
    const stderr = boundedText(256 * 1024);
    const stdout = boundedText(256 * 1024);
    let child: ChildProcess;
    try {
      child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      resolve({
        code: null,
        signal: null,
        stoppedBy,
        spawnError: err as NodeJS.ErrnoException,
        stderr: '',
        stdout: '',
        elapsedMs: 0,
      });
      return;
    }
    const stop = (why: 'timeout' | 'abort'): void => {
      if (stoppedBy || child.exitCode !== null) return;
      stoppedBy = why;
      child.kill('SIGKILL');
    };
    const timer = options.timeoutMs ? setTimeout(() => stop('timeout'), options.timeoutMs) : undefined;
    const onAbort = (): void => stop('abort');
    if (options.signal?.aborted) queueMicrotask(onAbort);
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stderr?.on('data', (c: Buffer) => stderr.push(c));
    child.stdout?.on('data', (c: Buffer) => stdout.push(c));
    child.on('error', (err) => {
      spawnError = err;
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        code,
        signal,
        stoppedBy,
        spawnError,
        stderr: stderr.text(),
        stdout: stdout.text(),
        elapsedMs: performance.now() - started,
      });
    });
    if (child.pid !== undefined) options.onSpawn?.(child);
  });
}
