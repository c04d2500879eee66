import { expect, test } from './fixtures.ts';
import { openApp, screenshot } from './app.ts';

const PAGES = [
  { nav: 'Dashboard', heading: 'Dashboard', file: 'dashboard' },
  { nav: 'Staking', heading: 'Staking', file: 'staking' },
  { nav: 'Delegators', heading: 'Delegators', file: 'delegators' },
  { nav: 'Earnings', heading: 'Earnings', file: 'earnings' },
  { nav: 'GPUs', heading: 'GPUs', file: 'gpus' },
  { nav: 'Settings', heading: 'Settings', file: 'settings' },
  { nav: 'Logs', heading: 'Logs', file: 'logs' },
  { nav: 'Glossary', heading: 'Glossary', file: 'glossary' },
  { nav: 'Set up', heading: 'Set up', file: 'onboarding' },
];

test('the shell loads and shows the node state', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('dashboard-role')).toHaveText('Orchestrator');
  await expect(page.getByText('Connecting to the node')).toHaveCount(0);
  // The token is moved out of the address bar once read.
  expect(page.url()).not.toContain('token=');
  expect(errors).toEqual([]);
});

test('every navigation entry opens its page', async ({ page }) => {
  await openApp(page);
  for (const { nav, heading, file } of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: nav }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/${file}$`));
    await screenshot(page, file);
  }
});

test('a settings change made in the UI survives a reload', async ({ page }) => {
  await openApp(page, 'settings');
  const save = page.getByRole('button', { name: 'Save settings' });
  await expect(save).toBeDisabled();

  await page.getByRole('radio', { name: /Transcoder/ }).check();
  await page.getByRole('radio', { name: /Arbitrum One/ }).check();
  const rpc = page.getByLabel('Arbitrum One RPC URL');
  await rpc.fill('not a url');
  await expect(page.getByText('Enter an http(s):// or ws(s):// RPC URL')).toBeVisible();
  await expect(save).toBeDisabled();
  await rpc.fill('https://arb1.example.org/my-key');
  await expect(save).toBeEnabled();
  await save.click();
  // A role or network change asks first (switch-confirm.spec.ts checks what it says).
  await page.getByTestId('switch-confirm').getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await screenshot(page, 'settings-saved');

  await page.reload();
  await expect(page.getByRole('radio', { name: /Transcoder/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Arbitrum One/ })).toBeChecked();
  await expect(page.getByLabel('Arbitrum One RPC URL')).toHaveValue('https://arb1.example.org/my-key');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dashboard-role')).toHaveText('Transcoder');
  await expect(page.getByTestId('dashboard-network')).toContainText('Arbitrum One');

  // Put the defaults back for the next tests of this file (they share its host).
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /Orchestrator/ }).check();
  await page.getByRole('radio', { name: /Local devnet/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByTestId('switch-confirm').getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
});

test("the orchestrator's service port, listen address, session limit and ticket cap are set in Settings", async ({
  page,
}) => {
  await openApp(page, 'settings');
  const port = page.getByLabel('Port', { exact: true });
  await expect(port).toHaveValue('8935');
  const save = page.getByRole('button', { name: 'Save service port' });
  await expect(save).toBeDisabled();
  await port.fill('70000');
  await expect(page.getByText('A port from 1 to 65535')).toBeVisible();
  await expect(save).toBeDisabled();
  await port.fill('8936');
  await page.getByLabel('Listen on address').fill('127.0.0.1');
  const faceValue = page.getByLabel('Max ticket face value');
  await faceValue.fill('a lot');
  await expect(page.getByText('An amount of ETH, like 0.05')).toBeVisible();
  await expect(save).toBeDisabled();
  await faceValue.fill('0.005');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved. A running node reopens its port.' })).toBeVisible();
  await screenshot(page, 'settings-service-port');
  await page.reload();
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('8936');
  await expect(page.getByLabel('Listen on address')).toHaveValue('127.0.0.1');
  await expect(page.getByLabel('Max ticket face value')).toHaveValue('0.005');
  // Back to the defaults.
  await page.getByLabel('Max ticket face value').fill('');
  await page.getByLabel('Port', { exact: true }).fill('8935');
  await page.getByLabel('Listen on address').fill('0.0.0.0');
  await page.getByRole('button', { name: 'Save service port' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
});

test('Settings shows the FFmpeg in use and the wallet auto-lock, with links to where they change', async ({ page }) => {
  await openApp(page, 'settings');
  const card = page.getByTestId('elsewhere-settings');
  await expect(card).toContainText(/FFmpeg in use\s*\/\S*ffmpeg \(libx264\)/, { timeout: 30_000 });
  await expect(card).toContainText(/Wallet auto-lock\s*(Never|After \d+ minutes without use)/);
  await card.getByRole('link', { name: 'Change on the GPUs page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'GPUs' })).toBeVisible();
});

test('the Desktop settings card says the headless host has no desktop integration', async ({ page }) => {
  await openApp(page, 'settings');
  const card = page.locator('.desktop-card');
  await expect(card.getByRole('heading', { name: 'Desktop' })).toBeVisible();
  await expect(card.getByRole('note')).toContainText('headless host');
  for (const control of [
    'Start Livepeer Miner when I log in',
    'Winning ticket redeemed',
    'While one of these programs runs',
  ])
    await expect(card.getByLabel(control)).toBeDisabled();
  await expect(card.getByLabel('Node stopped unexpectedly')).not.toBeChecked(); // opt-in
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-desktop');
});

test('the logs page shows the host log live', async ({ page }) => {
  await openApp(page, 'logs');
  await page.getByLabel('Show from').selectOption('debug');
  await expect(page.getByRole('log')).toContainText('Host started');
  await screenshot(page, 'logs');
});

test('the API refuses a page without the token', async ({ page, baseURL }) => {
  await page.goto(`${baseURL}/#/dashboard`);
  await expect(page.getByTestId('no-access')).toBeVisible();
});
