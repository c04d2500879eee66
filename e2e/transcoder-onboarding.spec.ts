// The transcoder's set-up guide against a real local orchestrator: the test starts one with the CLI
// (`demo --orch-secret`: a devnet orchestrator whose service port accepts remote transcoders), then,
// clicking only: role transcoder, hardware, the orchestrator's address and secret with a connection
// test (a wrong secret first), save, start, and the dashboard shows the transcoder connected.
// Its own host (fixtures.ts): the guide starts at its first step.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { openApp, screenshot } from './app.ts';

const SECRET = 'pool-secret-for-the-e2e-test';

/** Starts `cli.ts demo` and resolves with its service port once it prints its JSON line. */
function startOrchestrator(dataDir: string): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      'src-main/cli/main.ts',
      'demo',
      '--json',
      '--service-port',
      '0',
      '--orch-secret',
      SECRET,
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const port = new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line || !out.includes('\n')) return;
      const uri = (JSON.parse(line) as { serviceUri: string }).serviceUri;
      resolve(Number(new URL(uri).port));
    });
    child.once('exit', (code) => reject(new Error(`demo orchestrator exited (${code}): ${err}`)));
  });
  return { child, port };
}

test('the transcoder onboarding connects to a local orchestrator', async ({ page }) => {
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-e2e-orch-'));
  const orch = startOrchestrator(dataDir);
  try {
    await openApp(page, 'onboarding');
    const step = page.getByTestId('onboarding-step');
    const next = page.getByRole('button', { name: 'Continue' });
    await expect(step).toHaveText(/Role/);
    await page.getByRole('radio', { name: /Transcoder: lend your GPU to a pool/ }).check();
    await expect(page.getByRole('listitem').filter({ hasText: 'Connect to your orchestrator' })).toBeVisible();
    await screenshot(page, 'transcoder-onboarding-1-role');
    await next.click();

    await expect(step).toHaveText(/Step 2 of 4: Hardware/);
    await next.click();

    await expect(step).toHaveText(/Step 3 of 4: Connect to your orchestrator/);
    const port = await orch.port;
    await page.getByLabel('Orchestrator address').fill(`127.0.0.1:${port}`);
    await expect(next).toBeDisabled(); // a new address must be saved first
    await page.getByLabel('Orchestrator secret').fill('not-the-secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-test')).toContainText('✕', { timeout: 20_000 });
    await screenshot(page, 'transcoder-onboarding-3-refused');
    await page.getByLabel('Orchestrator secret').fill(SECRET);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByTestId('connection-test')).toContainText('✓', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Saved', exact: true })).toBeVisible();
    await expect(next).toBeEnabled();
    await screenshot(page, 'transcoder-onboarding-3-connected');
    await next.click();

    await expect(step).toHaveText(/Step 4 of 4: Start/);
    await page.getByRole('button', { name: 'Turn transcoding on' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('dashboard-role')).toHaveText('Transcoder');
    await expect(page.getByTestId('transcoder-connection')).toHaveText('✓ Connected', { timeout: 30_000 });
    // The node pill is the connection in this role (the orchestrator service is off).
    await expect(page.locator('main').getByTestId('node-state')).toContainText('Running', { timeout: 10_000 });
    await screenshot(page, 'transcoder-dashboard-connected');
  } finally {
    orch.child.kill('SIGTERM');
    await new Promise((r) => (orch.child.exitCode === null ? orch.child.once('exit', r) : r(null)));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
