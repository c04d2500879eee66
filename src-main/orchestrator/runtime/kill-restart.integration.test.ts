// A node killed (SIGKILL, a child process) between receiving a winning ticket and redeeming it
// loses nothing: the ticket is in SQLite before the segment is answered, and the restarted node
// redeems it once its parameters expire; nor does it reopen the nonces it accepted: requests it
// answered before the kill are refused when replayed after restart. Real devnet, engine, SQLite.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createInterface } from 'node:readline';
import { Contract, Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BONDING_MANAGER_ABI, TICKET_BROKER_ABI } from '../../chain/abi.ts';
import { startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { STORE_FILE } from '../../store/database.ts';
import {
  createDemoBroadcaster,
  DEMO_PROFILES,
  fundTicketBroker,
  generateSegments,
} from '../gateway/demo-broadcaster.ts';
import { createDemoGateway } from '../gateway/demo-gateway.ts';
import { keySigner } from '../payments/key-signer.ts';
import { activateDevnetOrchestrator } from './devnet-orchestrator.ts';
import type { StandaloneNodeOptions } from './standalone-node.ts';

const SCRIPT = join(import.meta.dirname, 'standalone-node.ts');
let t: TestDevnet;
let dataDir: string;
let replayDir: string;
const children: ChildProcess[] = [];

async function startChild(o: StandaloneNodeOptions): Promise<{ child: ChildProcess; serviceUri: string }> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', SCRIPT, JSON.stringify(o)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
  return { child, serviceUri: (JSON.parse(line) as { serviceUri: string }).serviceUri };
}

function states(): { hash: string; state: string }[] {
  const db = new DatabaseSync(join(dataDir, STORE_FILE), { readOnly: true });
  try {
    return db.prepare('SELECT ticket_hash AS hash, state FROM winning_tickets').all() as {
      hash: string;
      state: string;
    }[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  t = await startTestDevnet();
  dataDir = mkdtempSync(join(tmpdir(), 'lp-orch-kill-'));
  replayDir = mkdtempSync(join(tmpdir(), 'lp-orch-replay-'));
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (replayDir) rmSync(replayDir, { recursive: true, force: true });
});

it('redeems after a SIGKILL between the win and the redemption', async () => {
  const key = t.devnet.accounts[2]!.privateKey;
  const orch = await activateDevnetOrchestrator(t.devnet, key, 'https://127.0.0.1:8935');
  const options: StandaloneNodeOptions = {
    dataDir,
    rpcUrl: t.devnet.rpcUrl,
    controller: t.devnet.controller,
    privateKey: key,
    port: 0,
    payments: { ev: '10000000000000000', maxFaceValue: '10000000000000000' },
    redemptionTickMs: 200,
    redemptionWindowMs: 0, // each winner at the next head, as this test waits for them
  };
  const first = await startChild(options);
  const gw = new Wallet(t.devnet.accounts[5]!.privateKey, t.devnet.provider);
  await fundTicketBroker(gw, t.devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);
  const [segment] = await generateSegments(1);
  const b = createDemoBroadcaster(keySigner(gw), first.serviceUri);
  const report = await b.send(0, segment!, false);
  b.close();
  expect(report.ok, report.error).toBe(true);
  // The answer came back, so the winner is committed; no block has passed, so it is not redeemable yet.
  const won = states();
  expect(won).toHaveLength(1);
  expect(won[0]!.state).toBe('pending');
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  await t.devnet.advanceBlocks(41); // past the parameters' expiration block
  await t.devnet.advanceRound();
  const second = await startChild(options);
  for (let i = 0; i < 150 && states()[0]?.state !== 'redeemed'; i++) await new Promise((r) => setTimeout(r, 200));
  expect(states()).toEqual([{ hash: won[0]!.hash, state: 'redeemed' }]);
  const tb = new Contract(t.devnet.contracts.TicketBroker, TICKET_BROKER_ABI, t.devnet.provider);
  expect(await tb.getFunction('usedTickets')(won[0]!.hash)).toBe(true);
  const bm = new Contract(t.devnet.contracts.BondingManager, BONDING_MANAGER_ABI, t.devnet.provider);
  expect((await bm.getFunction('pendingFees')(orch, 0n)) as bigint).toBe(10n ** 16n);
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
}, 180_000);

it('refuses, after a SIGKILL and restart, the paid requests it accepted before', async () => {
  const key = t.devnet.accounts[3]!.privateKey;
  await activateDevnetOrchestrator(t.devnet, key, 'https://127.0.0.1:8936');
  // Default EV: tickets almost never win, so the nonce record alone stands between a replay and a credit.
  const options: StandaloneNodeOptions = {
    dataDir: replayDir,
    rpcUrl: t.devnet.rpcUrl,
    controller: t.devnet.controller,
    privateKey: key,
    port: 0,
  };
  const first = await startChild(options);
  const gw = new Wallet(t.devnet.accounts[6]!.privateKey, t.devnet.provider);
  await fundTicketBroker(gw, t.devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);
  const segments = await generateSegments(3);
  const gateway = createDemoGateway(keySigner(gw), first.serviceUri);
  let info = await gateway.getOrchestrator();
  const accepted: { headers: Record<string, string>; body: Uint8Array }[] = [];
  for (const [i, data] of segments.entries()) {
    const o = { info, manifestId: 'replay', seq: BigInt(i), data, durationMs: 2000, profiles: DEMO_PROFILES };
    const headers = await gateway.segmentHeaders(o);
    const answer = await gateway.post(headers, data);
    expect(answer.status, answer.text).toBe(200);
    accepted.push({ headers, body: data });
    info = answer.result?.info ?? info;
  }
  gateway.close();
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));

  const second = await startChild(options);
  const replayer = createDemoGateway(keySigner(gw), second.serviceUri);
  const replays = [];
  for (const r of accepted) replays.push(await replayer.post(r.headers, r.body));
  replayer.close();
  expect(replays.map((a) => a.status)).toEqual([400, 400, 400]);
  for (const a of replays) expect(a.text).toMatch(/already seen/);
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));
}, 180_000);
