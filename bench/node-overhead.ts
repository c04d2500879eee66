// The node's own cost per paid segment, measured from outside: the gateway runs in another process
// (bench/gateway-client.ts), the orchestrator here on the devnet with real tickets, the real media
// engine, SQLite and the redemption queue (the standalone node). Per segment: node overhead =
// gateway-observed send → full answer minus the engine's time for that segment (timed around the
// engine call here); the rendition fetch is timed apart. At 1, 4 and 8 sessions, then a flood:
// forged payments per second the node absorbs while one real session streams at real time, with
// the node's event-loop delay (p99, max) measured in this process.
//   node bench/node-overhead.ts [--segments 8] [--sessions 1,4,8] [--size 320x180] [--ev wei]
//        [--flood-seconds 20] [--flood-clients 2] [--flood-tickets 10] [--flood-concurrency 32] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Wallet } from 'ethers';
import { startDevnet } from '../src-main/chain/devnet/devnet.ts';
import { fundTicketBroker, generateSegments } from '../src-main/orchestrator/gateway/demo-broadcaster.ts';
import { activateDevnetOrchestrator } from '../src-main/orchestrator/runtime/devnet-orchestrator.ts';
import { startStandaloneNode } from '../src-main/orchestrator/runtime/standalone-node.ts';

const opt = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const perSession = Number(opt('segments', '8'));
const levels = opt('sessions', '1,4,8').split(',').map(Number);
const size = opt('size', '320x180');
const floodSeconds = Number(opt('flood-seconds', '20'));
const json = process.argv.includes('--json');
// A ticket EV close to the face value makes most tickets win: every one then goes through the
// SQLite store before its segment is answered, and the end checks each is stored exactly once.
const ev = opt('ev', '');

const dir = mkdtempSync(join(tmpdir(), 'lp-bench-overhead-'));
const devnet = await startDevnet({ dataDir: join(dir, 'chain') });
const key = devnet.accounts[1]?.privateKey ?? '';
await activateDevnetOrchestrator(devnet, key, 'https://127.0.0.1:8935');
const engineMs = new Map<string, number>();
const node = await startStandaloneNode({
  dataDir: join(dir, 'node'),
  rpcUrl: devnet.rpcUrl,
  controller: devnet.controller,
  privateKey: key,
  port: 0,
  maxSessions: Math.max(...levels, 2),
  logLevel: 'warn',
  ...(ev ? { payments: { ev, txCostMultiplier: '1' } } : {}),
  wrapTranscoder: (t) => ({
    ...t,
    async transcode(seg, signal) {
      const start = performance.now();
      try {
        return await t.transcode(seg, signal);
      } finally {
        engineMs.set(`${seg.sessionId}/${seg.seq}`, performance.now() - start);
      }
    },
  }),
});
for (let i = 0; i < 100 && node.status().state !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
const uri = node.runtime.node()?.serviceUri ?? '';
const segmentFiles = (await generateSegments(4, 2, size)).map((s, i) => {
  const f = join(dir, `seg${i}.ts`);
  writeFileSync(f, s);
  return f;
});
const keys = devnet.accounts.slice(2, 2 + Math.max(...levels) + 1).map((a) => a.privateKey);
for (const k of keys)
  await fundTicketBroker(new Wallet(k, devnet.provider), devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);

type Line = Record<string, unknown>;
/** Runs the client; `onReady` fires once it has prepared everything (so measurements start then). */
function client(args: object, onReady?: () => void): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        join(import.meta.dirname, 'gateway-client.ts'),
        JSON.stringify({ uri, segmentFiles, ...args }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines: Line[] = [];
    createInterface({ input: child.stdout }).on('line', (l) => {
      const o = JSON.parse(l) as Line;
      if (o['ready']) onReady?.();
      else lines.push(o);
    });
    child.on('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`gateway client exited ${code}`))));
  });
}
const pct = (xs: number[], p: number): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number).toFixed(1));
};
/** Percentile p of one numeric field over the client's lines. */
const at = (lines: Line[], field: string, p: number) =>
  pct(
    lines.map((l) => l[field] as number),
    p,
  );
const loopDelay = () => {
  const h = monitorEventLoopDelay({ resolution: 5 });
  return {
    start: () => h.enable(),
    stop: () => {
      h.disable();
      return { p99Ms: Number((h.percentile(99) / 1e6).toFixed(1)), maxMs: Number((h.max / 1e6).toFixed(1)) };
    },
  };
};

// Warm-up: engine probe, TLS, caches.
await client({ mode: 'sessions', keys: keys.slice(0, 1), segments: 2, seqBase: 900_000 });
// The event-loop delay of this process at rest: the floor the shared machine's scheduling sets.
const rest = loopDelay();
rest.start();
await new Promise((r) => setTimeout(r, 5000));
const atRest = rest.stop();

const rows = [];
let seqBase = 0;
for (const n of levels) {
  const delay = loopDelay();
  const lines = await client({ mode: 'sessions', keys: keys.slice(0, n), segments: perSession, seqBase }, delay.start);
  const loop = delay.stop();
  seqBase += 100_000;
  const ok = lines.filter((l) => l['ok'] === true);
  const overhead = ok.map(
    (l) => (l['answerMs'] as number) - (engineMs.get(`${String(l['sessionId'])}/${String(l['seq'])}`) ?? NaN),
  );
  const engine = ok.map((l) => engineMs.get(`${String(l['sessionId'])}/${String(l['seq'])}`) ?? NaN);
  rows.push({
    sessions: n,
    segments: ok.length,
    failed: lines.filter((l) => l['ok'] === false).map((l) => l['error']),
    engineP50Ms: pct(engine, 50),
    answerP50Ms: at(ok, 'answerMs', 50),
    overheadP50Ms: pct(overhead, 50),
    overheadP99Ms: pct(overhead, 99),
    early200P50Ms: at(ok, 'early200Ms', 50),
    fetchP50Ms: at(ok, 'fetchMs', 50),
    fetchP99Ms: at(ok, 'fetchMs', 99),
    loopDelay: loop,
  });
}

// The flood: a real session at real time (2 s segments) beside forged payments.
let flood = null;
if (floodSeconds > 0) {
  const delay = loopDelay();
  const realSegments = Math.max(3, Math.floor(floodSeconds / 2) - 1);
  const clients = Number(opt('flood-clients', '2'));
  let readyCount = 0;
  let floodStarted: () => void = () => undefined;
  const ready = new Promise<void>((r) => (floodStarted = r));
  let cpu0 = process.cpuUsage();
  const floodRuns = Array.from({ length: clients }, (_, i) =>
    client(
      {
        mode: 'flood',
        keys: [keys[keys.length - 1 - i]],
        seconds: floodSeconds,
        ticketsPerPayment: Number(opt('flood-tickets', '10')),
        concurrency: Number(opt('flood-concurrency', '32')),
      },
      () => {
        if (++readyCount < clients) return;
        cpu0 = process.cpuUsage();
        delay.start();
        floodStarted();
      },
    ),
  );
  await ready;
  const real = await client({
    mode: 'sessions',
    keys: keys.slice(0, 1),
    segments: realSegments,
    seqBase: 500_000,
    paceMs: 2000,
  });
  const results = (await Promise.all(floodRuns)).flat();
  // The node's CPU (main thread and signature workers: one process) over the flood.
  const cpu = process.cpuUsage(cpu0);
  const loop = delay.stop();
  const ok = real.filter((l) => l['ok'] === true);
  const statuses: Record<string, number> = {};
  for (const r of results)
    for (const [k, v] of Object.entries((r['statuses'] ?? {}) as Record<string, number>))
      statuses[k] = (statuses[k] ?? 0) + v;
  const answered = Object.entries(statuses)
    .filter(([k]) => !k.startsWith('0 '))
    .reduce((a, [, v]) => a + v, 0);
  flood = {
    seconds: floodSeconds,
    clients,
    forgedAnsweredPerSecond: Math.round(answered / floodSeconds),
    /** Node CPU per forged payment (real session included, a small share): what one core absorbs is 1000 / this. */
    nodeCpuMsPerForged: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, answered)).toFixed(2)),
    statuses,
    realSegments: real.length,
    realOk: ok.length,
    realInTime: ok.filter((l) => (l['answerMs'] as number) + (l['fetchMs'] as number) < 2000).length,
    realAnswerP50Ms: at(ok, 'answerMs', 50),
    realAnswerMaxMs: at(ok, 'answerMs', 100),
    loopDelay: loop,
  };
}

const stats = node.runtime.stats();
// Every winning ticket the node counted is in the store, once (keyed by ticket hash).
const stored = node.runtime.tickets(1_000_000);
const tickets = {
  received: stats.ticketsReceived,
  won: stats.ticketsWon,
  stored: stored.length,
  distinct: new Set(stored.map((t) => t.hash)).size,
};
await node.close();
await devnet.stop();
rmSync(dir, { recursive: true, force: true });
const out = { size, perSession, atRest, rows, flood, tickets, loadavg: loadavg().map((x) => Number(x.toFixed(1))) };
if (json) process.stdout.write(JSON.stringify(out) + '\n');
else {
  const f = (x: number | null) => (x === null ? '-' : `${x.toFixed(1)} ms`);
  console.log(
    '| sessions | segments | engine p50 | answer p50 | node overhead p50 | p99 | early 200 p50 | fetch p50 | fetch p99 | loop delay p99 / max |',
  );
  console.log('| -: | -: | -: | -: | -: | -: | -: | -: | -: | -: |');
  for (const r of rows)
    console.log(
      `| ${r.sessions} | ${r.segments}${r.failed.length ? ` (${r.failed.length} failed)` : ''} | ${f(r.engineP50Ms)} | ${f(r.answerP50Ms)} | ${f(r.overheadP50Ms)} | ${f(r.overheadP99Ms)} | ${f(r.early200P50Ms)} | ${f(r.fetchP50Ms)} | ${f(r.fetchP99Ms)} | ${r.loopDelay.p99Ms} / ${r.loopDelay.maxMs} ms |`,
    );
  console.log(`\nevent-loop delay at rest (no traffic): p99 ${atRest.p99Ms} ms, max ${atRest.maxMs} ms`);
  if (flood) console.log('flood:', JSON.stringify(flood));
  console.log(
    `\n${size} segments of 2 s, ${perSession} per session; tickets ${JSON.stringify(tickets)}; load average ${out.loadavg.join(' ')}`,
  );
}
