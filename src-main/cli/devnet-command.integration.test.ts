// `livepeer-miner devnet --json` as a process: one JSON document on stdout, --eth-usd sets the
// price feed, stops on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JsonRpcProvider } from 'ethers';
import { describe, expect, it } from 'vitest';
import { readPriceFeed } from '../chain/reads/price-feeds.ts';

const CLI = resolve(import.meta.dirname, 'main.ts');

describe('devnet command', () => {
  it('prints {rpcUrl, chainId, controller, contracts} and exits cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpm-devnet-cli-'));
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        CLI,
        'devnet',
        '--json',
        '--data-dir',
        dataDir,
        '--block-interval-ms',
        '0',
        '--eth-usd',
        '2500.25',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let stdout = '';
      const line = await new Promise<string>((done, fail) => {
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          if (stdout.includes('\n')) done(stdout.trim());
        });
        child.once('exit', (code) => fail(new Error(`exited early with ${code}`)));
      });
      const info = JSON.parse(line) as {
        rpcUrl: string;
        chainId: number;
        controller: string;
        contracts: Record<string, string>;
      };
      expect(Object.keys(info).sort()).toEqual(['chainId', 'contracts', 'controller', 'rpcUrl', 'scale']);
      expect(info.chainId).toBe(31337);
      expect(info.contracts['Controller']).toBe(info.controller);
      const provider = new JsonRpcProvider(info.rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true });
      expect(await provider.getCode(info.contracts['BondingManager']!)).not.toBe('0x');
      const feed = await readPriceFeed(provider, { pair: 'ETH / USD', address: info.contracts['DevnetPriceFeed']! });
      expect(feed).toMatchObject({ answer: '250025000000', decimals: 8 });
      provider.destroy();
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
