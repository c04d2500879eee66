// The public service port under hostile but cheap traffic, on 127.0.0.1: an oversized gRPC body is
// refused from its length prefix, idle TLS connections are closed and their file handles freed, a
// single IP cannot take more than its share, and a real gateway is served throughout.
import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as h2connect } from 'node:http2';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VideoProfileSchema } from '../proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';

// Long enough that 1,000 TLS handshakes on a loaded 2-core machine finish before the first idle close
const IDLE_MS = 5_000;
const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];
let fx: NodeFixture;
let clip: Uint8Array;
const tmp = mkdtempSync(join(tmpdir(), 'lp-limits-'));

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  fx = await startNodeFixture(createFfmpegTranscoder(), {
    limits: { idleTimeoutMs: IDLE_MS, firstRequestTimeoutMs: IDLE_MS, maxPerIp: 1_100, maxConnections: 1_100 },
  });
}, 30_000);
afterAll(async () => {
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const handles = () => readdirSync('/proc/self/fd').length;

function openIdle(port: number, n: number): Promise<TLSSocket[]> {
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<TLSSocket>((resolve) => {
          const c = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false, ALPNProtocols: ['h2'] });
          c.once('secureConnect', () => resolve(c));
          c.resume(); // reads, so the server's close is seen
          c.on('error', () => undefined);
        }),
    ),
  );
}

async function servesGateway(): Promise<void> {
  const g = fx.newGateway();
  const info = await g.getOrchestrator();
  const answer = await g.submitSegment({
    info,
    manifestId: 'still-served',
    seq: 0n,
    data: clip,
    durationMs: 1000,
    profiles,
  });
  expect(answer.status, answer.text).toBe(200);
  expect(answer.result?.result.case).toBe('data');
  g.close();
}

it('refuses a 256 MB GetOrchestrator from its length prefix, without buffering it', async () => {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const s = h2connect(fx.url, { rejectUnauthorized: false });
  s.on('error', () => undefined);
  const req = s.request({
    ':method': 'POST',
    ':path': '/net.Orchestrator/GetOrchestrator',
    'content-type': 'application/grpc',
    te: 'trailers',
  });
  req.on('error', () => undefined);
  const chunk = Buffer.alloc(1 << 20, 7);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(256 << 20, 1);
  let sent = 0;
  let status = '';
  let done = false;
  const answered = new Promise<void>((resolve) => {
    req.on('response', (h) => {
      status = String(h['grpc-status'] ?? '');
      done = true; // answered: stop uploading
    });
    req.on('trailers', (h) => {
      status ||= String(h['grpc-status'] ?? '');
    });
    req.on('close', () => {
      done = true;
      resolve();
    });
    req.on('end', () => req.close());
    req.resume();
  });
  req.write(prefix);
  // Up to 256 MB, honouring back-pressure, until the server has answered.
  while (!done && sent < 256 << 20) {
    if (!req.write(chunk)) await new Promise((r) => req.once('drain', r).once('close', r));
    sent += chunk.length;
  }
  await answered;
  s.close();
  const growth = process.memoryUsage().rss - before;
  console.log(
    `oversized gRPC: ${sent >> 20} MB written before the refusal, RSS growth ${(growth / 2 ** 20).toFixed(1)} MB`,
  );
  expect(status).toBe('8'); // RESOURCE_EXHAUSTED
  expect(sent).toBeLessThan(64 << 20);
  expect(growth).toBeLessThan(64 << 20);
  await servesGateway();
}, 60_000);

it('closes 1,000 idle TLS connections by the idle timeout and frees their handles', async () => {
  const base = handles();
  const sockets = await openIdle(fx.node.port, 1_000);
  const peak = handles();
  const start = Date.now();
  await Promise.all(sockets.map((c) => new Promise((r) => (c.closed ? r(null) : c.once('close', r)))));
  const closedAfter = Date.now() - start;
  await new Promise((r) => setTimeout(r, 100));
  const after = handles();
  console.log(
    `1,000 idle TLS: handles ${base} → ${peak} → ${after}, all closed ${closedAfter} ms after the last opened`,
  );
  expect(peak - base).toBeGreaterThanOrEqual(1_000); // both ends live in this process
  expect(closedAfter).toBeLessThan(IDLE_MS + 3_000);
  expect(after - base).toBeLessThan(20);
  await servesGateway();
}, 60_000);

it('gives one IP address no more than its share of connections', async () => {
  const small = await startNodeFixture(createFfmpegTranscoder(), { limits: { maxPerIp: 10 } });
  try {
    const sockets = await openIdle(small.node.port, 30);
    await new Promise((r) => setTimeout(r, 300));
    expect(sockets.filter((c) => !c.closed)).toHaveLength(10);
    for (const c of sockets) c.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await small.gateway.getOrchestrator()).transcoder).toBe(small.url);
  } finally {
    await small.close();
  }
}, 30_000);
