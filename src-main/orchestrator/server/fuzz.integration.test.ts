// Thousands of malformed segment and gRPC requests against the listener (seeded, reproducible):
// every one is refused with a §2.2 status, none crashes the node or changes a balance, session or
// nonce, and afterwards the valid request that the mutations were derived from still succeeds.
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { connect as tlsConnect } from 'node:tls';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrchestratorRequestSchema, VideoProfileSchema } from '../proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';

const COUNT = Number(process.env['FUZZ_COUNT'] ?? 2000);
const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let fx: NodeFixture;
let clip: Uint8Array;
const tmp = mkdtempSync(join(tmpdir(), 'lp-fuzz-'));

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  fx = await startNodeFixture(createFfmpegTranscoder(), {
    segment: { bodyTimeoutMs: 2000, maxSegmentBytes: 4_000_000 },
  });
}, 30_000);
afterAll(async () => {
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Raw {
  headers: Record<string, string>;
  body: Uint8Array;
  /** Ends the stream early / never sends the body. */
  mode?: 'truncate' | 'stall';
}

let current: ClientHttp2Session | null = null;
let reconnects = 0;
/** One shared HTTP/2 connection, reopened when the server resets it (as a gateway would). */
function session(): ClientHttp2Session {
  if (!current || current.destroyed || current.closed) {
    if (current) reconnects++;
    current = connect(fx.url, { rejectUnauthorized: false });
    current.on('error', () => undefined);
  }
  return current;
}

function send(r: Raw, path = '/segment'): Promise<{ status: number; grpcStatus?: string }> {
  return new Promise((resolve) => {
    let req;
    try {
      req = session().request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: path,
        ...r.headers,
      });
    } catch {
      // Headers the client library itself refuses to send never reach the node.
      resolve({ status: -2 });
      return;
    }
    let status = 0;
    let grpcStatus: string | undefined;
    req.on('response', (h) => {
      status = Number(h[':status']);
      if (h['grpc-status'] !== undefined) grpcStatus = String(h['grpc-status']);
    });
    req.on('trailers', (t) => {
      if (t['grpc-status'] !== undefined) grpcStatus = String(t['grpc-status']);
    });
    req.on('data', () => undefined);
    req.on('end', () => resolve({ status, ...(grpcStatus !== undefined ? { grpcStatus } : {}) }));
    req.on('error', () => resolve({ status: status || -1 }));
    if (r.mode === 'stall') {
      req.write(r.body.subarray(0, 10));
    } else if (r.mode === 'truncate') {
      req.write(r.body.subarray(0, r.body.length >> 1), () => req.close(constants.NGHTTP2_CANCEL));
    } else {
      req.end(r.body);
    }
  });
}

describe('fuzzing the service port', () => {
  it(`refuses ${COUNT} malformed requests without state change, then serves a valid segment`, async () => {
    const rand = prng(20261125);
    const int = (n: number) => Math.floor(rand() * n);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
    const info = await fx.gateway.getOrchestrator();
    const valid = await fx.gateway.segmentHeaders({
      info,
      manifestId: 'fuzz',
      seq: 0n,
      data: clip,
      durationMs: 1000,
      profiles,
    });
    const seg = Buffer.from(valid['livepeer-segment']!, 'base64');
    const pay = Buffer.from(valid['livepeer-payment']!, 'base64');
    const mutate = (b: Uint8Array): Uint8Array => {
      const out = Uint8Array.from(b);
      switch (int(4)) {
        case 0: // flip a few bits
          for (let i = 0, n = 1 + int(4); i < n; i++) out[int(out.length)]! ^= 1 << int(8);
          return out;
        case 1: // truncate
          return out.subarray(0, int(out.length));
        case 2: // splice random bytes in
          return Uint8Array.from([
            ...out.subarray(0, int(out.length)),
            ...bytes(1 + int(40)),
            ...out.subarray(int(out.length)),
          ]);
        default: // huge varint lengths / random tail
          return Uint8Array.from([
            ...out.subarray(0, int(out.length)),
            0x0a,
            0xff,
            0xff,
            0xff,
            0xff,
            0x0f,
            ...bytes(int(20)),
          ]);
      }
    };
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
    const junkText = () => Array.from({ length: int(200) }, () => String.fromCharCode(32 + int(95))).join('');
    const wrongBody = () => (rand() < 0.5 ? bytes(int(4000)) : clip.subarray(0, int(clip.length)));
    const cases: (() => Raw)[] = [
      () => ({ headers: { ...valid, 'livepeer-payment': junkText() }, body: clip }),
      () => ({ headers: { ...valid, 'livepeer-payment': b64(bytes(int(300))) }, body: clip }),
      () => ({ headers: { ...valid, 'livepeer-payment': b64(mutate(pay)) }, body: wrongBody() }),
      () => ({ headers: { ...valid, 'livepeer-segment': junkText() }, body: clip }),
      () => ({ headers: { ...valid, 'livepeer-segment': b64(bytes(int(300))) }, body: clip }),
      () => ({ headers: { ...valid, 'livepeer-segment': b64(mutate(seg)) }, body: wrongBody() }),
      () => ({
        headers: { ...valid, 'livepeer-segment': b64(mutate(seg)), 'livepeer-payment': b64(mutate(pay)) },
        body: wrongBody(),
      }),
      () => ({ headers: valid, body: wrongBody() }),
      () => ({ headers: { 'content-type': 'video/MP2T' }, body: bytes(int(100)) }),
      () => ({ headers: { ...valid, 'content-length': '999999999' }, body: bytes(10) }),
      () => ({ headers: valid, body: clip, mode: 'truncate' }),
      () => ({
        headers: { ...valid, 'content-type': 'application/vnd+livepeer.uri' },
        body: new TextEncoder().encode(junkText()),
      }),
    ];
    const before = {
      balance: fx.node.balances.balance(fx.gatewayWallet.address, info.authToken!.sessionId),
      sessions: fx.node.sessions.count(),
    };

    const statuses = new Map<number, number>();
    let next = 0;
    const perCase = new Map<number, number[]>();
    const worker = async () => {
      while (next < COUNT) {
        next++;
        const k = int(cases.length);
        const r = cases[k]!();
        const { status } = await send(r);
        (perCase.get(k) ?? perCase.set(k, []).get(k)!).push(status);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 16 }, worker));
    // Slow clients that never finish their body, and gRPC garbage.
    const slow = await Promise.all(
      Array.from({ length: 5 }, () => send({ headers: valid, body: clip, mode: 'stall' })),
    );
    const grpc: string[] = [];
    for (let i = 0; i < 200; i++) {
      const body =
        rand() < 0.5
          ? bytes(int(100))
          : Uint8Array.from([
              0,
              0,
              0,
              0,
              30,
              ...mutate(
                toBinary(
                  OrchestratorRequestSchema,
                  create(OrchestratorRequestSchema, { address: bytes(20), sig: bytes(65) }),
                ),
              ),
            ]);
      const r = await send(
        { headers: { 'content-type': 'application/grpc', te: 'trailers' }, body },
        '/net.Orchestrator/GetOrchestrator',
      );
      grpc.push(r.grpcStatus ?? `http ${r.status}`);
    }
    // Garbage that is not even TLS or HTTP/2.
    await new Promise<void>((resolve) => {
      const s = tlsConnect(
        { host: '127.0.0.1', port: fx.node.port, rejectUnauthorized: false, ALPNProtocols: ['h2'] },
        () => {
          s.write(Buffer.from(bytes(500)));
          setTimeout(() => (s.destroy(), resolve()), 50);
        },
      );
      s.on('error', () => resolve());
    });
    const elapsed = performance.now() - started;
    current?.close();

    const summary = Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0]));
    console.log(
      `fuzz: ${COUNT} requests in ${elapsed.toFixed(0)} ms, statuses ${JSON.stringify(summary)}, reconnects ${reconnects}, slow ${slow.map((s) => s.status)}, grpc ${[...new Set(grpc)]}`,
    );
    // Every request got a refusal status, on one connection that was never reset; only the uploads
    // the client itself cancelled (case 10) end without an answer.
    for (const [k, list] of perCase) {
      for (const status of list)
        expect(k === 10 ? [0, 403, 408] : [400, 402, 403, 408, 413], `case ${k}: status ${status}`).toContain(status);
    }
    expect(reconnects).toBe(0);
    expect(slow.map((s) => s.status)).toEqual([408, 408, 408, 408, 408]);
    expect(grpc.every((g) => g !== '0')).toBe(true);
    expect(fx.node.balances.balance(fx.gatewayWallet.address, info.authToken!.sessionId)).toEqual(before.balance);
    expect(fx.node.sessions.count()).toBe(before.sessions);

    // The untouched original still works: its tickets were not burnt and the node is healthy.
    const ok = await fx.gateway.post(valid, clip);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.result?.result.case).toBe('data');
  }, 120_000);
});
