// The shells' typed client against a real host: results through the output schemas, bad input
// refused by the router with the method named, and the effect visible on the host itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { createHost, type Host } from './host.ts';
import { internalApi } from './internal-client.ts';

let dir: string;
let host: Host;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lpm-internal-client-'));
  host = createHost({ dataDir: dir, mode: 'headless', telemetry: false });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('internalApi', () => {
  it('calls the services through the router and returns their parsed results', async () => {
    const api = internalApi(host);
    expect((await api.app.info()).dataDir).toBe(dir);
    const next = await api.settings.update({ transcodingEnabled: true, pausedUntil: null });
    expect(next.transcodingEnabled).toBe(true);
    expect(host.transcoding.get().enabled).toBe(true);
    expect((await api.node.status()).role).toBe(next.role);
  });

  it('rejects bad input with an AppError naming the method', async () => {
    const api = internalApi(host);
    const failure = api.wallet.unlock({ password: '' });
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: ErrorCode.BadInput });
    await expect(failure).rejects.toThrow(/^wallet\.unlock: /);
  });
});
