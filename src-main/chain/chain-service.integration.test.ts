// The chain and devnet services through the real host and router: wire formats (decimal strings),
// typed errors, and the chain.tx / devnet.progress events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse, EventMessage } from '../../src-shared/contract/index.ts';
import { createHost, type Host } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import { devnetAccounts } from './devnet/devnet.ts';
import { devAccountSigner } from './test-support.ts';

describe('chain services over the router', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-host-chain-'));
  const keys = new Map(devnetAccounts().map((a) => [a.address, a.privateKey]));
  let host: Host;
  let withSigner = true;
  const seen: EventMessage[] = [];
  const call = async (service: string, method: string, input: unknown = {}): Promise<CallResponse> =>
    host.router.call({ transport: 'internal', authenticated: true }, { service, method, input });
  const O = devnetAccounts()[7]!.address;

  beforeAll(() => {
    host = createHost({
      dataDir,
      mode: 'headless',
      logSink: createLogSink({ write: () => undefined }),
      devnetBlockIntervalMs: 0,
      getSigner: async (address) => {
        if (!withSigner) throw new Error('wallet locked');
        return devAccountSigner(keys.get(address)!);
      },
    });
    host.events.subscribe((m) => seen.push(m));
  });
  afterAll(async () => {
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the devnet on first use and reports the protocol in decimal strings', async () => {
    const status = await call('chain', 'status');
    expect(status.ok).toBe(true);
    const result = (
      status as { result: { network: string; connected: boolean; protocol: { round: string; roundLength: string } } }
    ).result;
    // No mining timer here (devnetBlockIntervalMs 0): the demo devnet's nominal pace, 2 s
    expect(result).toMatchObject({ network: 'devnet', connected: true, secondsPerBlock: 2 });
    expect(result.protocol.roundLength).toBe('50');
    expect(seen.some((m) => m.event === 'devnet.progress')).toBe(true);
    const info = await call('devnet', 'info');
    expect(info).toMatchObject({ ok: true, result: { running: true, chainId: 31337 } });
  });

  it('funds, previews and confirms with wire amounts, and emits chain.tx progress', async () => {
    expect(await call('devnet', 'fund', { address: O, lpt: parseEther('100').toString() })).toMatchObject({ ok: true });
    const bad = await call('chain', 'prepare', { from: O, action: { kind: 'approve', amount: '-1' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const noAllowance = await call('chain', 'prepare', {
      from: O,
      action: { kind: 'bond', amount: parseEther('5').toString(), to: O },
    });
    expect(noAllowance).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_ALLOWANCE' } });
    const preview = await call('chain', 'prepare', {
      from: O,
      action: { kind: 'approve', amount: parseEther('5').toString() },
    });
    expect(preview).toMatchObject({ ok: true, result: { kind: 'approve', value: '0', simulatedResult: 'true' } });
    const previewId = (preview as { result: { id: string } }).result.id;
    const sent = await call('chain', 'confirm', { previewId });
    expect(sent).toMatchObject({ ok: true });
    const txEvents = seen.filter((m) => m.event === 'chain.tx').map((m) => (m.payload as { state: string }).state);
    expect(txEvents).toEqual(['signing', 'submitted', 'confirmed']);
    const account = await call('chain', 'account', { address: O });
    expect(account).toMatchObject({
      ok: true,
      result: { bondingAllowance: parseEther('5').toString(), lptBalance: parseEther('100').toString() },
    });
  });

  it('sends LPT to another address (livepeer_cli "transfer")', async () => {
    const to = '0x000000000000000000000000000000000000dEaD';
    const tooMuch = await call('chain', 'prepare', {
      from: O,
      action: { kind: 'transfer', amount: parseEther('1000').toString(), to },
    });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE' } });
    const preview = await call('chain', 'prepare', {
      from: O,
      action: { kind: 'transfer', amount: parseEther('1').toString(), to },
    });
    expect(preview).toMatchObject({ ok: true, result: { kind: 'transfer', simulatedResult: 'true' } });
    const sent = await call('chain', 'confirm', { previewId: (preview as { result: { id: string } }).result.id });
    expect(sent).toMatchObject({ ok: true });
    expect(await call('chain', 'account', { address: O })).toMatchObject({
      ok: true,
      result: { lptBalance: parseEther('99').toString() },
    });
    expect(await call('chain', 'account', { address: to })).toMatchObject({
      ok: true,
      result: { lptBalance: parseEther('1').toString() },
    });
  });

  it('refuses to send without a wallet signer, leaving nothing half-done', async () => {
    withSigner = false;
    const preview = await call('chain', 'prepare', { from: O, action: { kind: 'approve', amount: '1' } });
    const result = await call('chain', 'confirm', { previewId: (preview as { result: { id: string } }).result.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const account = await call('chain', 'account', { address: O });
    expect((account as { result: { bondingAllowance: string } }).result.bondingAllowance).toBe(
      parseEther('5').toString(),
    );
    withSigner = true;
  });

  it('advances rounds and reports the reward service as stopped until enabled', async () => {
    const before = (await call('chain', 'status')) as { result: { protocol: { round: string } } };
    const advanced = await call('devnet', 'advanceRound');
    expect(advanced).toMatchObject({ ok: true, result: { round: String(BigInt(before.result.protocol.round) + 1n) } });
    expect(await call('chain', 'rewardStatus')).toMatchObject({ ok: true, result: { state: 'stopped', attempts: [] } });
    expect(await call('chain', 'delegators', { orchestrator: O })).toMatchObject({ ok: true, result: [] });
  });
});
