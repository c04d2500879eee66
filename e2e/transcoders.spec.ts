import { expect, test } from './fixtures.ts';
import { openApp, screenshot } from './app.ts';

// The headless host runs no orchestrator service port here, so the orchestrator view shows the secret
// setting and an empty list, and transcoder mode is tested against an address nobody listens on.
test('orchestrator role: accepting remote transcoders with a secret, and stopping', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await openApp(page, 'transcoders');
  await expect(page.getByTestId('remote-enabled')).toHaveText(/Not accepting remote transcoders/);
  await expect(page.getByText(/local and remote combined is not supported, as in go-livepeer/)).toBeVisible();
  await expect(page.getByTestId('restart-note')).toContainText('restarts its service port');
  await page.getByLabel('Transcoder secret').fill('e2e-orch-secret');
  await page.getByRole('button', { name: 'Accept remote transcoders' }).click();
  await expect(page.getByTestId('remote-enabled')).toHaveText(/Accepting transcoders · capacity 0 sessions/);
  await expect(page.getByTestId('no-transcoders')).toBeVisible();
  // No wallet here, so no service port: the page says transcoders cannot connect yet.
  await expect(page.getByTestId('remote-node-state')).toContainText('transcoders cannot connect until it does');
  await expect(page.getByLabel('Transcoder secret')).toHaveValue('');
  expect(await page.content()).not.toContain('e2e-orch-secret');
  await screenshot(page, 'transcoders-orchestrator');
  await page.getByRole('button', { name: 'Stop accepting' }).click();
  await expect(page.getByTestId('remote-enabled')).toHaveText(/Not accepting remote transcoders/);
  expect(errors).toEqual([]);
});

test('transcoder role: the connection form, its test and the connection state', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await openApp(page, 'settings');
  await page.getByRole('radio', { name: /Transcoder/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByTestId('switch-confirm').getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.getByRole('link', { name: 'Transcoders' }).click();
  await expect(page.getByTestId('transcoder-state')).toHaveText('Off');
  await page.getByLabel('Orchestrator address').fill('not an address');
  await expect(page.getByText('Enter host:port, e.g. 192.168.1.10:8935')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeDisabled();
  await page.getByLabel('Orchestrator address').fill('127.0.0.1:9');
  await page.getByLabel('Orchestrator secret').fill('e2e-t-secret');
  await page.getByLabel('Maximum sessions (streams)').fill('3');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-test')).toContainText('Refused or unreachable', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Save and connect' }).click();
  // Transcoding is off by default: saved, not connecting.
  await expect(page.getByText('Transcoding is switched off')).toBeVisible();
  await expect(page.getByLabel('Orchestrator secret')).toHaveAttribute(
    'placeholder',
    'Stored (leave empty to keep it)',
  );
  await expect(page.getByTestId('jobs-done')).toHaveText('0');
  await screenshot(page, 'transcoders-transcoder-mode');
  // On: nobody listens there, so it keeps retrying with backoff; off: back to Off.
  await page.getByRole('button', { name: 'Turn transcoding on' }).click();
  await expect(page.getByTestId('transcoder-state')).toHaveText('Reconnecting', { timeout: 10_000 });
  await expect(page.getByTestId('transcoder-message')).toContainText('ECONNREFUSED');
  await screenshot(page, 'transcoders-transcoder-reconnecting');
  await page.getByRole('button', { name: 'Turn transcoding off' }).click();
  await expect(page.getByTestId('transcoder-state')).toHaveText('Off');

  // Put the default role back for the next tests of this file (they share its host).
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /Orchestrator/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByTestId('switch-confirm').getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(errors).toEqual([]);
});
