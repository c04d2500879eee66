// Unattended operation through the whole host on the real devnet (anvil + protocol contracts),
// real FFmpeg, real SQLite and real keystores: with the auto-lock at one (test-sized) minute the
// wallet locks for the user while the node keeps serving paid demo segments, redeems a winning
// ticket and calls reward in the next round, and a stake asks for the password. Then restarts of
// the host: with a password file it resumes by itself (reward service, transcoding, demo restored);
// without one it waits, says so, and resumes on unlock.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPasswordFile } from '../cli/password-file.ts';
import { activateDevnetOrchestrator } from '../orchestrator/runtime/devnet-orchestrator.ts';
import { standInKeychain } from '../wallet/test-support.ts';
import { createHost, type Host, type HostOptions } from './host.ts';
import { internalApi } from './internal-client.ts';

const PASSWORD = 'unattended rig password';
const MINUTE_MS = 3000; // one auto-lock "minute": the same idle timer, test-sized

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let dataDir: string;
let secretsDir: string;
let host: Host | null = null;
let orchestrator: string;
const figures: Record<string, number> = {};

function start(extra: Partial<HostOptions> = {}): Host {
  host = createHost({
    dataDir,
    mode: 'headless',
    telemetry: false,
    // The devnet's default 2 s blocks: its ticket parameters live 6 blocks, longer than a segment.
    devnetBlockIntervalMs: 2000,
    walletMinuteMs: MINUTE_MS,
    orchestrator: { port: 0, redemptionWindowMs: 0 }, // winners redeemed at the next head
    ...extra,
  });
  return host;
}

async function stop(): Promise<void> {
  await host?.close();
  host = null;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lpm-unattended-'));
  secretsDir = mkdtempSync(join(tmpdir(), 'lpm-unattended-pw-'));
});
afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(secretsDir, { recursive: true, force: true });
  console.log('unattended figures (ms):', JSON.stringify(figures));
});

describe('unattended operation', () => {
  it('the idle lock closes user actions only: the node serves, redeems and calls reward', async () => {
    const h = start();
    const api = internalApi(h);
    const devnet = await h.chain.startDevnet();
    const key = devnet.accounts[1]!.privateKey;
    ({ address: orchestrator } = await api.wallet.importPrivateKey({ privateKey: key, password: PASSWORD }));
    await activateDevnetOrchestrator(devnet, key, 'https://127.0.0.1:8935');
    await api.wallet.setAutoLock({ minutes: 1 });
    await api.wallet.unlock({ password: PASSWORD });
    h.transcoding.setEnabled(true);
    await until('the node serving', () => h.nodeStatus.get().state === 'running');
    await api.chain.setRewardService({ orchestrator, enabled: true });
    await api.orchestrator.setDemo({ enabled: true });

    // Idle for the user (the node's own signatures do not count): the wallet locks for user actions.
    const locked = await until('the idle lock', async () => {
      const w = await api.wallet.status();
      return w.unlocked === null ? w : null;
    });
    const lockedAt = Date.now();
    expect(locked).toMatchObject({ lockReason: 'idle', nodeKey: orchestrator });
    const sentAtLock = h.orchestrator.stats().segmentsTotal;

    // The node keeps serving paid segments and redeems a ticket won after the lock.
    await until('5 more paid segments', () => h.orchestrator.stats().segmentsTotal >= sentAtLock + 5);
    expect((await api.orchestrator.demoStatus()).segmentsFailed).toBe(0);
    const redeemed = await until('a winner redeemed after the lock', () =>
      h.orchestrator.tickets(100).find((t) => t.state === 'redeemed' && t.receivedAt > lockedAt),
    );
    expect(redeemed.txHash).toMatch(/^0x/);
    expect(h.nodeStatus.get().state).toBe('running');

    // The next round: the reward service calls reward with the key the node keeps.
    const { round } = await api.devnet.advanceRound();
    const reward = await until('reward in the new round', async () => {
      const s = await api.chain.rewardStatus();
      return s.attempts.find((a) => a.round === round && a.action === 'reward' && a.state === 'confirmed');
    });
    expect(reward.txHash).toMatch(/^0x/);

    // A user action on the stake asks for the password again.
    const preview = await api.chain.prepare({ from: orchestrator, action: { kind: 'unbond', amount: '1' } });
    await expect(api.chain.confirm({ previewId: preview.id })).rejects.toThrow(/locked/i);
    expect((await api.wallet.status()).unlocked).toBeNull();
  }, 240_000);

  it('restarts with a password file: resumes unattended with reward service, transcoding and demo', async () => {
    const file = join(secretsDir, 'password');
    writeFileSync(file, `${PASSWORD}\n`, { mode: 0o644 });
    expect(() => readPasswordFile(file)).toThrow(/readable by others/);
    chmodSync(file, 0o600);
    await stop();
    const t0 = Date.now();
    const h = start({ nodePassword: readPasswordFile(file) });
    const api = internalApi(h);
    await until('the node serving again', () => h.nodeStatus.get().state === 'running', 120_000);
    figures['resume with password file'] = Date.now() - t0;
    expect(await api.wallet.status()).toMatchObject({ unlocked: null, nodeKey: orchestrator });
    expect(h.transcoding.get().enabled).toBe(true);
    expect((await api.chain.rewardStatus()).orchestrator).toBe(orchestrator);
    await until('demo traffic again', async () => (await api.orchestrator.demoStatus()).running);
    const before = h.orchestrator.stats().segmentsTotal;
    await until('paid segments after the restart', () => h.orchestrator.stats().segmentsTotal >= before + 2);
  }, 240_000);

  it('restarts without a password: waits for an unlock, says so, and resumes on unlock', async () => {
    await stop();
    const h = start();
    const api = internalApi(h);
    await h.started;
    const waiting = await until('the waiting status', () =>
      /Waiting for an unlock/.test(h.nodeStatus.get().message) ? h.nodeStatus.get() : null,
    );
    expect(waiting.state).toBe('stopped');
    expect(await api.wallet.status()).toMatchObject({ unlocked: null, nodeKey: null, lockReason: 'startup' });
    // The choices are restored even while it waits.
    expect((await api.chain.rewardStatus()).orchestrator).toBe(orchestrator);
    const t0 = Date.now();
    await api.wallet.unlock({ password: PASSWORD });
    await until('the node serving after unlock', () => h.nodeStatus.get().state === 'running', 120_000);
    figures['resume after unlock'] = Date.now() - t0;
    await until('demo traffic after unlock', async () => (await api.orchestrator.demoStatus()).running);
  }, 240_000);

  it('restarts with the password remembered in the OS keychain (opt-in): resumes unattended', async () => {
    const keychain = standInKeychain();
    await stop();
    let h = start({ secretVault: keychain });
    let api = internalApi(h);
    expect((await api.wallet.status()).accounts[0]!.rememberPassword).toBe(false); // off by default
    await api.wallet.setRememberPassword({ address: orchestrator, enabled: true, password: PASSWORD });
    await stop();
    const t0 = Date.now();
    h = start({ secretVault: keychain });
    api = internalApi(h);
    await until('the node serving again', () => h.nodeStatus.get().state === 'running', 120_000);
    figures['resume with keychain'] = Date.now() - t0;
    expect(await api.wallet.status()).toMatchObject({ unlocked: null, nodeKey: orchestrator });
  }, 240_000);
});
