// User-named paths cannot hang or flood the host: a named pipe, /proc, a device or an oversized
// file get a clear error within a second, and the main loop keeps ticking meanwhile.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/contract/index.ts';
import { makeTestWallet, type TestWallet } from './test-support.ts';

let t: TestWallet;
let dir: string;

beforeAll(() => {
  t = makeTestWallet();
  dir = mkdtempSync(join(tmpdir(), 'lpm-paths-'));
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  writeFileSync(join(dir, 'huge.json'), 'x'.repeat(1024 * 1024));
});
afterAll(() => {
  t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The call's error (it must fail) and how long it took, with the loop's worst tick gap meanwhile. */
async function timedFailure(call: () => Promise<unknown>): Promise<{ err: AppError; ms: number; gapMs: number }> {
  let last = performance.now();
  let gapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  try {
    await call();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { err, ms: performance.now() - t0, gapMs };
  } finally {
    clearInterval(ticker);
  }
  throw new Error('expected a failure');
}

describe('wallet paths the user names', () => {
  it.each([
    ['a named pipe', () => join(dir, 'pipe'), /not a folder/],
    ['/proc', () => '/proc', /system folder/],
    ['/proc/self (a link into /proc)', () => '/proc/self', /system folder/],
    ['/dev', () => '/dev', /system folder/],
  ])('scanFolder on %s: a clear error within a second', async (_, path, message) => {
    const { err, ms } = await timedFailure(() => t.wallet.scanFolder(path()));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(message);
    expect(ms).toBeLessThan(1000);
  });

  it('importKeystore of a named pipe or an oversized file fails at once, the loop never stalls', async () => {
    for (const [file, message] of [
      ['pipe', /not a regular file/],
      ['huge.json', /cannot be read as a keystore/],
    ] as const) {
      const { err, ms, gapMs } = await timedFailure(() =>
        t.wallet.importKeystore({ kind: 'path', path: join(dir, file) }, 'password'),
      );
      expect(err.message).toMatch(message);
      expect(ms).toBeLessThan(1000);
      expect(gapMs).toBeLessThan(250);
    }
  });

  it('a folder with a pipe, an oversized file and a keystore lists each with its problem', async () => {
    const scan = await t.wallet.scanFolder(dir);
    // The pipe is not a regular file: geth skips it too.
    expect(scan.keystores.map((k) => [k.file, k.problem])).toEqual([['huge.json', 'file too large to be a keystore']]);
  });
});
