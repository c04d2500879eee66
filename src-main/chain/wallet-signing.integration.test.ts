// End to end through the host with the real wallet as signer: a devnet key imported into the
// keystore wallet signs the previewed transaction; while locked, nothing is sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse } from '../../src-shared/contract/index.ts';
import { createHost, type Host } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import { devnetAccounts } from './devnet/devnet.ts';

describe('chain transactions signed by the keystore wallet', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-wallet-chain-'));
  const account = devnetAccounts()[8]!;
  let host: Host;
  const call = (service: string, method: string, input: unknown = {}): Promise<CallResponse> =>
    host.router.call({ transport: 'internal', authenticated: true }, { service, method, input });
  const approve = async (amount: string): Promise<CallResponse> => {
    const preview = (await call('chain', 'prepare', {
      from: account.address,
      action: { kind: 'approve', amount },
    })) as {
      result: { id: string };
    };
    return call('chain', 'confirm', { previewId: preview.result.id });
  };

  beforeAll(async () => {
    host = createHost({
      dataDir,
      mode: 'headless',
      logSink: createLogSink({ write: () => undefined }),
      devnetBlockIntervalMs: 0,
    });
    await host.wallet.importPrivateKey(account.privateKey, 'correct horse battery staple', 'devnet test');
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses while the wallet is locked and sends once it is unlocked', async () => {
    host.wallet.lock();
    expect(await approve('7')).toMatchObject({ ok: false });
    expect(await call('chain', 'account', { address: account.address })).toMatchObject({
      ok: true,
      result: { bondingAllowance: '0' },
    });

    await host.wallet.unlock('correct horse battery staple');
    expect(await approve('7')).toMatchObject({ ok: true });
    expect(await call('chain', 'account', { address: account.address })).toMatchObject({
      ok: true,
      result: { bondingAllowance: '7' },
    });
  }, 60_000);
});
