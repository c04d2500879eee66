// Shared helpers for the e2e specs.
import type { Page } from '@playwright/test';
import { E2E_TOKEN } from './host.ts';

export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Opens the UI the way a user does: with the token URL the host printed. */
export async function openApp(page: Page, route = 'dashboard'): Promise<void> {
  await page.goto(`/?token=${E2E_TOKEN}#/${route}`);
  await page.getByTestId('node-state').first().waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // From the top: a page scrolled down keeps its sticky sidebar where the viewport was.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
