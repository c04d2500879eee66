// The per-gateway price list through the contract: stored and read back, invalid entries refused
// with BAD_INPUT before anything is saved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wallet } from 'ethers';
import { createHost, type Host } from '../../app/host.ts';
import type { Caller } from '../../core/service.ts';

const caller: Caller = { transport: 'internal', authenticated: true };
let dir: string;
let host: Host;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpm-bprice-'));
  host = createHost({ dataDir: dir, mode: 'headless', telemetry: false });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const update = (input: unknown) => host.router.call(caller, { service: 'orchestrator', method: 'updateConfig', input });
const config = async () => {
  const res = await host.router.call(caller, { service: 'orchestrator', method: 'config', input: {} });
  if (!res.ok) throw new Error(res.error.message);
  return res.result as { broadcasterPrices: unknown[] };
};

describe('orchestrator.updateConfig broadcasterPrices', () => {
  const a = Wallet.createRandom().address;
  const b = Wallet.createRandom().address;

  it('defaults to none and keeps a valid list', async () => {
    expect((await config()).broadcasterPrices).toEqual([]);
    const list = [
      { address: a, pricePerUnit: '0', pixelsPerUnit: '1' },
      { address: b.toLowerCase(), pricePerUnit: '900', pixelsPerUnit: '2' },
    ];
    const res = await update({ broadcasterPrices: list });
    expect(res.ok).toBe(true);
    expect((await config()).broadcasterPrices).toEqual(list);
  });

  it.each([
    ['a malformed address', [{ address: '0x1234', pricePerUnit: '1', pixelsPerUnit: '1' }]],
    ['a negative price', [{ address: a, pricePerUnit: '-1', pixelsPerUnit: '1' }]],
    ['a fractional price', [{ address: a, pricePerUnit: '1.5', pixelsPerUnit: '1' }]],
    ['zero pixels per unit', [{ address: a, pricePerUnit: '1', pixelsPerUnit: '0' }]],
    ['a missing field', [{ address: a, pricePerUnit: '1' }]],
    [
      'the same gateway twice (any case)',
      [
        { address: a, pricePerUnit: '1', pixelsPerUnit: '1' },
        { address: a.toLowerCase(), pricePerUnit: '2', pixelsPerUnit: '1' },
      ],
    ],
    [
      'more than 100 gateways',
      Array.from({ length: 101 }, (_, i) => ({
        address: `0x${(i + 1).toString(16).padStart(40, '0')}`,
        pricePerUnit: '1',
        pixelsPerUnit: '1',
      })),
    ],
  ])('refuses %s with BAD_INPUT and keeps the saved list', async (_, list) => {
    const res = await update({ broadcasterPrices: list });
    expect(res.ok ? null : res.error.code).toBe('BAD_INPUT');
    expect((await config()).broadcasterPrices).toHaveLength(2);
  });
});
