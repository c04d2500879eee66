// gRPC interop with a second, independent gRPC implementation (@grpc/grpc-js, which like grpc-go
// insists on TLS with ALPN h2, te: trailers and grpc-status trailers), over our listener: the
// three net.Orchestrator calls and a Go-style UNKNOWN error with the exact text.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import { getBytes, keccak256, verifyMessage, hexlify, Wallet } from 'ethers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EndTranscodingSessionRequestSchema,
  EndTranscodingSessionResponseSchema,
  OrchestratorInfoSchema,
  OrchestratorRequestSchema,
  PingPongSchema,
  type EndTranscodingSessionRequest,
  type EndTranscodingSessionResponse,
  type OrchestratorInfo,
  type OrchestratorRequest,
  type PingPong,
} from '../proto/generated/lp_rpc_pb.js';
import { lpSign } from '../payments/lp-sig.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';
import { createFfmpegTranscoder } from '../testing/ffmpeg-transcoder.ts';
import { keySigner } from '../payments/key-signer.ts';
import { fund } from '../testing/static-chain.ts';

let fx: NodeFixture;
let client: grpc.Client;

beforeAll(async () => {
  fx = await startNodeFixture(createFfmpegTranscoder());
  const ca = readFileSync(join(fx.dataDir, 'tls', 'service-cert.pem'));
  // Like Go's InsecureSkipVerify: any certificate goes; here by trusting ours and skipping the name check.
  const creds = grpc.credentials.createSsl(ca, null, null, { checkServerIdentity: () => undefined });
  client = new grpc.Client(`127.0.0.1:${fx.node.port}`, creds);
});
afterAll(async () => {
  client?.close();
  await fx?.close();
});

function unary<Req, Res>(
  path: string,
  req: Req,
  encode: (r: Req) => Uint8Array,
  decode: (b: Uint8Array) => Res,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      path,
      (r: Req) => Buffer.from(encode(r)),
      (b: Buffer) => decode(new Uint8Array(b)),
      req,
      { deadline: Date.now() + 8000 },
      (err, res) => (err ? reject(err) : resolve(res!)),
    );
  });
}

const getOrchestrator = (req: OrchestratorRequest) =>
  unary<OrchestratorRequest, OrchestratorInfo>(
    '/net.Orchestrator/GetOrchestrator',
    req,
    (r) => toBinary(OrchestratorRequestSchema, r),
    (b) => fromBinary(OrchestratorInfoSchema, b),
  );

describe('gRPC interop (grpc-js client)', () => {
  it('GetOrchestrator, Ping and EndTranscodingSession', async () => {
    const g = new Wallet(Wallet.createRandom().privateKey);
    fund(fx.chain, g.address, 10n ** 18n, 10n ** 18n);
    const sig = await lpSign(keySigner(g), new TextEncoder().encode(g.address));
    const info = await getOrchestrator(create(OrchestratorRequestSchema, { address: getBytes(g.address), sig }));
    expect(info.transcoder).toBe(fx.url);
    expect(hexlify(info.address)).toBe(fx.orchWallet.address.toLowerCase());

    const value = getBytes(keccak256(new Uint8Array([1, 2, 3])));
    const pong = await unary<PingPong, PingPong>(
      '/net.Orchestrator/Ping',
      create(PingPongSchema, { value }),
      (r) => toBinary(PingPongSchema, r),
      (b) => fromBinary(PingPongSchema, b),
    );
    expect(verifyMessage(getBytes(keccak256(value)), hexlify(pong.value))).toBe(fx.orchWallet.address);

    const ended = await unary<EndTranscodingSessionRequest, EndTranscodingSessionResponse>(
      '/net.Orchestrator/EndTranscodingSession',
      create(EndTranscodingSessionRequestSchema, { authToken: info.authToken }),
      (r) => toBinary(EndTranscodingSessionRequestSchema, r),
      (b) => fromBinary(EndTranscodingSessionResponseSchema, b),
    );
    expect(toBinary(EndTranscodingSessionResponseSchema, ended)).toHaveLength(0);
  });

  it('reports refusals as status UNKNOWN with the Go error text', async () => {
    const g = new Wallet(Wallet.createRandom().privateKey);
    const err = await getOrchestrator(
      create(OrchestratorRequestSchema, { address: getBytes(g.address), sig: new Uint8Array(65) }),
    ).catch((e: grpc.ServiceError) => e);
    expect((err as grpc.ServiceError).code).toBe(grpc.status.UNKNOWN);
    expect((err as grpc.ServiceError).details).toBe('Invalid orchestrator request: orchestrator req sig check failed');
  });
});
