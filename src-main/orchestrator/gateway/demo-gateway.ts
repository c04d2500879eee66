// The gateway side of the protocol, the seed of the demo broadcaster: discovery over gRPC+TLS,
// segment credentials and tickets as go-livepeer's broadcaster makes them, POST /segment over
// HTTP/2, and the checks a go-livepeer gateway runs on the answer (ticket params it would accept,
// result signature by OrchestratorInfo.address).
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { createClient, type Client } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { getBytes, keccak256 } from 'ethers';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import {
  EndTranscodingSessionRequestSchema,
  Orchestrator,
  OrchestratorRequestSchema,
  PaymentSchema,
  SegDataSchema,
  TranscodeResultSchema,
  type Capabilities,
  type OrchestratorInfo,
  type TicketParams,
  type TranscodeResult,
  type VideoProfile,
} from '../proto/generated/lp_rpc_pb.js';
import { bytesToAddressLoose, bytesToBig, concatBytes } from '../payments/bytes.ts';
import { lpSign, verifyLpSig } from '../payments/lp-sig.ts';
import { cmp, rat } from '../payments/rat.ts';
import { ticketEV } from '../payments/ticket.ts';
import { segmentSigningBytes } from '../server/profiles.ts';
import { buildPayment } from './payment-builder.ts';

export interface SegmentAnswer {
  readonly status: number;
  /** ms from the start of the request to the response headers (the early 200). */
  readonly headersMs: number;
  readonly totalMs: number;
  /** Present on 200. */
  readonly result?: TranscodeResult;
  /** The text of a refusal. */
  readonly text?: string;
}

export interface SubmitOptions {
  readonly info: OrchestratorInfo;
  readonly manifestId: string;
  readonly seq: bigint;
  readonly data: Uint8Array;
  readonly durationMs: number;
  readonly profiles: readonly VideoProfile[];
  readonly capabilities?: Capabilities;
  /** Tickets to attach; by default enough to cover the fee estimate and one ticket's EV. */
  readonly tickets?: number;
}

export interface DemoGateway {
  readonly address: string;
  /** `ignoreCapacityCheck`: refreshing the parameters of a session already running there. */
  getOrchestrator(opts?: { ignoreCapacityCheck?: boolean }): Promise<OrchestratorInfo>;
  ping(value: Uint8Array): Promise<Uint8Array>;
  endSession(info: OrchestratorInfo): Promise<void>;
  /** Builds, signs and pays for a segment, then POSTs it; the headers can be overridden to test refusals. */
  submitSegment(o: SubmitOptions, override?: Record<string, string>): Promise<SegmentAnswer>;
  /** GET a rendition URL on the orchestrator's connection (same HTTP/2 session as the segments). */
  fetchPath(path: string): Promise<{ status: number; body: Uint8Array }>;
  /** Raw POST /segment with the given headers and body. */
  post(headers: Record<string, string>, body: Uint8Array): Promise<SegmentAnswer>;
  /** The headers submitSegment would send (nonces consumed). */
  segmentHeaders(o: SubmitOptions): Promise<Record<string, string>>;
  close(): void;
}

/** B's ValidateTicketParams (pm/sender.go): a go-livepeer gateway refuses an O whose params fail this. */
export function gatewayAcceptsTicketParams(
  p: TicketParams,
  lastSeenL1Block: bigint,
  maxTicketEV = 3_000_000_000_000n,
  deposit?: bigint,
): string | null {
  const expiration = bytesToBig(p.expirationBlock);
  if (expiration === 0n) return 'ticketParams expiration block is 0';
  if (expiration - lastSeenL1Block <= 1n) return 'TicketParams expired';
  const face = bytesToBig(p.faceValue);
  const ev = ticketEV(face, bytesToBig(p.winProb));
  if (ev.num <= 0n) return null;
  if (cmp(ev, rat(face)) >= 0) return `ticket faceValue too low faceValue=${face}`;
  if (cmp(ev, rat(maxTicketEV)) > 0) return 'ticket EV > max ticket EV';
  if (deposit !== undefined && face > deposit) return 'ticket faceValue > max faceValue';
  return null;
}

/** The 65-byte signature over the renditions' hashes must come from the orchestrator's address. */
export function verifyResultSignature(
  info: OrchestratorInfo,
  renditions: readonly Uint8Array[],
  sig: Uint8Array,
): boolean {
  const signer = info.address.length ? info.address : (info.ticketParams?.recipient ?? new Uint8Array());
  const hashes = concatBytes(...renditions.map((r) => getBytes(keccak256(r))));
  return verifyLpSig(bytesToAddressLoose(signer), hashes, sig);
}

/** go-livepeer estimateFee: Σ w×h×ceil(fps or 60)×ceil(duration s) × 1.02 × price. */
export function estimateFeePixels(profiles: readonly VideoProfile[], durationMs: number): bigint {
  const seconds = BigInt(Math.ceil(durationMs / 1000));
  let px = 0n;
  for (const p of profiles) {
    const fps = p.fps === 0 ? 60n : BigInt(Math.ceil(p.fps / (p.fpsDen || 1)));
    px += BigInt(p.width) * BigInt(p.height) * fps * seconds;
  }
  return (px * 102n) / 100n;
}

export function createDemoGateway(signer: AccountSigner, orchestratorUrl: string): DemoGateway {
  const transport = createGrpcTransport({ baseUrl: orchestratorUrl, nodeOptions: { rejectUnauthorized: false } });
  const client: Client<typeof Orchestrator> = createClient(Orchestrator, transport);
  let session: ClientHttp2Session | null = null;
  const nonces = new Map<string, number>();

  const h2 = (): ClientHttp2Session => {
    if (!session || session.closed || session.destroyed) {
      session = connect(orchestratorUrl, { rejectUnauthorized: false });
      session.on('error', () => undefined);
    }
    return session;
  };

  const post = (headers: Record<string, string>, body: Uint8Array): Promise<SegmentAnswer> =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      let headersMs = 0;
      let status = 0;
      const req = h2().request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: '/segment',
        ...headers,
      });
      const chunks: Buffer[] = [];
      req.on('response', (h) => {
        status = Number(h[':status']);
        headersMs = performance.now() - start;
      });
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const bytes = new Uint8Array(Buffer.concat(chunks));
        const totalMs = performance.now() - start;
        if (status === 200) resolve({ status, headersMs, totalMs, result: fromBinary(TranscodeResultSchema, bytes) });
        else resolve({ status, headersMs, totalMs, text: new TextDecoder().decode(bytes).trim() });
      });
      req.on('error', reject);
      req.end(body);
    });

  const segmentHeaders = async (o: SubmitOptions): Promise<Record<string, string>> => {
    const hash = getBytes(keccak256(o.data));
    const manifestId = new TextEncoder().encode(o.manifestId);
    const names = o.profiles.map((p) => p.name);
    const sig = await lpSign(signer, segmentSigningBytes(manifestId, o.seq, hash, names));
    const seg = create(SegDataSchema, {
      manifestId,
      seq: o.seq,
      hash,
      profiles: new TextEncoder().encode('invalid'),
      sig,
      duration: o.durationMs,
      capabilities: o.capabilities,
      authToken: o.info.authToken,
      fullProfiles3: [...o.profiles],
    });
    const params = o.info.ticketParams;
    const price = o.info.priceInfo;
    let payment = '';
    if (params && price) {
      const ev = ticketEV(bytesToBig(params.faceValue), bytesToBig(params.winProb));
      let count = o.tickets;
      if (count === undefined) {
        const fee = rat(estimateFeePixels(o.profiles, o.durationMs) * price.pricePerUnit, price.pixelsPerUnit || 1n);
        const need = cmp(fee, ev) > 0 ? fee : ev;
        count = ev.num === 0n ? 0 : Number((need.num * ev.den + ev.num * need.den - 1n) / (ev.num * need.den));
      }
      const key = Buffer.from(params.recipientRandHash).toString('hex');
      const first = (nonces.get(key) ?? 0) + 1;
      nonces.set(key, first + count - 1);
      const list = Array.from({ length: count }, (_, i) => first + i);
      payment = Buffer.from(toBinary(PaymentSchema, await buildPayment(signer, params, price, list))).toString(
        'base64',
      );
    }
    return {
      'content-type': 'video/MP2T',
      'livepeer-segment': Buffer.from(toBinary(SegDataSchema, seg)).toString('base64'),
      'livepeer-payment': payment,
    };
  };

  return {
    address: signer.address,
    async getOrchestrator(opts = {}) {
      const sig = await lpSign(signer, new TextEncoder().encode(signer.address));
      return client.getOrchestrator(
        create(OrchestratorRequestSchema, {
          address: getBytes(signer.address),
          sig,
          ignoreCapacityCheck: opts.ignoreCapacityCheck ?? false,
        }),
      );
    },
    async ping(value) {
      return (await client.ping({ value })).value;
    },
    async endSession(info) {
      await client.endTranscodingSession(create(EndTranscodingSessionRequestSchema, { authToken: info.authToken }));
    },
    async submitSegment(o, override = {}) {
      return post({ ...(await segmentHeaders(o)), ...override }, o.data);
    },
    post,
    fetchPath: (path) =>
      new Promise((resolve, reject) => {
        const req = h2().request({ [constants.HTTP2_HEADER_PATH]: path });
        const chunks: Buffer[] = [];
        let status = 0;
        req.on('response', (h) => (status = Number(h[':status'])));
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve({ status, body: new Uint8Array(Buffer.concat(chunks)) }));
        req.on('error', reject);
        req.end();
      }),
    segmentHeaders,
    close() {
      session?.close();
      session = null;
    },
  };
}
