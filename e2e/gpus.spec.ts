import { expect, test } from '@playwright/test';
import { openApp, screenshot } from './app.ts';

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
