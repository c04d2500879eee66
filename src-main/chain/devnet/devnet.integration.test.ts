// The devnet launcher: a cold start deploys, a warm start restores the state from the data folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, id, parseEther, Wallet } from 'ethers';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTROLLER_ABI, TOKEN_ABI } from '../abi.ts';
import { startAnvil } from './anvil.ts';
import { startDevnet, type DevnetProgress } from './devnet.ts';
import { DEVNET_PARAMS } from './deploy.ts';

describe('devnet launcher', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-devnet-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('deploys on a cold start, restores on a warm start, and keeps balances and rounds', async () => {
    const steps: DevnetProgress[] = [];
    const cold = await startDevnet({ dataDir, onProgress: (p) => steps.push(p) });
    expect(steps.map((s) => s.step)).toEqual(['spawn', 'deploy', 'initialize', 'ready']);
    expect(cold.restored).toBe(false);
    expect(cold.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const controller = new Contract(cold.controller, CONTROLLER_ABI, cold.provider);
    for (const name of [
      'BondingManager',
      'TicketBroker',
      'RoundsManager',
      'Minter',
      'ServiceRegistry',
      'LivepeerToken',
    ] as const) {
      expect(await controller.getContract!(id(name)), name).toBe(cold.contracts[name]);
    }
    const someone = Wallet.createRandom().address;
    await cold.fund(someone, { eth: parseEther('1'), lpt: parseEther('7') });
    const round = await cold.advanceRound();
    const block = await cold.provider.getBlockNumber();
    await cold.stop();

    const warm = await startDevnet({ dataDir, onProgress: (p) => steps.push(p) });
    try {
      expect(warm.restored).toBe(true);
      expect(warm.contracts).toEqual(cold.contracts);
      expect(await warm.provider.getBlockNumber()).toBe(block);
      expect(await warm.provider.getBalance(someone)).toBe(parseEther('1'));
      expect(await new Contract(warm.contracts.LivepeerToken, TOKEN_ABI, warm.provider).balanceOf!(someone)).toBe(
        parseEther('7'),
      );
      expect(await warm.advanceRound()).toBe(round + 1n);
      expect(BigInt(await warm.provider.getBlockNumber())).toBeGreaterThanOrEqual(
        BigInt(block) + DEVNET_PARAMS.roundLength,
      );
      process.stdout.write(`devnet start: cold ${cold.startMs} ms, warm ${warm.startMs} ms\n`);
      expect(warm.startMs).toBeLessThan(5000);
    } finally {
      await warm.stop();
    }
  }, 30_000);

  it('starts fresh, keeping the file aside, when the saved state is damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpm-devnet-bad-'));
    try {
      const first = await startDevnet({ dataDir: dir });
      await first.stop();
      writeFileSync(join(dir, 'devnet', 'state.hex'), '0xnot-a-state');
      const steps: DevnetProgress[] = [];
      const second = await startDevnet({ dataDir: dir, onProgress: (p) => steps.push(p) });
      try {
        expect(second.restored).toBe(false);
        expect(steps.map((s) => s.step)).toContain('deploy');
        expect(readdirSync(join(dir, 'devnet')).some((f) => f.startsWith('state.hex.unreadable-'))).toBe(true);
        expect(await second.provider.getCode(second.contracts.BondingManager)).not.toBe('0x');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('stops an anvil orphaned by a crashed app before starting its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpm-devnet-orphan-'));
    const orphan = await startAnvil();
    let exited = false;
    orphan.onExit(() => (exited = true));
    try {
      mkdirSync(join(dir, 'devnet'), { recursive: true });
      writeFileSync(join(dir, 'devnet', 'anvil.pid'), String(orphan.pid));
      const devnet = await startDevnet({ dataDir: dir });
      try {
        await new Promise((r) => setTimeout(r, 200));
        expect(exited).toBe(true);
        expect(readFileSync(join(dir, 'devnet', 'anvil.pid'), 'utf8')).not.toBe(String(orphan.pid));
      } finally {
        await devnet.stop();
      }
      expect(existsSync(join(dir, 'devnet', 'anvil.pid'))).toBe(false);
    } finally {
      await orphan.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
