import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, screenshot } from './app.ts';

const PASSWORD = 'e2e wallet password';
const FIXTURE_FOLDER = resolve('src-main/wallet/fixtures/go-livepeer-keystore');
const FIXTURE_PASSWORD = 'fixture-password-1';

/** Every frame the page receives from the host, to prove no secret ever comes back. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  return frames;
}

test.describe.configure({ mode: 'serial' });

test('create an account, back it up, unlock and lock it', async ({ page }) => {
  const frames = recordFrames(page);
  const usb = mkdtempSync(join(tmpdir(), 'lpm-e2e-backup-'));
  try {
    await openApp(page, 'wallet');
    await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible();
    await page.getByLabel('New password (8 characters or more)').fill(PASSWORD);
    await page.getByLabel('Type it again').fill('something else');
    await expect(page.getByText('The passwords differ')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create account' })).toBeDisabled();
    await page.getByLabel('Type it again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Created 0x[0-9a-fA-F]{40}/ })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByTestId('wallet-lock-state')).toHaveText('Locked');
    await expect(page.getByText('Back up this account')).toBeVisible();

    await page.getByLabel('1. Save a copy into this folder').fill(usb);
    await page.getByRole('button', { name: 'Save keystore copy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved a copy to' })).toBeVisible();
    expect(readdirSync(usb)).toHaveLength(1);
    await page.getByLabel('Backup password').fill('not the password');
    await page.getByRole('button', { name: 'Check backup' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong password' })).toBeVisible({ timeout: 20_000 });
    await page.getByLabel('Backup password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Backup checked' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Back up this account')).toHaveCount(0);

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(page.getByTestId('wallet-lock-state')).toHaveText('Unlocked', { timeout: 20_000 });
    await screenshot(page, 'wallet-unlocked');
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expect(page.getByTestId('wallet-lock-state')).toHaveText('Locked');

    // Typed secrets are gone from the page, and nothing the host sent contains the password.
    await expect(page.locator('input[type=password]').first()).toHaveValue('');
    expect(frames.length).toBeGreaterThan(5);
    expect(frames.filter((f) => f.includes(PASSWORD))).toEqual([]);
  } finally {
    rmSync(usb, { recursive: true, force: true });
  }
});

test('import a go-livepeer keystore folder and switch to it', async ({ page }) => {
  await openApp(page, 'wallet');
  await page.getByRole('tab', { name: 'Keystore file' }).click();
  await page.getByLabel(/Path on the node's computer/).fill(FIXTURE_FOLDER);
  await page.getByRole('button', { name: 'Look inside' }).click();
  await expect(page.getByLabel('Found 1 keystore(s)')).toHaveValue('0x2c7536E3605D9C16a7a3D7b1898e529396a65c23');
  await page.getByLabel("The keystore's password").fill(FIXTURE_PASSWORD);
  await page.getByRole('button', { name: 'Import keystore' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23' }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Use this account' }).click();
  await expect(page.getByTestId('wallet-address')).toHaveText('0x2c7536E3605D9C16a7a3D7b1898e529396a65c23');
  await expect(page.getByRole('row')).toHaveCount(3);
  await screenshot(page, 'wallet-accounts');
});

test('remember password says why it is unavailable in the headless host', async ({ page }) => {
  await openApp(page, 'wallet');
  await expect(page.getByTestId('remember-unavailable')).toContainText('headless host has no OS keychain');
});
