// `serve --password-file`: only an owner-only regular file holding one line is accepted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPasswordFile } from './password-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'lpm-pwfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode });
  return path;
}

describe('readPasswordFile', () => {
  it('reads an owner-only file (0600 or 0400), dropping only the final line break', () => {
    expect(readPasswordFile(file('a', ' spaced pass \n', 0o600))).toBe(' spaced pass ');
    expect(readPasswordFile(file('b', 'pass\r\n', 0o400))).toBe('pass');
  });

  it.each([
    ['group-readable', () => file('c', 'pass\n', 0o640), /readable by others \(mode 640\)/],
    ['world-readable', () => file('d', 'pass\n', 0o644), /chmod 600/],
    ['empty', () => file('e', '', 0o600), /alone on one line/],
    ['two lines', () => file('f', 'one\ntwo\n', 0o600), /alone on one line/],
    ['too large', () => file('g', 'x'.repeat(5000), 0o600), /larger than 4096/],
    ['missing', () => join(dir, 'none'), /cannot open it \(ENOENT\)/],
    [
      'a symbolic link',
      () => {
        symlinkSync(file('h', 'pass\n', 0o600), join(dir, 'link'));
        return join(dir, 'link');
      },
      /cannot open it \(ELOOP\)/,
    ],
    [
      'a named pipe (refused at once, not read)',
      () => {
        execFileSync('mkfifo', ['-m', '600', join(dir, 'fifo')]);
        return join(dir, 'fifo');
      },
      /not a regular file/,
    ],
  ])('refuses %s', (_, path, message) => {
    expect(() => readPasswordFile(path())).toThrow(message);
  });
});
