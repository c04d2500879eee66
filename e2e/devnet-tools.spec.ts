// The dashboard's devnet practice tools: "Skip to the next round", the faucet and the demo traffic
// sit in one card, each apart from the next (they once touched, border to border). Screenshot
// devnet-tools.png.
import { devnetAccounts } from '../src-main/chain/devnet/devnet.ts';
import { callApi } from './api.ts';
import { openApp } from './app.ts';
import { expect, test } from './fixtures.ts';

const MIN_GAP_PX = 8;

test('the devnet tools on the dashboard are spaced apart', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await callApi(baseURL!, 'devnet', 'start');
  const account = devnetAccounts()[7]!;
  await callApi(baseURL!, 'wallet', 'importPrivateKey', {
    privateKey: account.privateKey,
    password: 'devnet tools e2e',
    label: 'Practice',
  });
  await callApi(baseURL!, 'wallet', 'select', { address: account.address });
  await openApp(page, 'dashboard');
  const next = page.getByRole('button', { name: 'Skip to the next round' });
  const faucet = page.getByRole('button', { name: /Devnet faucet/ });
  await expect(next).toBeVisible({ timeout: 30_000 });
  await expect(faucet).toBeVisible();
  await expect(page.getByTestId('demo-toggle')).toBeVisible({ timeout: 30_000 }); // the node serves
  const card = page.locator('.card').filter({ has: next });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: 'test-results/screenshots/devnet-tools.png' });

  // The card's parts, top to bottom: none touches the one above it.
  const parts = [card.locator('p.hint').first(), next, faucet, page.getByTestId('demo-toggle')];
  const boxes: { what: string; x: number; y: number; width: number; height: number }[] = [];
  for (const part of parts)
    boxes.push({ what: ((await part.textContent()) ?? '').trim().slice(0, 30), ...(await part.boundingBox())! });
  const gaps = boxes.slice(1).map((b, i) => ({
    between: `${boxes[i]!.what} / ${b.what}`,
    gap: Math.round(b.y - (boxes[i]!.y + boxes[i]!.height)),
  }));
  expect(gaps).toHaveLength(3);
  expect(gaps.filter((g) => g.gap < MIN_GAP_PX)).toEqual([]);
});
