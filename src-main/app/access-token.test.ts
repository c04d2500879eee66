// The headless host's token file: kept across starts, owner-only, replaced on --new-token.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_FILE, loadAccessToken, readAccessToken } from './access-token.ts';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'lpm-token-')), 'data');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const mode = (): number => statSync(join(dir, ACCESS_TOKEN_FILE)).mode & 0o777;

describe('access token', () => {
  it('is created once, owner-only, and the same at every start', () => {
    expect(readAccessToken(dir)).toBeNull();
    const first = loadAccessToken(dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(mode()).toBe(0o600);
    expect(loadAccessToken(dir)).toBe(first);
    expect(readAccessToken(dir)).toBe(first);
  });

  it('is replaced on rotation and by a given token, which is kept', () => {
    const first = loadAccessToken(dir);
    const rotated = loadAccessToken(dir, { rotate: true });
    expect(rotated).not.toBe(first);
    expect(loadAccessToken(dir)).toBe(rotated);
    expect(loadAccessToken(dir, { given: 'my-own-token-0123' })).toBe('my-own-token-0123');
    expect(loadAccessToken(dir)).toBe('my-own-token-0123');
    expect(() => loadAccessToken(dir, { given: 'short' })).toThrow(/--token must be 16 to 256/);
  });

  it('replaces a damaged file and tightens a loose one', () => {
    const first = loadAccessToken(dir);
    chmodSync(join(dir, ACCESS_TOKEN_FILE), 0o644);
    expect(loadAccessToken(dir)).toBe(first);
    expect(mode()).toBe(0o600);
    writeFileSync(join(dir, ACCESS_TOKEN_FILE), 'not a token!\n');
    const fresh = loadAccessToken(dir);
    expect(fresh).not.toBe(first);
    expect(readFileSync(join(dir, ACCESS_TOKEN_FILE), 'utf8')).toBe(`${fresh}\n`);
  });
});
