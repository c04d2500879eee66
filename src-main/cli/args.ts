// Option values shared by several commands: checked numbers, ports, log levels, secrets, and the
// wait for Ctrl+C / SIGTERM.
import { existsSync, readFileSync } from 'node:fs';
import { DEVNET_SCALES, type DevnetScale } from '../chain/devnet/scale.ts';

/** A wrong command line: the message and then the usage text. Any other error prints one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** node:util parseArgs' refusals (unknown option, missing value) are usage errors too. */
export function isUsageError(err: unknown): boolean {
  if (err instanceof UsageError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

export function intOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${value}`);
  return n;
}

/** --redemption-window-ms: up to a day (a ticket's validity is two rounds; the queue never lets it lapse). */
export const redemptionWindowOption = (value: string): number =>
  intOption(value, 'redemption-window-ms', 0, 0, 24 * 3_600_000);

export function portOption(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--${name} must be a port number, got ${value}`);
  return port;
}

/** `--scale small|mainnet` (devnet): mainnet seeds about 100 orchestrators once. */
export function devnetScaleOption(value: string | undefined): DevnetScale {
  const scale = DEVNET_SCALES.find((s) => s === (value ?? 'small'));
  if (!scale) throw new Error(`--scale must be one of ${DEVNET_SCALES.join(', ')}, got ${value}`);
  return scale;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function logLevelOption(value: string): LogLevel {
  if (value !== 'debug' && value !== 'info' && value !== 'warn' && value !== 'error')
    throw new UsageError('--log-level must be debug, info, warn or error');
  return value;
}

/** -orchSecret is the secret or a file holding it, as in go-livepeer. */
export function readSecret(value: string): string {
  return existsSync(value) ? readFileSync(value, 'utf8').trim() : value;
}

/** Resolves on the first SIGINT or SIGTERM (later ones are ignored while the command shuts down). */
export function whenStopped(): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.on('SIGINT', ignore);
      process.on('SIGTERM', ignore);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const ignore = (): void => undefined;
