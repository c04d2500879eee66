// Main-process logging: a bounded in-memory ring (the Logs page reads it), live subscribers (the
// log.entry event) and an optional line writer (stderr for the headless host). Every line is
// redacted before it goes anywhere.
import type { LogEntry, LogLevel } from '../../src-shared/contract/index.ts';
import { redact } from './redact.ts';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(scope: string): Logger;
}

export interface LogSink {
  readonly root: Logger;
  recent(limit: number): LogEntry[];
  subscribe(listener: (entry: LogEntry) => void): () => void;
}

export interface LogSinkOptions {
  capacity?: number;
  /** Where to print lines as well, e.g. process.stderr. */
  write?: (line: string) => void;
  /** Lines below this level are not printed (they are still kept). */
  printLevel?: LogLevel;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogSink(options: LogSinkOptions = {}): LogSink {
  const capacity = options.capacity ?? 2000;
  const printRank = RANK[options.printLevel ?? 'info'];
  const ring: LogEntry[] = [];
  const listeners = new Set<(entry: LogEntry) => void>();
  let seq = 0;

  function append(level: LogLevel, scope: string, message: string): void {
    const entry: LogEntry = { seq: seq++, time: Date.now(), level, scope, message: redact(message) };
    ring.push(entry);
    if (ring.length > capacity) ring.shift();
    if (options.write && RANK[level] >= printRank) {
      options.write(`${new Date(entry.time).toISOString()} ${level.padEnd(5)} [${scope}] ${entry.message}\n`);
    }
    for (const listener of listeners) listener(entry);
  }

  function loggerFor(scope: string): Logger {
    return {
      debug: (m) => append('debug', scope, m),
      info: (m) => append('info', scope, m),
      warn: (m) => append('warn', scope, m),
      error: (m) => append('error', scope, m),
      child: (sub) => loggerFor(`${scope}.${sub}`),
    };
  }

  return {
    root: loggerFor('app'),
    recent: (limit) => ring.slice(-limit),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
