// The orchestrator on the devnet: latency the node adds on top of the engine's transcode at 1, 4
// and 8 concurrent sessions (gateway-observed send → renditions fetched, minus the engine call for
// the same segment), with real tickets against the devnet's TicketBroker; then RSS after the load.
//   node bench/orchestrator-devnet.ts [--segments N] [--sessions 1,4,8] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { startDevnet } from '../src-main/chain/devnet/devnet.ts';
import {
  createDemoBroadcaster,
  fundTicketBroker,
  generateSegments,
} from '../src-main/orchestrator/gateway/demo-broadcaster.ts';
import { activateDevnetOrchestrator } from '../src-main/orchestrator/runtime/devnet-orchestrator.ts';
import { percentile } from '../src-main/orchestrator/runtime/node-stats.ts';
import { startStandaloneNode } from '../src-main/orchestrator/runtime/standalone-node.ts';

const opt = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const perSession = Number(opt('segments', '6'));
const levels = opt('sessions', '1,4,8').split(',').map(Number);
const json = process.argv.includes('--json');

const dir = mkdtempSync(join(tmpdir(), 'lp-bench-orch-'));
const devnet = await startDevnet({ dataDir: join(dir, 'chain') });
const key = devnet.accounts[1]?.privateKey ?? '';
await activateDevnetOrchestrator(devnet, key, 'https://127.0.0.1:8935');
const engineMs = new Map<bigint, number>();
const node = await startStandaloneNode({
  dataDir: join(dir, 'node'),
  rpcUrl: devnet.rpcUrl,
  controller: devnet.controller,
  privateKey: key,
  port: 0,
  maxSessions: Math.max(...levels),
  wrapTranscoder: (t) => ({
    ...t,
    async transcode(seg, signal) {
      const start = performance.now();
      try {
        return await t.transcode(seg, signal);
      } finally {
        engineMs.set(seg.seq, performance.now() - start);
      }
    },
  }),
});
for (let i = 0; i < 100 && node.status().state !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
const uri = node.runtime.node()?.serviceUri ?? '';
const segments = await generateSegments(3);
const segment = (i: number): Uint8Array => segments[i % segments.length] ?? new Uint8Array();
const signerOf = (w: Wallet) => ({
  address: w.address,
  signMessage: (m: Uint8Array | string) => w.signMessage(m),
  signTransaction: () => Promise.reject(new Error('the bench gateway signs no transactions')),
});
const gateways = await Promise.all(
  Array.from({ length: Math.max(...levels) }, async (_, i) => {
    const w = new Wallet(devnet.accounts[2 + i]?.privateKey ?? Wallet.createRandom().privateKey, devnet.provider);
    await fundTicketBroker(w, devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);
    return w;
  }),
);
// A warm-up segment (engine probe, TLS session).
{
  const b = createDemoBroadcaster(signerOf(gateways[0] as Wallet), uri, undefined, 'warm');
  await b.send(999_999, segment(0), false);
  await b.endSession();
  b.close();
}

const rows = [];
let seqBase = 0;
for (const n of levels) {
  const overhead: number[] = [];
  const totals: number[] = [];
  let failed = 0;
  await Promise.all(
    gateways.slice(0, n).map(async (w, i) => {
      const b = createDemoBroadcaster(signerOf(w), uri, undefined, `bench-${n}-${i}`);
      const base = seqBase + i * 1000;
      for (let s = 0; s < perSession; s++) {
        const r = await b.send(base + s, segment(s), false);
        if (!r.ok) {
          failed++;
          continue;
        }
        totals.push(r.latencyMs);
        overhead.push(r.latencyMs - (engineMs.get(BigInt(base + s)) ?? 0));
      }
      await b.endSession();
      b.close();
    }),
  );
  seqBase += 100_000;
  overhead.sort((a, b) => a - b);
  totals.sort((a, b) => a - b);
  rows.push({
    sessions: n,
    segments: totals.length,
    failed,
    totalP50Ms: percentile(totals, 50),
    overheadP50Ms: percentile(overhead, 50),
    overheadP99Ms: percentile(overhead, 99),
  });
}
const rssMb = process.memoryUsage().rss / 2 ** 20;
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
const stats = node.runtime.stats();
await node.close();
await devnet.stop();
rmSync(dir, { recursive: true, force: true });
if (json) process.stdout.write(JSON.stringify({ rows, rssMb, heapMb, ticketsReceived: stats.ticketsReceived }) + '\n');
else {
  console.log('| sessions | segments | failed | total p50 | node overhead p50 | node overhead p99 |');
  console.log('| -------: | -------: | -----: | --------: | ----------------: | ----------------: |');
  const f = (x: number | null) => (x === null ? '-' : `${x.toFixed(1)} ms`);
  for (const r of rows)
    console.log(
      `| ${r.sessions} | ${r.segments} | ${r.failed} | ${f(r.totalP50Ms)} | ${f(r.overheadP50Ms)} | ${f(r.overheadP99Ms)} |`,
    );
  console.log(
    `\nRSS after the load: ${rssMb.toFixed(0)} MB (heap ${heapMb.toFixed(0)} MB); tickets received ${stats.ticketsReceived}; load average ${(
      await import('node:os')
    )
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
