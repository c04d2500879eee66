import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { openApp, screenshot } from './app.ts';
import { startHost } from './host.ts';

// This machine has no NVIDIA GPU and Debian's FFmpeg: the page must say so plainly, show libx264 as the
// chosen encoder with the reasons the hardware encoders failed, and run the benchmark with progress.
test('the GPUs page shows telemetry, the FFmpeg probe and a benchmark', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await openApp(page, 'gpus');
  await expect(page.getByTestId('no-gpu')).toContainText('No NVIDIA GPU detected');
  await expect(page.getByTestId('no-gpu')).toContainText('nvidia-smi not found');
  await expect(page.getByTestId('chosen-encoder')).toContainText('libx264', { timeout: 30_000 });
  await expect(page.getByText(/No hardware encoder works here: h264_nvenc: /)).toBeVisible();
  // The probe's order and reasons: ffmpeg-static's FFmpeg (Debian's stands in for it here) before PATH's.
  await expect(page.getByText(/^Using the FFmpeg bundled with the app \(ffmpeg-static\)/)).toBeVisible();
  await page.getByText(/^What was tested, in order of preference/).click();
  await expect(page.locator('.candidate-head strong')).toHaveText([
    'the FFmpeg path you set',
    'the FFmpeg bundled with the app (ffmpeg-static)',
    'ffmpeg on the PATH',
  ]);

  await page.getByLabel('Maximum concurrent streams').fill('1');
  await page.getByLabel('Segments per stream').fill('1');
  await page.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(page.getByTestId('bench-recommendation')).toContainText(/Recommended sessions on cpu: \d/, {
    timeout: 45_000,
  });
  await expect(page.getByRole('row', { name: /^1 / })).toBeVisible();
  await screenshot(page, 'gpus-benchmark');
  expect(errors).toEqual([]);
});

// A host of its own on the recorded two-GPU nvidia-smi output: per-GPU cards with live readings, which GPUs to
// use and the most sessions on each, kept across a reload (the media scheduler reads the same setting).
test('the GPUs page chooses which GPUs to use and their max sessions (two-GPU fixture)', async ({ page }) => {
  test.setTimeout(90_000);
  const host = await startHost({
    token: 'gpu-fixture-token-0123456789',
    env: {
      LIVEPEER_MINER_NVIDIA_SMI: resolve('src-main/gpu/fixtures/fake-nvidia-smi'),
      FAKE_NVSMI_FIXTURE: 'two-gpus',
    },
  });
  try {
    await page.goto(host.uiUrl.replace(/#.*$/, '') + '#/gpus');
    const gpu1 = page.getByTestId('gpu-1');
    await expect(page.getByTestId('gpu-0')).toContainText('GTX 1070 Ti');
    await expect(gpu1).toContainText('GTX 1060');
    await expect(gpu1).toContainText(/\d+ °C/);
    await expect(page.getByTestId('gpu-0')).toContainText(/\d+(\.\d)? W/);
    const use1 = gpu1.getByRole('checkbox', { name: 'Use GPU 1 for transcoding' });
    // The choices appear once the FFmpeg probe (two usable candidates here) has finished.
    await expect(use1).toBeChecked({ timeout: 30_000 });
    // Max sessions on GPU 0, from the keyboard.
    const cap0 = page.getByTestId('gpu-0').getByLabel('Maximum sessions on nvidia:0');
    await cap0.fill('3');
    await cap0.press('Enter');
    // GPU 1 is not used (e.g. it drives the monitor).
    await use1.focus();
    await page.keyboard.press('Space');
    await expect(use1).not.toBeChecked();
    await expect(gpu1.getByLabel('Maximum sessions on nvidia:1')).toHaveCount(0);
    await screenshot(page, 'gpus-two-gpus-choice');
    await page.reload();
    await expect(
      page.getByTestId('gpu-1').getByRole('checkbox', { name: 'Use GPU 1 for transcoding' }),
    ).not.toBeChecked();
    await expect(page.getByTestId('gpu-0').getByLabel('Maximum sessions on nvidia:0')).toHaveValue('3');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await new AxeBuilder({ page }).analyze();
      expect(
        result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
      ).toEqual([]);
      await screenshot(page, `gpus-two-gpus-${scheme}`);
    }
  } finally {
    await host.close();
  }
});
