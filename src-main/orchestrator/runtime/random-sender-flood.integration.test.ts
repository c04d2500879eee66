// 10,000 requests from random senders against a real node (a child process: standalone runtime,
// devnet chain through a JSON-RPC proxy that counts every call, SQLite, FFmpeg): memory, file
// handles and chain reads stay within the bounds stated in docs/unattended.md, and a funded
// gateway's session is served during and after the flood. The mix, per 10 requests:
//   4 discovery requests validly signed by a fresh random key (each would cost a chain read),
//   2 discovery requests with garbage signatures,
//   2 segments from a fresh random key: valid segment signature, tickets signed by that key on
//     parameters issued to someone else,
//   2 segments with the funded gateway's credentials and 10 tickets forged by a stranger.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type ClientHttp2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { create, toBinary } from '@bufbuild/protobuf';
import { getBytes, id, Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { startRpcProxy, type RpcProxy } from '../../chain/testing/rpc-proxy.ts';
import { DEMO_PROFILES, fundTicketBroker, generateSegments } from '../gateway/demo-broadcaster.ts';
import { createDemoGateway } from '../gateway/demo-gateway.ts';
import { buildPayment } from '../gateway/payment-builder.ts';
import { keccakReady } from '../payments/keccak.ts';
import { keySigner } from '../payments/key-signer.ts';
import { DEFAULT_SENDER_READ_BUDGET } from '../payments/sender-read-budget.ts';
import {
  OrchestratorRequestSchema,
  PaymentSchema,
  TicketSenderParamsSchema,
  type OrchestratorInfo,
} from '../proto/generated/lp_rpc_pb.js';
import { fastKeySigner, fastPersonalSign } from '../testing/fast-key-signer.ts';
import { activateDevnetOrchestrator } from './devnet-orchestrator.ts';
import type { StandaloneNodeOptions } from './standalone-node.ts';

const REQUESTS = Number(process.env['LP_FLOOD_REQUESTS'] ?? 10_000);
const IN_FLIGHT = 48;
/** The bounds docs/unattended.md states for this flood. */
const BOUND = { rssGrowthMb: 160, heapGrowthMb: 16, extraHandles: 24, otherCallsPerSecond: 12 };
const SENDER_READS = [id('getSenderInfo(address)').slice(0, 10), id('claimableReserve(address,address)').slice(0, 10)];
const DISCOVERY = '/net.Orchestrator/GetOrchestrator';
const SCRIPT = join(import.meta.dirname, 'standalone-node.ts');

let t: TestDevnet;
let rpc: RpcProxy;
let child: ChildProcess | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'lp-flood-'));

beforeAll(async () => {
  t = await startTestDevnet();
  rpc = await startRpcProxy({ upstream: t.devnet.rpcUrl });
  await keccakReady;
}, 60_000);
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rpc?.close();
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const proc = (pid: number) => ({
  rssMb: Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
  handles: readdirSync(`/proc/${pid}/fd`).length,
});
const senderReads = () => SENDER_READS.reduce((n, s) => n + (rpc.selectors()[s] ?? 0), 0);

interface Answer {
  status: number;
  grpc: string;
  text: string;
}

function post(s: ClientHttp2Session, path: string, headers: Record<string, string>, body: Uint8Array): Promise<Answer> {
  return new Promise((resolve) => {
    const req = s.request({ ':method': 'POST', ':path': path, ...headers });
    let status = 0;
    let grpc = '';
    let text = '';
    const chunks: Buffer[] = [];
    req.on('response', (h) => {
      status = Number(h[':status']);
      grpc = String(h['grpc-status'] ?? '');
      text = decodeURIComponent(String(h['grpc-message'] ?? ''));
    });
    req.on('trailers', (h) => {
      grpc ||= String(h['grpc-status'] ?? '');
      text ||= decodeURIComponent(String(h['grpc-message'] ?? ''));
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('close', () => resolve({ status, grpc, text: text || Buffer.concat(chunks).toString('utf8').trim() }));
    req.on('error', () => undefined);
    req.end(body);
  });
}

const grpcFrame = (message: Uint8Array) => {
  const frame = new Uint8Array(5 + message.length);
  new DataView(frame.buffer).setUint32(1, message.length);
  frame.set(message, 5);
  return frame;
};

type Request = { path: string; headers: Record<string, string>; body: Uint8Array; kind: string };

/** The maker of the flood's i-th request (built as it is sent, so the signing overlaps the node's work). */
async function floodMaker(
  info: OrchestratorInfo,
  gatewayAddress: string,
  gatewaySegment: string,
  clip: Uint8Array,
): Promise<(i: number) => Promise<Request>> {
  const grpcHeaders = { 'content-type': 'application/grpc', te: 'trailers' };
  const discovery = (address: Uint8Array, sig: Uint8Array): Uint8Array =>
    grpcFrame(toBinary(OrchestratorRequestSchema, create(OrchestratorRequestSchema, { address, sig })));
  const stranger = getBytes(Wallet.createRandom().privateKey);
  const forgedBase = await buildPayment(
    fastKeySigner(stranger),
    info.ticketParams!,
    info.priceInfo!,
    Array.from({ length: 10 }, (_, n) => n + 1),
  );
  forgedBase.sender = getBytes(gatewayAddress);
  return async (i) => {
    const k = i % 10;
    if (k < 4) {
      const key = new Uint8Array(randomBytes(32));
      const signer = fastKeySigner(key);
      const sig = fastPersonalSign(key, getBytes(id(signer.address)));
      return {
        kind: 'signed discovery',
        path: DISCOVERY,
        headers: grpcHeaders,
        body: discovery(getBytes(signer.address), sig),
      };
    }
    if (k < 6) {
      return {
        kind: 'garbage discovery',
        path: DISCOVERY,
        headers: grpcHeaders,
        body: discovery(new Uint8Array(randomBytes(20)), new Uint8Array(randomBytes(65))),
      };
    }
    if (k < 8) {
      const g = createDemoGateway(fastKeySigner(), 'https://127.0.0.1:1');
      const headers = await g.segmentHeaders({
        info,
        manifestId: `flood-${i}`,
        seq: 0n,
        data: clip,
        durationMs: 2000,
        profiles: DEMO_PROFILES,
        tickets: 2,
      });
      return { kind: 'random-sender segment', path: '/segment', headers, body: clip };
    }
    // The stranger's 10 signatures, made once, on fresh nonces: each still costs the node a recovery.
    const payment = create(PaymentSchema, {
      ...forgedBase,
      ticketSenderParams: forgedBase.ticketSenderParams.map((t, n) =>
        create(TicketSenderParamsSchema, { senderNonce: 1_000_000 + i * 10 + n, sig: t.sig }),
      ),
    });
    return {
      kind: 'forged-ticket segment',
      path: '/segment',
      headers: {
        'content-type': 'video/MP2T',
        'livepeer-segment': gatewaySegment,
        'livepeer-payment': Buffer.from(toBinary(PaymentSchema, payment)).toString('base64'),
      },
      body: clip,
    };
  };
}

it('bounds memory, handles and chain reads under 10,000 random-sender requests, and keeps a gateway served', async () => {
  const key = t.devnet.accounts[2]!.privateKey;
  await activateDevnetOrchestrator(t.devnet, key, 'https://127.0.0.1:8935');
  const options: StandaloneNodeOptions = {
    dataDir,
    rpcUrl: rpc.url,
    controller: t.devnet.controller,
    privateKey: key,
    port: 0,
    maxSessions: 8, // room left: discovery from a stranger reaches its chain read
  };
  const node = spawn(
    process.execPath,
    ['--expose-gc', '--disable-warning=ExperimentalWarning', SCRIPT, JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  child = node;
  const lines = createInterface({ input: node.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    node.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
  /** The node's heap after a full collection, MB (SIGUSR2). */
  const heapMb = () =>
    new Promise<number>((resolve) => {
      lines.once('line', (l) => resolve((JSON.parse(l) as { memory: NodeJS.MemoryUsage }).memory.heapUsed / 2 ** 20));
      node.kill('SIGUSR2');
    });
  const serviceUri = (JSON.parse(line) as { serviceUri: string }).serviceUri;
  const pid = node.pid!;

  const gw = new Wallet(t.devnet.accounts[5]!.privateKey, t.devnet.provider);
  await fundTicketBroker(gw, t.devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);
  const segments = await generateSegments(3);
  const gateway = createDemoGateway(keySigner(gw), serviceUri);
  let info = await gateway.getOrchestrator();
  const send = async (seq: number) => {
    const a = await gateway.submitSegment({
      info,
      manifestId: 'real',
      seq: BigInt(seq),
      data: segments[seq]!,
      durationMs: 2000,
      profiles: DEMO_PROFILES,
    });
    expect(a.status, a.text).toBe(200);
    expect(a.result?.result.case, String(a.result?.result.value)).toBe('data');
    info = a.result?.info ?? info;
    return a.totalMs;
  };
  await send(0); // the session is live before the flood

  const gatewaySegment = (
    await gateway.segmentHeaders({
      info,
      manifestId: 'real',
      seq: 9n,
      data: segments[0]!,
      durationMs: 2000,
      profiles: DEMO_PROFILES,
    })
  )['livepeer-segment']!;
  const makeRequest = await floodMaker(info, gw.address, gatewaySegment, segments[0]!.subarray(0, 188));

  // Quiet baseline: what the node reads on its own (polls, round and reward checks).
  const quietCalls0 = rpc.total();
  await new Promise((r) => setTimeout(r, 3_000));
  const quietRate = (rpc.total() - quietCalls0) / 3;
  const before = proc(pid);
  const heapBefore = await heapMb();
  const calls0 = rpc.total();
  const reads0 = senderReads();

  const sessions = [
    connect(serviceUri, { rejectUnauthorized: false }),
    connect(serviceUri, { rejectUnauthorized: false }),
  ];
  for (const s of sessions) s.on('error', () => undefined);
  const outcomes = new Map<string, number>();
  let peak = before;
  const sampler = setInterval(() => {
    const p = proc(pid);
    peak = { rssMb: Math.max(peak.rssMb, p.rssMb), handles: Math.max(peak.handles, p.handles) };
  }, 100);
  const start = performance.now();
  let next = 0;
  let servedDuring = 0;
  const realDuring = (async () => {
    while (next < REQUESTS / 3) await new Promise((r) => setTimeout(r, 50));
    servedDuring = await send(1); // a paid segment transcoded in the middle of the flood
  })();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, lane) => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const r = await makeRequest(i);
        const a = await post(sessions[lane % 2]!, r.path, r.headers, r.body);
        const what = `${r.kind}: ${a.status}${a.grpc ? `/grpc ${a.grpc}` : ''} ${a.text
          .replace(/0x[0-9a-fA-F]+/g, '0x…')
          .replace(/\d+/g, 'N')
          .slice(0, 70)}`;
        outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
      }
    }),
  );
  await realDuring;
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  for (const s of sessions) s.close();
  const servedAfter = await send(2);
  await new Promise((r) => setTimeout(r, 500));
  const after = proc(pid);
  const heapAfter = await heapMb();
  const calls = rpc.total() - calls0;
  const reads = senderReads() - reads0;
  // The budget for strangers, plus the live gateway's own two reads each time its cache entries
  // expire (every 5 s).
  const budget =
    DEFAULT_SENDER_READ_BUDGET.burst +
    Math.ceil((DEFAULT_SENDER_READ_BUDGET.perMinute * seconds) / 60) +
    2 * (1 + Math.ceil(seconds / 5));
  gateway.close();
  node.kill('SIGTERM');

  console.log(
    [
      `random-sender flood: ${REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)}/s, signed as sent)`,
      ...[...outcomes].sort().map(([k, n]) => `  ${n} × ${k}`),
      `node heap after GC ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB; RSS ${before.rssMb.toFixed(0)} → peak ${peak.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB; handles ${before.handles} → peak ${peak.handles} → ${after.handles}`,
      `chain calls during the flood: ${calls} (${(calls / seconds).toFixed(1)}/s; ${quietRate.toFixed(1)}/s when quiet), per-sender reads ${reads} (budget ${budget})`,
      `real gateway: segment during the flood ${servedDuring.toFixed(0)} ms, after ${servedAfter.toFixed(0)} ms`,
    ].join('\n'),
  );
  expect(reads).toBeLessThanOrEqual(budget);
  expect((calls - reads) / seconds).toBeLessThan(BOUND.otherCallsPerSecond);
  expect(peak.rssMb - before.rssMb).toBeLessThan(BOUND.rssGrowthMb);
  // What stays after a collection: nothing per sender (the caches are bounded, and small at this count).
  expect(heapAfter - heapBefore).toBeLessThan(BOUND.heapGrowthMb);
  expect(peak.handles - before.handles).toBeLessThan(BOUND.extraHandles);
  expect(after.handles - before.handles).toBeLessThan(8);
  const refusedBusy = [...outcomes]
    .filter(([k]) => /too many new ticket senders/.test(k))
    .reduce((n, [, c]) => n + c, 0);
  expect(refusedBusy).toBeGreaterThan(0); // the budget was reached, and said so
}, 180_000);
