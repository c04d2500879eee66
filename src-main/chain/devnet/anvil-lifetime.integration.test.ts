// Anvil (a real one) never outlives the app: not when the app is killed outright, not when it
// crashes, and not when the app stops while the devnet is busy (a mainnet-scale seeding) — stop
// waits a few seconds for the work under way, then ends anvil.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogSink } from '../../log/logger.ts';
import { openDatabase } from '../../store/database.ts';
import { createChainRuntime } from '../chain-runtime.ts';
import { CHAIN_MIGRATIONS } from '../migrations.ts';
import { startTestDevnet } from '../test-support.ts';

const ANVIL_TS = join(import.meta.dirname, 'anvil.ts');
const leftovers: number[] = [];

afterEach(() => {
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/** A Node process (the app, as far as anvil knows) that starts anvil, prints its pid, then `then`. */
async function appWithAnvil(then: string): Promise<{ app: ReturnType<typeof spawn>; anvilPid: number }> {
  const script = `const { startAnvil } = await import(${JSON.stringify(ANVIL_TS)});
const a = await startAnvil();
console.log(a.pid);
${then}`;
  const app = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: app.stdout! }).once('line', resolve);
    app.once('exit', (code) => reject(new Error(`the app exited (${code}) before anvil started`)));
  });
  const anvilPid = Number(line);
  leftovers.push(anvilPid);
  return { app, anvilPid };
}

describe('anvil lifetime', () => {
  it('ends when the app is killed outright (SIGKILL)', async () => {
    const { app, anvilPid } = await appWithAnvil('setInterval(() => undefined, 1000);');
    expect(alive(anvilPid)).toBe(true);
    app.kill('SIGKILL');
    expect(await goneWithin(anvilPid, 5000)).toBe(true);
  }, 30_000);

  it('ends when the app crashes', async () => {
    const { anvilPid } = await appWithAnvil("setTimeout(() => { throw new Error('crash'); }, 200);");
    expect(await goneWithin(anvilPid, 5000)).toBe(true);
  }, 30_000);

  it('ends within seconds when the devnet stops during a mainnet-scale seeding', async () => {
    // A short grace, so the seeding (1,783 transactions: 5 s and more even on a quiet machine) is
    // certainly still under way when it runs out; with the default 5 s a quiet CI machine finished it.
    const t = await startTestDevnet({ stopGraceMs: 500 });
    const pid = Number(readFileSync(join(t.dataDir, 'devnet', 'anvil.pid'), 'utf8'));
    leftovers.push(pid);
    const seeding = t.devnet.scaleTo('mainnet').catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await t.close();
    const ms = Date.now() - started;
    process.stdout.write(`devnet stop during seeding: ${ms} ms\n`);
    // One expectation, so a failure shows every fact at once. The seeding did not finish: cut short.
    const outcome = await seeding;
    expect({ anvilAlive: alive(pid), stoppedInTime: ms < 10_000, seedingCutShort: outcome instanceof Error }).toEqual({
      anvilAlive: false,
      stoppedInTime: true,
      seedingCutShort: true,
    });
  }, 120_000);

  it('ends within seconds when the app closes while the devnet is still starting (seeding to mainnet scale)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpm-anvil-'));
    const db = openDatabase(dataDir, CHAIN_MIGRATIONS);
    const runtime = createChainRuntime({
      dataDir,
      db,
      log: createLogSink({ write: () => undefined }).root,
      network: () => ({ kind: 'devnet' }),
      devnetScale: () => 'mainnet',
    });
    try {
      const connecting = runtime.connection().catch((err: unknown) => err);
      const pidFile = join(dataDir, 'devnet', 'anvil.pid');
      for (let i = 0; i < 300 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
      const pid = Number(readFileSync(pidFile, 'utf8'));
      leftovers.push(pid);
      await new Promise((r) => setTimeout(r, 2000)); // deploying or seeding by now
      const started = Date.now();
      await runtime.close();
      const ms = Date.now() - started;
      process.stdout.write(`chain runtime close during the devnet start: ${ms} ms\n`);
      expect(await goneWithin(pid, 1000)).toBe(true);
      expect(ms).toBeLessThan(10_000);
      expect(await connecting).toBeInstanceOf(Error);
    } finally {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
