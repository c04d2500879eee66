// The orchestrator ↔ transcoder wire, checked against independent implementations: @grpc/grpc-js as
// the transcoder's gRPC client with protobufjs messages built from the §2.6 field table (plus
// RegisterRequest/NotifySegment from §3), Python's email parser for the multipart results, and a
// hand-written body in Go mime/multipart's layout for the orchestrator's parser.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogSink } from '../../log/logger.ts';
import {
  CapabilitiesSchema,
  NotifySegmentSchema,
  RegisterRequestSchema,
  SegDataSchema,
} from '../proto/generated/lp_rpc_pb.js';
import { LP_RPC_TABLE } from '../proto/lp-rpc-table.ts';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';
import { createRemoteTranscoders, type RemoteTranscoders } from './remote-transcoders.ts';
import { encodeResultParts, TRANSCODER_AUTH } from './results-multipart.ts';
import { P144 } from '../testing/rendition-profiles.ts';

const SECRET = 'proto-secret';
const root = protobuf.Root.fromJSON(LP_RPC_TABLE);
(root.lookup('net') as protobuf.Namespace)
  .add(
    new protobuf.Type('RegisterRequest')
      .add(new protobuf.Field('secret', 1, 'string'))
      .add(new protobuf.Field('capacity', 2, 'int64'))
      .add(new protobuf.Field('capabilities', 3, 'Capabilities')),
  )
  .add(
    new protobuf.Type('NotifySegment')
      .add(new protobuf.Field('url', 1, 'string'))
      .add(new protobuf.Field('segData', 3, 'SegData'))
      .add(new protobuf.Field('taskId', 16, 'int64'))
      .add(new protobuf.Field('profiles', 17, 'bytes'))
      .add(new protobuf.Field('orchId', 18, 'string')),
  );
const Register = root.lookupType('net.RegisterRequest');
const Notify = root.lookupType('net.NotifySegment');

let fx: NodeFixture;
let remote: RemoteTranscoders;
let creds: grpc.ChannelCredentials;
let clip: Uint8Array;
const tmp = mkdtempSync(join(tmpdir(), 'lp-remote-proto-'));

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  remote = createRemoteTranscoders({ secret: () => SECRET, log: createLogSink().root, minTimeoutMs: 3_000 });
  fx = await startNodeFixture(createFfmpegTranscoder(), { remote });
  const ca = readFileSync(join(fx.dataDir, 'tls', 'service-cert.pem'));
  creds = grpc.credentials.createSsl(ca, null, null, { checkServerIdentity: () => undefined });
}, 30_000);
afterAll(async () => {
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** RegisterTranscoder through grpc-js, messages through protobufjs. */
function register(secret: string, capacity: number) {
  const client = new grpc.Client(`127.0.0.1:${fx.node.port}`, creds);
  const call = client.makeServerStreamRequest(
    '/net.Transcoder/RegisterTranscoder',
    (v: object) => Buffer.from(Register.encode(Register.fromObject(v)).finish()),
    (b: Buffer) => b,
    { secret, capacity },
  );
  const messages: Buffer[] = [];
  const ended = new Promise<grpc.ServiceError | null>((resolve) => {
    call.on('error', (e: grpc.ServiceError) => resolve(e));
    call.on('end', () => resolve(null));
  });
  call.on('data', (b: Buffer) => messages.push(b));
  return { client, call, messages, ended };
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function post(headers: Record<string, string>, body: Uint8Array): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${fx.url}/transcodeResults`,
      { method: 'POST', headers, rejectUnauthorized: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    httpsRequest(url, { rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    })
      .on('error', reject)
      .end();
  });
}

describe('RegisterRequest / NotifySegment bytes', () => {
  it('encode identically in protoc-gen-es and protobufjs built from the field table', () => {
    const ours = toBinary(RegisterRequestSchema, create(RegisterRequestSchema, { secret: 's', capacity: 3n }));
    const theirs = Register.encode(Register.fromObject({ secret: 's', capacity: 3 })).finish();
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
    expect(Buffer.from(ours).toString('hex')).toBe('0a01731003');
    const n = Notify.encode(
      Notify.fromObject({ url: 'https://o/x', taskId: 300, profiles: Buffer.from('invalid'), orchId: 'offchain' }),
    ).finish();
    const decoded = fromBinary(NotifySegmentSchema, n);
    expect([decoded.url, decoded.taskId, new TextDecoder().decode(decoded.profiles), decoded.orchId]).toEqual([
      'https://o/x',
      300n,
      'invalid',
      'offchain',
    ]);
  });
});

describe('RegisterTranscoder with grpc-js', () => {
  it('refuses a wrong secret with UNKNOWN "invalid secret"', async () => {
    const r = register('nope', 2);
    const err = await r.ended;
    r.client.close();
    expect(err?.code).toBe(grpc.status.UNKNOWN);
    expect(err?.details).toBe('invalid secret');
    expect(remote.list()).toHaveLength(0);
  });

  it('refuses zero capacity with UNKNOWN "zero capacity"', async () => {
    const r = register(SECRET, 0);
    const err = await r.ended;
    r.client.close();
    expect(err?.code).toBe(grpc.status.UNKNOWN);
    expect(err?.details).toBe('zero capacity');
  });

  it('sends NotifySegment, serves the input, takes multipart results, and tears sessions down', async () => {
    const r = register(SECRET, 1);
    await until(() => remote.list().length === 1);
    expect(remote.capacity()).toBe(1);
    const ac = new AbortController();
    const job = remote.transcoder.transcode(
      { sessionId: 'sess1', seq: 7n, data: clip, durationMs: 1000, profiles: [P144] },
      ac.signal,
    );
    await until(() => r.messages.length === 1);
    const m = Notify.toObject(Notify.decode(r.messages[0]!), { longs: String, bytes: String }) as {
      url: string;
      taskId: string;
      profiles: string;
      orchId: string;
      segData: { seq: string; auth_token: { session_id: string }; fullProfiles3: unknown[] };
    };
    expect(m.url).toBe(`${fx.url}/stream/sess1/7.tempfile`);
    expect(m.taskId).toBe('1');
    expect(Buffer.from(m.profiles, 'base64').toString()).toBe('invalid');
    expect(m.orchId).toBe(fx.orchWallet.address);
    expect(m.segData.auth_token.session_id).toBe('sess1');
    expect(m.segData.seq).toBe('7');
    expect(m.segData.fullProfiles3).toEqual([
      { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400000, fps: 30, fpsDen: 1 },
    ]);
    expect(Buffer.from(await get(m.url)).equals(Buffer.from(clip))).toBe(true);

    const rendition = new Uint8Array(188 * 3).fill(0x47);
    const boundary = 'b0a1';
    // Go mime/multipart layout: sorted part headers, CRLF, no preamble.
    const goBody = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Length: 564\r\nContent-Type: video/mp2t\r\nPixels: 1105920\r\n\r\n`),
      rendition,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const h = {
      Authorization: TRANSCODER_AUTH,
      Credentials: SECRET,
      TaskId: '1',
      Pixels: '2764800',
      'Content-Type': `multipart/mixed; boundary=${boundary}`,
    };
    expect((await post({ ...h, Authorization: 'Livepeer-Transcoder-2.0' }, goBody)).status).toBe(401);
    expect((await post({ ...h, Credentials: 'x' }, goBody)).status).toBe(401);
    expect((await post({ ...h, 'Content-Type': 'text/plain' }, goBody)).status).toBe(415);
    expect((await post({ ...h, TaskId: 'one' }, goBody)).status).toBe(400);
    expect((await post({ ...h, Pixels: '' }, goBody)).status).toBe(400);
    expect(await post(h, goBody)).toEqual({ status: 200, text: 'OK' });
    const out = await job;
    expect(out).toHaveLength(1);
    expect(out[0]!.pixels).toBe(1105920n);
    expect(Buffer.from(out[0]!.data).equals(Buffer.from(rendition))).toBe(true);

    // An error report fails the segment with its text and keeps the transcoder.
    const failing = remote.transcoder
      .transcode({ sessionId: 'sess1', seq: 8n, data: clip, durationMs: 1000, profiles: [P144] }, ac.signal)
      .then(
        () => null,
        (err: unknown) => err as Error,
      );
    await until(() => r.messages.length === 2);
    const e = await post(
      { ...h, TaskId: '2', Pixels: '0', 'Content-Type': 'livepeer/transcoding-error' },
      Buffer.from('TranscoderInvalidVideo'),
    );
    expect(e.status).toBe(200);
    expect((await failing)?.message).toBe('TranscoderInvalidVideo');
    expect(remote.list()[0]).toMatchObject({ errors: 1, lastError: 'TranscoderInvalidVideo', segments: 1 });

    // Teardown: empty url, only segData.auth_token.session_id.
    remote.transcoder.endSession!('sess1');
    await until(() => r.messages.length === 3);
    const expected = Notify.encode(Notify.fromObject({ segData: { auth_token: { session_id: 'sess1' } } })).finish();
    expect(r.messages[2]!.toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    expect(remote.list()[0]!.load).toBe(0);

    r.call.cancel();
    r.client.close();
    await until(() => remote.list().length === 0);
  }, 30_000);
});

describe('capabilities', () => {
  it('a transcoder without capabilities gets the defaults and no job that needs a minimum version', async () => {
    const r = register(SECRET, 1);
    await until(() => remote.list().length === 1);
    const seg = create(SegDataSchema, {
      capabilities: create(CapabilitiesSchema, { bitstring: [1n], constraints: { minVersion: '0.7.0' } }),
    });
    const needsVersion = remote.transcoder.transcode(
      { sessionId: 'caps', seq: 0n, data: clip, durationMs: 1000, profiles: [P144], seg },
      new AbortController().signal,
    );
    await expect(needsVersion).rejects.toThrow('no transcoders available');
    expect(r.messages).toHaveLength(0);
    r.call.cancel();
    r.client.close();
    await until(() => remote.list().length === 0);
  });
});

describe('a silent transcoder', () => {
  it('is dropped after the segment timeout and the segment is retried on another', async () => {
    const silent = register(SECRET, 1);
    await until(() => remote.list().length === 1);
    const working = register(SECRET, 1);
    await until(() => remote.list().length === 2);
    const [silentId, workingId] = remote.list().map((t) => t.id);
    const started = Date.now();
    const job = remote.transcoder.transcode(
      { sessionId: 'quiet', seq: 0n, data: clip, durationMs: 500, profiles: [P144] },
      new AbortController().signal,
    );
    await until(() => silent.messages.length === 1);
    // Never answered: after max(3 s floor, 4 × 0.5 s) the orchestrator drops it and sends the segment on.
    await until(() => working.messages.length === 1, 10_000);
    const retriedAfter = Date.now() - started;
    expect(retriedAfter).toBeGreaterThanOrEqual(2_900);
    expect(remote.list().map((t) => t.id)).toEqual([workingId]);
    expect(await silent.ended).toBeNull(); // its stream is closed by the orchestrator
    const m = Notify.toObject(Notify.decode(working.messages[0]!), { longs: String }) as { taskId: string };
    const enc = encodeResultParts([{ contentType: 'video/mp2t', data: new Uint8Array(376).fill(0x47), pixels: 7n }]);
    const answer = await post(
      {
        Authorization: TRANSCODER_AUTH,
        Credentials: SECRET,
        TaskId: m.taskId,
        Pixels: '9',
        'Content-Type': enc.contentType,
      },
      enc.body,
    );
    expect(answer.status).toBe(200);
    expect((await job)[0]!.pixels).toBe(7n);
    expect(silentId).not.toBe(workingId);
    working.call.cancel();
    working.client.close();
    silent.client.close();
    await until(() => remote.list().length === 0);
  }, 20_000);
});

describe('multipart results', () => {
  it('parse with Python email (an independent MIME parser) into the parts, headers and bytes we sent', () => {
    const a = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
    const b = new Uint8Array(333).map((_, i) => (i * 13 + 5) & 0xff);
    const enc = encodeResultParts([
      { contentType: 'video/mp2t', data: a, pixels: 1105920n },
      { contentType: 'video/mp4', data: b, pixels: 42n },
    ]);
    expect(enc.contentType).toMatch(/^multipart\/mixed; boundary=[0-9a-f]{60}$/);
    const py = `
import sys, json, email, email.policy, hashlib
body = sys.stdin.buffer.read()
msg = email.message_from_bytes(b"Content-Type: " + sys.argv[1].encode() + b"\\r\\n\\r\\n" + body, policy=email.policy.HTTP)
out = []
for p in msg.iter_parts():
    data = p.get_payload(decode=True)
    out.append({"headers": list(p.items()), "len": len(data), "sha": hashlib.sha256(data).hexdigest()})
print(json.dumps({"multipart": msg.is_multipart(), "defects": len(msg.defects), "parts": out}))
`;
    const r = spawnSync('python3', ['-c', py, enc.contentType], { input: Buffer.from(enc.body) });
    expect(r.status, r.stderr.toString()).toBe(0);
    const parsed = JSON.parse(r.stdout.toString()) as {
      multipart: boolean;
      defects: number;
      parts: { headers: [string, string][]; len: number; sha: string }[];
    };
    const sha = (u: Uint8Array) => createHash('sha256').update(u).digest('hex');
    expect(parsed.multipart).toBe(true);
    expect(parsed.defects).toBe(0);
    expect(parsed.parts).toEqual([
      {
        headers: [
          ['Content-Length', '1000'],
          ['Content-Type', 'video/mp2t'],
          ['Pixels', '1105920'],
        ],
        len: 1000,
        sha: sha(a),
      },
      {
        headers: [
          ['Content-Length', '333'],
          ['Content-Type', 'video/mp4'],
          ['Pixels', '42'],
        ],
        len: 333,
        sha: sha(b),
      },
    ]);
  });
});
