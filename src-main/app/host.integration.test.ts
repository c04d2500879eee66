import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EventMessage } from '../../src-shared/contract/index.ts';
import { createHost } from './host.ts';

const caller = { transport: 'internal', authenticated: true } as const;
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lpm-host-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('host', () => {
  it('starts with the devnet orchestrator defaults', async () => {
    const host = createHost({ dataDir: tempDir(), mode: 'headless' });
    expect(await host.router.call(caller, { service: 'settings', method: 'get', input: {} })).toEqual({
      ok: true,
      result: DEFAULT_SETTINGS,
    });
    await host.close();
  });

  it('keeps settings across a restart of the host', async () => {
    const dataDir = tempDir();
    const first = createHost({ dataDir, mode: 'headless' });
    const network = { kind: 'arbitrum-one', rpcUrl: 'https://arb1.example.org/key' };
    const updated = await first.router.call(caller, {
      service: 'settings',
      method: 'update',
      input: { role: 'transcoder', network },
    });
    expect(updated).toEqual({ ok: true, result: { ...DEFAULT_SETTINGS, role: 'transcoder', network } });
    await first.close();

    const second = createHost({ dataDir, mode: 'headless' });
    expect(await second.router.call(caller, { service: 'settings', method: 'get', input: {} })).toEqual({
      ok: true,
      result: { ...DEFAULT_SETTINGS, role: 'transcoder', network },
    });
    await second.close();
  });

  it('refuses an Arbitrum One network without a usable RPC URL and changes nothing', async () => {
    const host = createHost({ dataDir: tempDir(), mode: 'headless' });
    for (const rpcUrl of ['', 'ftp://x.org', 'javascript:alert(1)', 'not a url']) {
      const res = await host.router.call(caller, {
        service: 'settings',
        method: 'update',
        input: { network: { kind: 'arbitrum-one', rpcUrl } },
      });
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(host.settings.get().network).toEqual({ kind: 'devnet' });
    await host.close();
  });

  it('streams settings and node status changes as events', async () => {
    const host = createHost({ dataDir: tempDir(), mode: 'headless' });
    const seen: EventMessage[] = [];
    host.events.subscribe((m) => seen.push(m));
    await host.router.call(caller, { service: 'settings', method: 'update', input: { role: 'transcoder' } });
    const names = seen.map((m) => m.event);
    expect(names).toContain('settings.changed');
    expect(seen.find((m) => m.event === 'node.status')?.payload).toMatchObject({
      role: 'transcoder',
      state: 'stopped',
    });
    await host.close();
  });

  it('reports health and app info', async () => {
    const dataDir = tempDir();
    const host = createHost({ dataDir, mode: 'headless' });
    const health = await host.router.call(caller, { service: 'app', method: 'health', input: {} });
    expect(health).toMatchObject({ ok: true, result: { status: 'ok' } });
    const info = await host.router.call(caller, { service: 'app', method: 'info', input: {} });
    expect(info).toMatchObject({ ok: true, result: { name: 'Livepeer Miner', mode: 'headless', dataDir } });
    await host.close();
  });
});
