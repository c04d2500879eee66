// The orchestrator's service port end to end on 127.0.0.1: gRPC discovery over TLS + HTTP/2,
// real tickets, segments transcoded by the system ffmpeg, renditions downloaded and re-counted,
// and the refusals of go-livepeer's ServeSegment with their status codes.
import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:http2';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { ConnectError, Code } from '@connectrpc/connect';
import { getBytes, keccak256, verifyMessage, hexlify } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import {
  Orchestrator,
  PaymentSchema,
  VideoProfileSchema,
  type OrchestratorInfo,
} from '../proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, countPixels, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';
import { gatewayAcceptsTicketParams, verifyResultSignature } from '../gateway/demo-gateway.ts';
import { add, mul, rat, sub } from '../payments/rat.ts';
import { bytesToBig } from '../payments/bytes.ts';
import { ticketEV } from '../payments/ticket.ts';

const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
  create(VideoProfileSchema, { name: 'P240p30fps16x9', width: 426, height: 240, bitrate: 600_000, fps: 30 }),
];

let fx: NodeFixture;
let firstInfo: OrchestratorInfo;
let clip: Uint8Array;
const tmp = mkdtempSync(join(tmpdir(), 'lp-listener-'));

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  fx = await startNodeFixture(createFfmpegTranscoder(), { maxSessions: 2 });
}, 30_000);
afterAll(async () => {
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function download(url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const s = connect(u.origin, { rejectUnauthorized: false });
    const req = s.request({ ':path': u.pathname });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      s.close();
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('service listener', () => {
  it('keeps its self-signed ECDSA certificate in the data folder', () => {
    const x = new X509Certificate(readFileSync(join(fx.dataDir, 'tls', 'service-cert.pem')));
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('answers GetOrchestrator with URI, price, capabilities, auth token and acceptable ticket params', async () => {
    const info = await fx.gateway.getOrchestrator();
    expect(info.transcoder).toBe(fx.url);
    expect(hexlify(info.address)).toBe(fx.orchWallet.address.toLowerCase());
    expect(info.priceInfo?.pricePerUnit).toBe(1200n);
    expect(info.priceInfo?.pixelsPerUnit).toBe(1n);
    expect(info.capabilities?.bitstring).toEqual([0x4005fffn]);
    expect(info.capabilities?.version).toBe('0.9.1');
    expect(info.authToken?.sessionId).toMatch(/^[0-9a-f]{8}$/);
    expect(Number(info.authToken?.expiration) - Date.now() / 1000).toBeGreaterThan(29 * 60);
    expect(gatewayAcceptsTicketParams(info.ticketParams!, fx.chain.l1Block)).toBeNull();
    expect(hexlify(info.ticketParams!.recipient)).toBe(fx.orchWallet.address.toLowerCase());
  });

  it('signs Ping values and refuses a request whose signature is not the gateway address', async () => {
    const value = getBytes(keccak256(new TextEncoder().encode('ping')));
    const sig = await fx.gateway.ping(value);
    expect(verifyMessage(getBytes(keccak256(value)), hexlify(sig))).toBe(fx.orchWallet.address);
    const other = fx.newGateway();
    const client = createClient(
      Orchestrator,
      createGrpcTransport({ baseUrl: fx.url, nodeOptions: { rejectUnauthorized: false } }),
    );
    const req = { address: getBytes(other.address), sig: new Uint8Array(65) };
    await expect(client.getOrchestrator(req)).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof ConnectError &&
        e.code === Code.Unknown &&
        e.rawMessage === 'Invalid orchestrator request: orchestrator req sig check failed',
    );
  });

  it('transcodes paid segments, answers early, and returns signed renditions with exact pixel counts', async () => {
    const info = await fx.gateway.getOrchestrator();
    firstInfo = info;
    const sessionId = info.authToken!.sessionId;
    let current = info;
    let expected = rat(0n);
    for (let seq = 0n; seq < 2n; seq++) {
      const params = current.ticketParams!;
      expected = add(expected, mul(rat(3n), ticketEV(bytesToBig(params.faceValue), bytesToBig(params.winProb))));
      const answer = await fx.gateway.submitSegment({
        tickets: 3,
        info: current,
        manifestId: 'stream-a',
        seq,
        data: clip,
        durationMs: 1000,
        profiles,
      });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headersMs).toBeLessThan(answer.totalMs);
      const result = answer.result!;
      expect(result.seq).toBe(seq);
      expect(result.result.case, String(result.result.value)).toBe('data');
      if (result.result.case !== 'data') return;
      const segs = result.result.value.segments;
      expect(segs.map((s) => s.url)).toEqual(profiles.map((p) => `${fx.url}/stream/${sessionId}/${p.name}/${seq}.ts`));
      const bytes = await Promise.all(segs.map((s) => download(s.url)));
      expect(verifyResultSignature(current, bytes, result.result.value.sig)).toBe(true);
      for (let i = 0; i < bytes.length; i++) {
        const f = join(tmp, `r${i}.ts`);
        writeFileSync(f, bytes[i]!);
        expect(segs[i]!.pixels).toBe(await countPixels(f));
        expect(segs[i]!.pixels).toBe(BigInt(profiles[i]!.width * profiles[i]!.height * 30));
      }
      // Fresh params, same session token.
      expect(result.info?.authToken?.sessionId).toBe(sessionId);
      expect(hexlify(result.info!.ticketParams!.recipientRandHash)).not.toBe(
        hexlify(current.ticketParams!.recipientRandHash),
      );
      current = result.info!;
    }
    // Credit: EV of the 6 tickets sent; debit: 1200 wei × encoded pixels of both segments.
    const pixels = 2n * BigInt(profiles.reduce((n, p) => n + p.width * p.height * 30, 0));
    const balance = fx.node.balances.balance(fx.gatewayWallet.address, sessionId);
    expect(balance).toEqual(sub(expected, rat(1200n * pixels)));
    expect(fx.node.sessions.count()).toBe(1);
  }, 30_000);

  it('refuses bad payment, credentials, hash, replays and unknown tokens with go-livepeer status codes, changing nothing', async () => {
    const sessions = fx.node.sessions.count();
    const g = fx.gateway;
    const info = await g.getOrchestrator();
    const base = { info, manifestId: 'stream-b', seq: 0n, data: clip, durationMs: 1000, profiles };
    // No tickets on a priced session without credit.
    const broke = await g.submitSegment({ ...base, tickets: 0 });
    expect([broke.status, broke.text]).toEqual([400, 'Insufficient balance']);
    // Leaving the ticket params out (price zero for go-livepeer) does not make a priced node free.
    const free = await g.segmentHeaders(base);
    const senderOnly = toBinary(PaymentSchema, create(PaymentSchema, { sender: getBytes(g.address) }));
    const noParams = await g.post({ ...free, 'livepeer-payment': Buffer.from(senderOnly).toString('base64') }, clip);
    expect([noParams.status, noParams.text]).toEqual([400, 'Insufficient balance']);
    expect((await g.submitSegment(base, { 'livepeer-payment': '!!!' })).status).toBe(402);
    expect(
      (await g.submitSegment(base, { 'livepeer-payment': Buffer.from([0xff, 0xff]).toString('base64') })).status,
    ).toBe(402);
    const noSeg = await g.submitSegment(base, { 'livepeer-segment': 'not base64' });
    expect([noSeg.status, noSeg.text]).toEqual([403, 'ErrorSegEncoding']);
    const headers = await g.segmentHeaders(base);
    const wrongBody = await g.post(headers, clip.subarray(0, 1000));
    expect([wrongBody.status, wrongBody.text]).toEqual([403, 'Forbidden']);
    // The same tickets were not burnt by the refused request: they still pay for the real body.
    expect(fx.node.balances.balance(g.address, info.authToken!.sessionId).num).toBe(0n);
    expect(fx.node.sessions.count()).toBe(sessions);
    const ok = await g.post(headers, clip);
    expect(ok.status, ok.text).toBe(200);
    const replay = await g.post(headers, clip);
    expect(replay.status).toBe(400);
    expect(replay.text).toMatch(/senderNonce: already seen/);
    // Another gateway's signature over this segment.
    const other = fx.newGateway();
    const otherHeaders = await other.segmentHeaders({ ...base, seq: 1n });
    const mixed = await g.post(
      { ...otherHeaders, 'livepeer-payment': (await g.segmentHeaders({ ...base, seq: 1n }))['livepeer-payment']! },
      clip,
    );
    expect([mixed.status, mixed.text]).toEqual([403, 'ErrSegSig']);
    // A forged token.
    const forged = { ...info, authToken: { ...info.authToken!, token: new Uint8Array(32) } };
    const bad = await g.submitSegment({ ...base, info: forged as typeof info, seq: 2n });
    expect([bad.status, bad.text]).toEqual([403, 'invalid auth token']);
  }, 30_000);

  it('caps sessions in discovery and on segments, frees a slot on EndTranscodingSession, and stops new sessions when toggled off', async () => {
    // The two sessions of the previous tests occupy both slots.
    expect(fx.node.sessions.count()).toBe(2);
    const g = fx.newGateway();
    const capped = (e: unknown) =>
      e instanceof ConnectError && e.rawMessage === 'Invalid orchestrator request: OrchestratorCapped';
    await expect(g.getOrchestrator()).rejects.toSatisfy(capped);
    // ignoreCapacityCheck: honoured for the gateway whose sessions run here (refreshing its ticket
    // parameters), not for a newcomer, and not without the flag.
    await expect(fx.gateway.getOrchestrator({ ignoreCapacityCheck: true })).resolves.toBeTruthy();
    await expect(fx.gateway.getOrchestrator()).rejects.toSatisfy(capped);
    await expect(g.getOrchestrator({ ignoreCapacityCheck: true })).rejects.toSatisfy(capped);
    fx.node.setMaxSessions(3);
    const info = await g.getOrchestrator();
    fx.node.setMaxSessions(2);
    const refused = await g.submitSegment({ info, manifestId: 's', seq: 0n, data: clip, durationMs: 1000, profiles });
    expect([refused.status, refused.text]).toEqual([403, 'OrchestratorCapped']);
    await fx.gateway.endSession(firstInfo);
    expect(fx.node.sessions.count()).toBe(1);
    const admitted = await g.submitSegment({ info, manifestId: 's', seq: 1n, data: clip, durationMs: 1000, profiles });
    expect(admitted.status, admitted.text).toBe(200);
    // Toggled off: no new sessions, running ones continue.
    fx.node.sessions.setAccepting(false);
    fx.node.setMaxSessions(10);
    await expect(fx.newGateway().getOrchestrator()).rejects.toSatisfy(capped);
    const running = await g.submitSegment({
      info: admitted.result!.info!,
      manifestId: 's',
      seq: 2n,
      data: clip,
      durationMs: 1000,
      profiles,
    });
    expect(running.status, running.text).toBe(200);
    fx.node.sessions.setAccepting(true);
    await expect(fx.newGateway().getOrchestrator()).resolves.toBeDefined();
    // A forged token cannot end a session.
    await expect(
      fx.gateway.endSession({ ...info, authToken: { ...info.authToken!, token: new Uint8Array(32) } } as typeof info),
    ).rejects.toSatisfy((e: unknown) => e instanceof ConnectError && e.rawMessage === 'Invalid auth token');
  }, 30_000);

  it('counts segments, tickets and payment errors in go-livepeer-named metrics', () => {
    const text = fx.node.metrics.render();
    const transcoded = /^livepeer_segment_transcoded_total\{[^}]*node_type="orch"[^}]*\} (\d+)$/m.exec(text);
    expect(Number(transcoded?.[1])).toBeGreaterThanOrEqual(4);
    expect(text).toContain(`livepeer_tickets_recv{node_id=`);
    expect(text).toMatch(/livepeer_payment_recv_errors\{[^}]*error_code="invalid ticket senderNonce"\} 1/);
  });

  it('serves /segment over HTTP/1.1 too (the gateway fallback)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(
        `${fx.url}/segment`,
        { method: 'POST', rejectUnauthorized: false, headers: { 'livepeer-payment': '%%%' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(402);
  });
});
