import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_SETTINGS } from '../../src-shared/contract/index.ts';
import { createHost, type Host } from './host.ts';
import { startHeadlessServer, type HeadlessServer } from './headless-server.ts';

let dir: string;
let host: Host;
let server: HeadlessServer;
const TOKEN = 'a'.repeat(64);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lpm-headless-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  host = createHost({ dataDir: join(dir, 'data'), mode: 'headless' });
  server = await startHeadlessServer({ host, rendererDir, port: 0, token: TOKEN });
});

afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it, or with the HTTP status the upgrade was refused with. */
function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

function call(ws: WebSocket, frame: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const msg = JSON.parse(String(data)) as Record<string, unknown>;
      if (msg.type === 'event') return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('headless server', () => {
  it('prints a URL with the token and binds to 127.0.0.1', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('serves the renderer with the security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>ui</title>');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js')).headers['content-type']).toContain('text/javascript');
    // Client-side routes fall back to the app; missing assets do not.
    expect((await get('/settings')).status).toBe(200);
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%E0%A4%A']) {
      const res = await get(path);
      expect(res.body).not.toContain('outside the renderer');
    }
  });

  it('refuses WebSocket connections without the right token', async () => {
    expect(await connect('')).toBe(401);
    expect(await connect('?token=wrong')).toBe(401);
    expect(await connect(`?token=${TOKEN.slice(0, -1)}b`)).toBe(401);
  });

  it('tells the page whether its token is valid (a browser cannot read a refused upgrade)', async () => {
    expect((await get('/api/access', { authorization: `Bearer ${TOKEN}` })).status).toBe(204);
    expect((await get('/api/access', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get('/api/access')).status).toBe(401);
  });

  it('2,500 refused logins do not push real entries out of the Logs', async () => {
    host.log.child('test').info('a real entry before the flood');
    for (let i = 0; i < 2500; i += 50) await Promise.all(Array.from({ length: 50 }, () => connect('?token=wrong')));
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const res = await call(ws, { type: 'call', id: 1, service: 'logs', method: 'recent', input: { limit: 1000 } });
    ws.close();
    const lines = (res.result as { message: string }[]).map((e) => e.message);
    expect(lines).toContain('a real entry before the flood');
    expect(lines.filter((m) => m.startsWith('Refused a WebSocket connection')).length).toBeLessThanOrEqual(10);
  });

  it('refuses WebSocket connections from another origin, even with the token', async () => {
    expect(await connect(`?token=${TOKEN}`, { Origin: 'https://evil.example' })).toBe(403);
  });

  it('serves contract calls to an authenticated socket', async () => {
    const ws = await connect(`?token=${TOKEN}`, { Origin: `http://127.0.0.1:${server.port}` });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    expect(await call(ws, { type: 'call', id: 7, service: 'settings', method: 'get', input: {} })).toEqual({
      type: 'result',
      id: 7,
      ok: true,
      result: DEFAULT_SETTINGS,
    });
    expect(await call(ws, { type: 'call', id: 8, service: 'wallet', method: 'dump', input: {} })).toMatchObject({
      id: 8,
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await call(ws, '{not json')).toMatchObject({ type: 'error', error: { code: 'BAD_INPUT' } });
    ws.close();
  });

  it('pushes events to connected clients', async () => {
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const event = new Promise<Record<string, unknown>>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(String(data)) as Record<string, unknown>;
        if (msg.type === 'event' && msg.event === 'settings.changed') resolve(msg);
      }),
    );
    host.settings.update({ role: 'transcoder' });
    expect(await event).toMatchObject({ payload: { role: 'transcoder' } });
    host.settings.update({ role: 'orchestrator' });
    ws.close();
  });

  it('closes a socket that sends an oversized frame', async () => {
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(300 * 1024));
    expect(await closed).toBe(1009);
  });
});
