// The command line's failures as a user meets them: a second instance on a used port fails in
// well under 2 s with one line and a hint, before the chain or the node start; runtime errors are
// one line without the usage text; usage errors get the usage text; the stored UI address is printed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccessToken } from '../app/access-token.ts';

const CLI = resolve(import.meta.dirname, 'main.ts');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr, ms: Date.now() - started })));
}

let dir: string;
let taken: Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lpm-cli-errors-'));
  taken = createServer();
  await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
  port = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((done) => taken.close(done));
  rmSync(dir, { recursive: true, force: true });
});

describe('CLI errors', () => {
  it('a second serve on a used admin port fails at once with one line and a hint, starting nothing', async () => {
    const dataDir = join(dir, 'second');
    const r = await run(['serve', '--admin-port', String(port), '--data-dir', dataDir]);
    process.stdout.write(`serve on a used port: exit ${r.code} after ${r.ms} ms\n`);
    expect(r.code).toBe(1);
    // Node's own start-up is ~0.5 s here; the bound only rules out loading the host (the
    // empty data dir below is the real proof), so a loaded CI machine does not fail it.
    expect(r.ms).toBeLessThan(5000);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `Error: Port ${port} on 127.0.0.1 is already in use (is another Livepeer Miner running?); choose another with --admin-port PORT`,
    ]);
    expect(r.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false); // no store, no devnet, no token file
  });

  it('demo on a used service port names --service-port', async () => {
    const r = await run(['demo', '--service-port', String(port)]);
    expect([r.code, r.stderr.trimEnd().split('\n').length]).toEqual([1, 1]);
    expect(r.stderr).toContain('choose another with --service-port PORT');
    expect(r.ms).toBeLessThan(5000);
  });

  it('a runtime error is one line without the usage text; a usage error shows the usage', async () => {
    const runtime = await run(['serve', '--password-file', join(dir, 'missing'), '--admin-port', '0']);
    expect(runtime.code).toBe(1);
    expect(runtime.stderr.trimEnd().split('\n')).toEqual([
      `Error: --password-file ${join(dir, 'missing')}: cannot open it (ENOENT)`,
    ]);
    const usage = await run(['serve', '--admin-port', 'eighty']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--admin-port must be a port number, got eighty');
    expect(usage.stderr).toContain('Usage: livepeer-miner <command>');
    const window = await run(['serve', '--redemption-window-ms', 'soon']);
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('--redemption-window-ms must be an integer from 0 to 86400000, got soon');
    const both = await run(['serve', '--token', 'a'.repeat(20), '--new-token']);
    expect([both.code, both.stderr.includes('exclude each other')]).toEqual([2, true]);
  });

  it('serve --print-url prints the address with the stored token, or says how to get one', async () => {
    const dataDir = join(dir, 'printed');
    const none = await run(['serve', '--print-url', '--data-dir', dataDir]);
    expect([none.code, none.stderr.trimEnd().split('\n').length]).toEqual([1, 1]);
    expect(none.stderr).toContain('start `serve` once and it prints the URL');
    const token = loadAccessToken(dataDir);
    const printed = await run(['serve', '--print-url', '--data-dir', dataDir, '--admin-port', '7936']);
    expect([printed.code, printed.stdout]).toEqual([0, `http://127.0.0.1:7936/?token=${token}\n`]);
  });
});
