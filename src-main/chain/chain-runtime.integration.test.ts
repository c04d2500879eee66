// The runtime behind the chain services: devnet on first use, new-round events, reward service
// switched on and off, and everything stopped on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { openDatabase } from '../store/database.ts';
import { createChainRuntime } from './chain-runtime.ts';
import { CHAIN_MIGRATIONS } from './migrations.ts';

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('chain runtime', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-runtime-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts the devnet on first use, announces new rounds, and stops anvil on close', async () => {
    const db = openDatabase(dataDir, CHAIN_MIGRATIONS);
    const rounds: bigint[] = [];
    const runtime = createChainRuntime({
      dataDir,
      db,
      log: createLogSink({ write: () => undefined }).root,
      network: () => ({ kind: 'devnet' }),
      headIntervalMs: 50,
      onRound: (r) => rounds.push(r.round),
    });
    try {
      const conn = await runtime.connection();
      expect(conn.network).toBe('devnet');
      const devnet = runtime.devnet();
      expect(devnet).not.toBeNull();
      await until(() => rounds.length > 0);
      const next = await devnet!.advanceRound();
      await until(() => rounds.includes(next));
      await runtime.setRewardService(devnet!.accounts[1]!.address, true);
      expect(runtime.rewardService()?.orchestrator).toBe(devnet!.accounts[1]!.address);
      await runtime.setRewardService(devnet!.accounts[1]!.address, false);
      expect(runtime.rewardService()).toBeNull();
      const rpcUrl = devnet!.rpcUrl;
      await runtime.close();
      expect(runtime.devnet()).toBeNull();
      await expect(fetch(rpcUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
    } finally {
      await runtime.close();
      db.close();
    }
  });
});
