// Every page compared with its committed baseline (e2e/visual.spec.ts-snapshots/), light and dark,
// first at first start and then with an account on the devnet, so a layout regression fails the
// build (a card's padding 4 px wider fails 44 of the 48 pictures). What changes by
// itself is masked or drawn as a fixed empty box (see `liveRegions`, `expectPage`). Baselines are
// made on Debian's Chromium at 1280 px wide: `npx playwright test e2e/visual.spec.ts
// --update-snapshots`, then open the new files and check them before committing.
import type { Locator, Page } from '@playwright/test';
import { Wallet } from 'ethers';
import { callApi, startDevnet } from './api.ts';
import { openApp } from './app.ts';
import { expect, test } from './fixtures.ts';

const THEMES = ['light', 'dark'] as const;
const VIEWPORT = { width: 1280, height: 800 };
const PAGES = [
  'dashboard',
  'wallet',
  'gpus',
  'settings',
  'staking',
  'delegators',
  'earnings',
  'governance',
  'transcoders',
  'logs',
  'glossary',
  'onboarding',
] as const;
type PagePath = (typeof PAGES)[number];

/**
 * What changes by itself is marked in the components: `data-live` on a value (a time, a meter),
 * `data-live="block"` on a block whose size depends on the machine or the run (FFmpeg paths and
 * probe results, log lines): such a block is drawn at a fixed height while the picture is taken.
 * Times, temporary paths and the devnet's moving round elsewhere are masked by their text.
 */
const LIVE_TEXT = [
  /\b\d{1,2}:\d{2}(:\d{2})?\b/, // times
  /\/tmp\/|lpm-e2e-host/, // this run's data folder
  // Durations from the measured block cadence inside text props (elsewhere marked `data-live`)
  /can be withdrawn after \d+ rounds|a reward call every round \(/,
  /LPT of [\d,.]+ LPT/, // minted of mintable: the devnet's round moves on while the spec runs
];
const liveRegions = (page: Page): Locator[] =>
  // Visible ones only: what sits inside a live block is not drawn (below), so it needs no mask.
  [page.locator('[data-live]'), page.getByTestId('node-state'), ...LIVE_TEXT.map((re) => page.getByText(re))].map((l) =>
    l.filter({ visible: true }),
  );
/** States that pass by themselves: the chain connecting, the first FFmpeg probe (about 20 s), the first telemetry sample, the router asked. */
const TRANSIENT = /Connecting to the chain|Loading|Testing FFmpeg|Testing…|Waiting for the|Asking the router/;

/** The document's height once it has stopped changing (data arriving in steps grows and shrinks it). */
async function settledHeight(page: Page): Promise<number> {
  const heights: number[] = [];
  await expect
    .poll(
      async () => {
        heights.push(await page.evaluate(() => document.documentElement.scrollHeight));
        return heights.length >= 4 && heights.slice(-4).every((h) => h === heights.at(-1));
      },
      { intervals: [250], timeout: 20_000 },
    )
    .toBe(true);
  return heights.at(-1)!;
}

async function expectPage(page: Page, path: PagePath, state: string, theme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await page.setViewportSize(VIEWPORT);
  await page.evaluate((p) => {
    window.location.hash = `#/${p}`;
  }, path);
  await expect(page).toHaveURL(new RegExp(`#/${path}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(TRANSIENT)).toHaveCount(0, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  // A live block is drawn as an empty box of fixed height (CSSOM: the app's CSP refuses injected
  // style sheets); `content-visibility` also keeps rows added later (log lines) out of the picture.
  await page.evaluate(() => {
    document.querySelectorAll<HTMLElement>('[data-live="block"]').forEach((el) => {
      el.style.display = 'block'; // a table grows to its rows whatever its height
      el.style.height = '3em';
      el.style.maxHeight = '3em';
      el.style.overflow = 'hidden';
      el.style.contentVisibility = 'hidden';
    });
    // A live value in a line is drawn at a fixed width, so its length (a checkout's FFmpeg path, "50 s"
    // or "2 min") moves nothing after it and wraps nothing.
    document.querySelectorAll<HTMLElement>('span[data-live]').forEach((el) => {
      el.style.display = 'inline-block';
      el.style.width = '8em';
      el.style.overflow = 'hidden';
      el.style.verticalAlign = 'bottom';
    });
  });
  // The whole page in one viewport, so the sticky sidebar is drawn as a user scrolling sees it.
  const height = await settledHeight(page);
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.max(VIEWPORT.height, height) });
  await expect.soft(page).toHaveScreenshot(`${state}-${path}-${theme}.png`, {
    animations: 'disabled',
    caret: 'hide',
    mask: liveRegions(page),
    maxDiffPixelRatio: 0.001,
  });
}

// Not serial: a failed picture does not skip the other test (each sets up its own devnet), so one
// run reports every page that moved (soft assertions).
test.describe.configure({ timeout: 240_000 });

test('every page at first start looks as committed, light and dark', async ({ page, baseURL }) => {
  await startDevnet(baseURL!); // the chain is up (no "Connecting…" at one moment and not the next)
  await openApp(page);
  for (const theme of THEMES) for (const path of PAGES) await expectPage(page, path, 'first-start', theme);
});

test('every page with an account on the devnet looks as committed, light and dark', async ({ page, baseURL }) => {
  const base = baseURL!;
  await startDevnet(base);
  // A fixed key, so the address and its identicon are the same every run.
  const key = new Wallet('0x' + '5e'.repeat(32));
  await callApi(base, 'wallet', 'importPrivateKey', {
    privateKey: key.privateKey,
    password: 'visual-e2e',
    label: 'visual',
  });
  await callApi(base, 'wallet', 'select', { address: key.address });
  await callApi(base, 'devnet', 'fund', {
    address: key.address,
    lpt: '1000000000000000000000',
    eth: '1000000000000000000',
  });
  await openApp(page, 'wallet');
  // The funded balance has arrived (not the 0 LPT read before the faucet's block).
  await expect(page.getByText('(1,000 LPT now)')).toBeVisible({ timeout: 30_000 });
  for (const theme of THEMES) for (const path of PAGES) await expectPage(page, path, 'devnet-account', theme);
});
