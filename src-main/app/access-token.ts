// The headless host's access token, kept in the data folder (owner-only, like the keystore) so a
// restart keeps the URL the user opened or bookmarked working; `serve --new-token` replaces it.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ACCESS_TOKEN_FILE = 'access-token';
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,256}$/;

export interface AccessTokenOptions {
  /** Replace the stored token with a new random one (old URLs stop working). */
  rotate?: boolean;
  /** Use (and keep) this token instead. */
  given?: string;
}

/** The stored token, created on first use; a token that is missing, malformed or rotated is replaced. */
export function loadAccessToken(dataDir: string, options: AccessTokenOptions = {}): string {
  const file = join(dataDir, ACCESS_TOKEN_FILE);
  if (options.given !== undefined) {
    if (!TOKEN_PATTERN.test(options.given))
      throw new Error('--token must be 16 to 256 letters, digits or ._~- characters');
    return store(dataDir, file, options.given);
  }
  if (!options.rotate) {
    const stored = readStored(file);
    if (stored) return stored;
  }
  return store(dataDir, file, randomBytes(32).toString('hex'));
}

/** The stored token, or null when there is none yet (for `serve --print-url`). */
export function readAccessToken(dataDir: string): string | null {
  return readStored(join(dataDir, ACCESS_TOKEN_FILE));
}

function readStored(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  if (!TOKEN_PATTERN.test(text)) return null;
  // A copy restored with looser permissions is tightened rather than refused: it guards a
  // 127.0.0.1 page, and other local users must not read it.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return text;
}

function store(dataDir: string, file: string, token: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return token;
}
