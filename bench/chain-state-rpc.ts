// Requests per minute the main process sends to its chain, counted on the wire by the counting
// JSON-RPC proxy (src-main/chain/testing/rpc-proxy.ts): a devnet mining a block every 2 s, an
// active orchestrator (standalone node + reward service on its connection) with demo traffic (the
// demo gateway talks to the devnet directly: it stands for someone else), 60 s per scenario:
//   node    — the node alone;
//   dash    — the node and the dashboard's chain store (status, selected account, pool: what
//             `src-renderer/state/chain-store.ts` asks; delegators/earnings are the indexer's).
// Run: node bench/chain-state-rpc.ts [seconds]
// Reference (issue 16, before the chain-state service): node ≈470/min, dashboard ≈1,000–1,080/min.
import { rmSync } from 'node:fs';
import { createLogSink } from '../src-main/log/logger.ts';
import { openDatabase } from '../src-main/store/database.ts';
import { CHAIN_MIGRATIONS } from '../src-main/chain/migrations.ts';
import { createRewardService } from '../src-main/chain/reward-service.ts';
import { startTestDevnet } from '../src-main/chain/test-support.ts';
import { startRpcProxy } from '../src-main/chain/testing/rpc-proxy.ts';
import { activateDevnetOrchestrator } from '../src-main/orchestrator/runtime/devnet-orchestrator.ts';
import { createDemoTraffic } from '../src-main/orchestrator/runtime/demo-traffic.ts';
import { startStandaloneNode } from '../src-main/orchestrator/runtime/standalone-node.ts';
import { DEVNET_PAYMENTS } from '../src-main/orchestrator/runtime/devnet-payments.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const seconds = Number(process.argv[2] ?? 60);
const t = await startTestDevnet({ blockIntervalMs: 2000 });
const proxy = await startRpcProxy({ upstream: t.devnet.rpcUrl });
const key = t.devnet.accounts[1]?.privateKey ?? '';
const orch = await activateDevnetOrchestrator(t.devnet, key, 'https://127.0.0.1:8935');
const dataDir = mkdtempSync(join(tmpdir(), 'lp-rpc-bench-'));
const node = await startStandaloneNode({
  dataDir,
  rpcUrl: proxy.url,
  controller: t.devnet.controller,
  privateKey: key,
  port: 0,
  payments: { ev: String(DEVNET_PAYMENTS.ev), maxFaceValue: String(DEVNET_PAYMENTS.maxFaceValue) },
  logLevel: 'error',
});
for (let i = 0; i < 100 && !node.runtime.node(); i++) await new Promise((r) => setTimeout(r, 100));
const log = createLogSink({ write: () => undefined }).root;
const db = openDatabase(dataDir, CHAIN_MIGRATIONS);
const reward = createRewardService({ client: node.client, db, orchestrator: orch, log });
reward.start();
const demo = createDemoTraffic({
  devnet: () => t.devnet,
  orchestratorUri: () => node.runtime.node()?.serviceUri.replace('0.0.0.0', '127.0.0.1') ?? null,
  log,
});
await demo.setEnabled(true);

/** What the chain store loads, on the events that now drive it (a new round; no 5 s poll). */
const dashboard = () => {
  const load = async () => {
    await node.client.state.current();
    await Promise.all([node.client.state.account(orch), node.client.transcoderPool()]);
  };
  void load();
  return node.client.state.onChange((c) => {
    if (c.newRound) void load().catch(() => undefined);
  });
};

async function scenario(name: string, extra: () => (() => void) | null): Promise<void> {
  const stop = extra();
  await new Promise((r) => setTimeout(r, 5000)); // settle (start-up is measured separately)
  proxy.reset();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const counts = proxy.counts();
  stop?.();
  const perMin = (n: number) => Math.round((n * 60) / seconds);
  process.stdout.write(`\n${name}: ${perMin(proxy.total())} requests/min\n`);
  for (const [m, n] of Object.entries(counts).sort((a, b) => b[1] - a[1]))
    process.stdout.write(`  ${m.padEnd(28)} ${perMin(n)}\n`);
}

await scenario('node alone', () => null);
await scenario('node + dashboard', dashboard);
await demo.close();
await reward.stop();
await node.close();
db.close();
await proxy.close();
await t.close();
rmSync(dataDir, { recursive: true, force: true });
