// The RPC banner and the backup RPC field, against local endpoints that behave like providers: one
// that answers 429 (Retry-After 20 s) to everything, one that answers JSON-RPC (a backup).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callApi } from './api.ts';
import { openApp, screenshot } from './app.ts';
import { expect, test } from './fixtures.ts';

async function endpoint(answer: (body: string) => { status: number; headers: Record<string, string>; body: string }) {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const a = answer(body);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/SECRET-KEY`, server };
}

const limited = () => ({
  status: 429,
  headers: { 'retry-after': '20' },
  body: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    error: { code: 429, message: 'Your app has exceeded its compute units per second capacity.' },
  }),
});
/** Any JSON-RPC answer is a working endpoint to the transport: here, "no such contract". */
const backupAnswer = (body: string) => {
  const calls = JSON.parse(body) as { id: number } | { id: number }[];
  const one = (c: { id: number }) => ({ jsonrpc: '2.0', id: c.id, result: '0x' });
  return { status: 200, headers: {}, body: JSON.stringify(Array.isArray(calls) ? calls.map(one) : one(calls)) };
};

test('a rate-limited RPC shows a banner with the retry time; a backup RPC takes over', async ({ page, baseURL }) => {
  const primary = await endpoint(limited);
  const backup = await endpoint(backupAnswer);
  try {
    await callApi(baseURL!, 'settings', 'update', { network: { kind: 'arbitrum-one', rpcUrl: primary.url } });
    await openApp(page, 'dashboard');
    const banner = page.locator('[data-rpc-state]');
    await expect(banner).toHaveText(/RPC rate-limited, retrying in \d+ s/, { timeout: 15_000 });
    await screenshot(page, 'rpc-banner-rate-limited');

    await openApp(page, 'settings');
    const field = page.getByLabel('Backup RPC URL (optional)');
    await field.fill('not a url');
    await expect(page.getByText('Enter an http(s):// or ws(s):// RPC URL')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    await field.fill(primary.url);
    await expect(page.getByText('The backup must be another endpoint than the RPC URL above')).toBeVisible();
    await field.fill(backup.url);
    await expect(page.getByRole('button', { name: 'Save settings' })).toBeEnabled();
    await screenshot(page, 'settings-backup-rpc');
    await page.getByRole('button', { name: 'Save settings' }).click();

    await openApp(page, 'dashboard');
    await expect(banner).toHaveText(/Using the backup RPC/, { timeout: 15_000 });
    await screenshot(page, 'rpc-banner-backup');
  } finally {
    await callApi(baseURL!, 'settings', 'update', { network: { kind: 'devnet' } }).catch(() => undefined);
    primary.server.closeAllConnections();
    primary.server.close();
    backup.server.closeAllConnections();
    backup.server.close();
  }
});
