// Issue 7's acceptance test, on the devnet: our host as the orchestrator (the `demo` command's
// set-up: anvil + our contracts, the account bonded, registered and active, the real runtime), made
// to accept remote transcoders while it runs (the service port restarts into remote mode); two
// transcoders of our own as separate processes (`cli.ts transcoder`, each its own FFmpeg); the demo
// broadcaster paying with tickets on the devnet and checking every answer (renditions, signature,
// decoded pixel counts). The transcoder holding the session is SIGKILLed the moment it downloads a
// segment's input (so while it transcodes it): that segment is retried on the other one, the stream goes on there, only the killed one
// is dropped, and the advertised capacity follows the transcoders. Prints the failover figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import {
  createDemoBroadcaster,
  fundTicketBroker,
  generateSegments,
  type DemoBroadcaster,
} from '../orchestrator/gateway/demo-broadcaster.ts';
import { startDemoOrchestrator, type DemoOrchestrator } from '../cli/demo-orchestrator.ts';
import { keySigner } from '../orchestrator/payments/key-signer.ts';
import { devnetAccounts } from '../chain/devnet/devnet.ts';

const CLI = resolve(import.meta.dirname, '..', 'cli', 'main.ts');
const SECRET = 'failover-secret';
const SESSIONS_PER_TRANSCODER = 2;
const SEGMENTS = 8;
const KILL_AT = 3;

const tmp = mkdtempSync(join(tmpdir(), 'lp-failover-'));
let host: Host;
let demo: DemoOrchestrator;
let segments: Uint8Array[];
const children: ChildProcess[] = [];
let survivor: { child: ChildProcess; exit: Promise<number | null> } | null = null;

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `cli.ts transcoder` against the orchestrator's service port; resolves with its exit code when it ends. */
function transcoderProcess(port: number, secret: string): { child: ChildProcess; exit: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'transcoder',
      '--orch-addr',
      `127.0.0.1:${port}`,
      '--orch-secret',
      secret,
      '--max-sessions',
      String(SESSIONS_PER_TRANSCODER),
      '--ffmpeg',
      '/usr/bin/ffmpeg',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  Object.defineProperty(child, 'stderrText', { get: () => stderr });
  return { child, exit };
}
const stderrOf = (c: ChildProcess) => (c as ChildProcess & { stderrText: string }).stderrText;

const remote = () => host.transcoders.remote;
const advertised = () =>
  Number(/livepeer_max_sessions_total\{[^}]*\} (\d+)/.exec(host.orchestrator.metricsText())?.[1]);

beforeAll(async () => {
  host = createHost({
    dataDir: join(tmp, 'orchestrator'),
    mode: 'headless',
    logSink: createLogSink({ write: (l) => process.env['LP_TEST_LOG'] && process.stderr.write(l), printLevel: 'info' }),
    telemetry: false,
    devnetBlockIntervalMs: 0,
    orchestrator: { port: 0 },
  });
  [demo, segments] = await Promise.all([startDemoOrchestrator(host, 0), generateSegments(4)]);
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  demo?.provider.destroy();
  await host?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('remote transcoders on the devnet: failover', () => {
  it('accepting remote transcoders while the node runs restarts the service port in remote mode', async () => {
    expect(host.nodeStatus.get().state).toBe('running');
    const local = host.orchestrator.node();
    expect(local).toBe(demo.node);
    host.transcoders.setOrchestratorSecret(SECRET);
    await until(() => host.orchestrator.node() !== null && host.orchestrator.node() !== local, 20_000, 'restart');
    await until(() => host.nodeStatus.get().message.includes('no remote transcoder'), 10_000, 'remote status');
    expect(host.nodeStatus.get()).toMatchObject({ state: 'running' });
    // No transcoder: nothing to advertise (go-livepeer -maxSessions auto), new sessions refused.
    expect(advertised()).toBe(0);
    expect(host.orchestrator.stats().maxSessions).toBe(0);
  }, 30_000);

  it('refuses a transcoder with the wrong secret: the command exits with code 2 and the reason', async () => {
    const { child, exit } = transcoderProcess(host.orchestrator.node()!.port, 'wrong');
    expect(await exit).toBe(2);
    expect(stderrOf(child)).toContain('transcoder stopped: Orchestrator refused: invalid secret');
    expect(remote().list()).toEqual([]);
  }, 20_000);

  it('streams through two transcoders; the one holding the session is killed and the stream goes on', async () => {
    const port = host.orchestrator.node()!.port;
    // Registered one after the other, so each transcoder id maps to its process.
    const byId = new Map<number, ChildProcess>();
    const procs = new Map<number, ReturnType<typeof transcoderProcess>>();
    for (let i = 0; i < 2; i++) {
      const p = transcoderProcess(port, SECRET);
      await until(() => remote().list().length === i + 1, 20_000, `transcoder ${i + 1}`);
      byId.set(remote().list()[i]!.id, p.child);
      procs.set(remote().list()[i]!.id, p);
    }
    expect(remote().capacity()).toBe(2 * SESSIONS_PER_TRANSCODER);
    await until(() => advertised() === 2 * SESSIONS_PER_TRANSCODER, 5_000, 'advertised capacity');
    expect(host.orchestrator.stats().maxSessions).toBe(2 * SESSIONS_PER_TRANSCODER);

    const gateway = new Wallet(devnetAccounts()[9]!.privateKey, demo.provider);
    await fundTicketBroker(gateway, demo.info.contracts['TicketBroker']!, 10n ** 18n, 10n ** 18n);
    const b: DemoBroadcaster = createDemoBroadcaster(keySigner(gateway), host.orchestrator.node()!.serviceUri);

    // Each dispatch: which transcoder got which segment. At KILL_AT the holder dies as it downloads
    // the input, i.e. while it transcodes the segment.
    const dispatches: { seq: number; id: number; at: number }[] = [];
    let seq = 0;
    let killedId = 0;
    let killedAt = 0;
    let killedWall = 0;
    const off = remote().onTask((e) => {
      if (e.stage === 'sent') dispatches.push({ seq, id: e.transcoderId, at: performance.now() });
      else if (seq === KILL_AT && !killedId) {
        killedId = e.transcoderId;
        killedAt = performance.now();
        killedWall = Date.now();
        byId.get(e.transcoderId)!.kill('SIGKILL');
      }
    });
    const latencies: number[] = [];
    try {
      for (; seq < SEGMENTS; seq++) {
        const r = await b.send(seq, segments[seq % segments.length]!, true);
        expect(r, `segment ${seq}`).toMatchObject({ ok: true });
        latencies.push(r.latencyMs);
      }
    } finally {
      off();
      await b.endSession();
      b.close();
    }

    const holder = dispatches[0]!.id;
    const other = [...byId.keys()].find((id) => id !== holder)!;
    expect(killedId).toBe(holder);
    // Pinned to one transcoder before the kill; the killed segment retried once, on the other; then the other.
    expect(dispatches.filter((d) => d.seq < KILL_AT).every((d) => d.id === holder)).toBe(true);
    expect(dispatches.filter((d) => d.seq === KILL_AT).map((d) => d.id)).toEqual([holder, other]);
    expect(dispatches.filter((d) => d.seq > KILL_AT).every((d) => d.id === other)).toBe(true);
    expect(dispatches).toHaveLength(SEGMENTS + 1);
    expect(remote().retried()).toBe(1);
    // Only the killed one is dropped; capacity follows.
    expect(
      remote()
        .list()
        .map((t) => t.id),
    ).toEqual([other]);
    expect(remote().list()[0]).toMatchObject({ segments: SEGMENTS - KILL_AT, errors: 0 });
    const status = host.transcoders.status().orchestrator;
    expect(status.removed[0]).toMatchObject({ id: holder, reason: 'stream closed' });
    expect(status.capacity).toBe(SESSIONS_PER_TRANSCODER);
    expect(advertised()).toBe(SESSIONS_PER_TRANSCODER);
    expect(host.orchestrator.stats().maxSessions).toBe(SESSIONS_PER_TRANSCODER);
    expect(host.orchestrator.stats()).toMatchObject({ segmentsTotal: SEGMENTS, segmentsFailed: 0 });
    expect(byId.get(other)!.exitCode).toBeNull();
    survivor = procs.get(other)!;

    const noticedMs = status.removed[0]!.at - killedWall;
    const retryMs = dispatches.find((d) => d.seq === KILL_AT && d.id === other)!.at - killedAt;
    const normal = latencies.filter((_, i) => i !== KILL_AT && i !== 0);
    process.stderr.write(
      `failover on the devnet: segment latency (ms) ${latencies.map((l) => l.toFixed(0)).join(', ')}\n` +
        `  normal (segments 1..${SEGMENTS - 1} except ${KILL_AT}): ${Math.min(...normal).toFixed(0)}-${Math.max(...normal).toFixed(0)} ms` +
        ` (segment 0, with discovery: ${latencies[0]!.toFixed(0)} ms)\n` +
        `  segment ${KILL_AT}, holder killed as it fetched the input: ${latencies[KILL_AT]!.toFixed(0)} ms\n` +
        `  dead transcoder noticed (removed) ${Math.max(0, noticedMs).toFixed(0)} ms after SIGKILL (clock ms resolution);` +
        ` segment re-dispatched to the other ${retryMs.toFixed(0)} ms after SIGKILL\n`,
    );
  }, 60_000);

  it('a new secret drops the transcoder that used the old one (refused on reconnect); clearing it goes back to local', async () => {
    const { child, exit } = survivor!;
    host.transcoders.setOrchestratorSecret('another-secret');
    expect(remote().list()).toEqual([]);
    expect(await exit).toBe(2);
    expect(stderrOf(child)).toContain('Orchestrator refused: invalid secret');
    await until(() => host.nodeStatus.get().message.includes('no remote transcoder'), 10_000, 'remote status');
    expect(advertised()).toBe(0);

    const remoteNode = host.orchestrator.node();
    host.transcoders.setOrchestratorSecret(null);
    await until(() => host.orchestrator.node() !== null && host.orchestrator.node() !== remoteNode, 20_000, 'restart');
    await until(() => host.nodeStatus.get().message.startsWith('Serving gateways'), 10_000, 'local status');
    expect(host.nodeStatus.get().message).not.toContain('remote');
    expect(advertised()).toBeGreaterThan(0); // the engine's own capacity again
  }, 40_000);
});
