// The orchestrator's protocol logic, transport-free: the three gRPC calls and the checks and
// steps of POST /segment (go-livepeer server/rpc.go, server/segment_rpc.go, core/orchestrator.go).
// segment-route.ts and listener.ts put it on the wire.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { getBytes } from 'ethers';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import {
  EndTranscodingSessionResponseSchema,
  OrchestratorInfoSchema,
  PaymentSchema,
  PingPongSchema,
  PriceInfoSchema,
  SegDataSchema,
  TranscodeDataSchema,
  TranscodeResultSchema,
  type AuthToken,
  type Capabilities,
  type EndTranscodingSessionRequest,
  type EndTranscodingSessionResponse,
  type OrchestratorInfo,
  type OrchestratorRequest,
  type Payment,
  type PingPong,
  type PriceInfo,
  type SegData,
} from '../proto/generated/lp_rpc_pb.js';
import { bytesToAddressLoose, concatBytes, equalBytes, toHash32 } from '../payments/bytes.ts';
import type { Balances } from '../payments/balances.ts';
import { keccak256Bytes } from '../payments/keccak.ts';
import { lpSign, verifyLpSig } from '../payments/lp-sig.ts';
import { add, cmp, mul, rat, ZERO, type Rat } from '../payments/rat.ts';
import type { PaymentEvaluation, ReceivedTicket, Recipient } from '../payments/recipient.ts';
import { SenderReadsBusy } from '../payments/sender-read-budget.ts';
import type { AuthTokens } from './auth-token.ts';
import { compatibleWith } from './capabilities.ts';
import {
  fileExtension,
  ProfileError,
  segmentProfiles,
  segmentSigningBytes,
  type RenditionProfile,
} from './profiles.ts';
import type { RenditionStore } from './rendition-store.ts';
import type { SegmentTranscoder } from './segment-transcoder.ts';
import type { Sessions } from './sessions.ts';
import type { NodeMetrics } from '../metrics.ts';

/** Longest segment go-livepeer accepts (common.MaxDuration). */
export const MAX_DURATION_MS = 5 * 60 * 1000;

/** Where valid winning tickets go (the redemption queue, backed by the store). Awaited before answering. */
export interface WinningTicketSink {
  add(tickets: readonly ReceivedTicket[]): Promise<void>;
}

export interface OrchestratorDeps {
  readonly signer: AccountSigner;
  readonly recipient: Recipient;
  readonly balances: Balances;
  readonly authTokens: AuthTokens;
  readonly sessions: Sessions;
  readonly renditions: RenditionStore;
  readonly transcoder: SegmentTranscoder;
  readonly winners: WinningTicketSink;
  readonly capabilities: Capabilities;
  /** Public base URL, e.g. https://1.2.3.4:8935 (no trailing slash). */
  serviceUri(): string;
  /**
   * Price per pixel in wei for a gateway (ticket sender address): its own price when the operator
   * set one (go-livepeer -pricePerBroadcaster), else the default. No auto-adjust.
   */
  price(sender: string): Rat;
  /** The recipient's ticket EV, the minimum balance before a segment is accepted. */
  readonly ticketEV: bigint;
  readonly now?: () => number;
  readonly metrics?: NodeMetrics;
}

/** An error the gateway sees: gRPC UNKNOWN with this text, or an HTTP status with it as body. */
export class ProtocolError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A segment that passed every check, paid for, and ready to transcode (after the early 200). */
export interface AcceptedSegment {
  readonly seg: SegData;
  readonly sessionId: string;
  readonly sender: string;
  readonly profiles: readonly RenditionProfile[];
  readonly data: Uint8Array;
  readonly info: OrchestratorInfo;
  /** wei per pixel charged for this segment: the session's fixed price. */
  readonly price: Rat;
}

/** The headers of a segment request, checked before its body is read. */
export interface CheckedHeaders {
  readonly seg: SegData;
  readonly payment: Payment;
  readonly sender: string;
  readonly profiles: readonly RenditionProfile[];
  readonly evaluation: PaymentEvaluation;
  readonly info: OrchestratorInfo;
}

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go base64.StdEncoding.DecodeString: padded standard alphabet (line breaks ignored), else null. */
export function decodeStdBase64(s: string): Uint8Array | null {
  const clean = s.replace(/[\r\n]/g, '');
  if (!STD_BASE64.test(clean)) return null;
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

export interface Orchestrator {
  getOrchestrator(req: OrchestratorRequest): Promise<OrchestratorInfo>;
  ping(req: PingPong): Promise<PingPong>;
  endTranscodingSession(req: EndTranscodingSessionRequest): Promise<EndTranscodingSessionResponse>;
  /** Steps 1–4 of ServeSegment: throws ProtocolError 402/403/400/500; changes no state. */
  checkSegmentHeaders(paymentHeader: string | undefined, segmentHeader: string | undefined): Promise<CheckedHeaders>;
  /**
   * Step 5 and the commit: the body hash (403 Forbidden), then nonces, credit and session price.
   * Winning tickets were already kept by checkSegmentHeaders.
   */
  acceptSegment(checked: CheckedHeaders, body: Uint8Array): AcceptedSegment;
  /** Transcode, store, sign, debit: the TranscodeResult bytes sent after the early 200. */
  transcodeSegment(accepted: AcceptedSegment, signal: AbortSignal): Promise<Uint8Array>;
}

/** The read budget for unknown senders is spent: Service Unavailable, the gateway retries. */
const busy = (err: SenderReadsBusy) => new ProtocolError(503, err.message);

export function createOrchestrator(deps: OrchestratorDeps): Orchestrator {
  const now = deps.now ?? Date.now;

  const priceInfoOf = (p: Rat): PriceInfo => create(PriceInfoSchema, { pricePerUnit: p.num, pixelsPerUnit: p.den });

  const orchestratorInfo = async (
    sender: string,
    sessionId: string | null,
    authToken: AuthToken,
  ): Promise<OrchestratorInfo> => {
    const price = (sessionId !== null ? deps.balances.fixedPrice(sender, sessionId) : null) ?? deps.price(sender);
    let ticketParams;
    try {
      ticketParams = await deps.recipient.ticketParams(sender, price);
    } catch (err) {
      // The reason (e.g. insufficient sender reserve) goes to the gateway on discovery and on
      // /segment alike: a bare 500 leaves the operator guessing. 503 when it should simply retry.
      if (err instanceof SenderReadsBusy) throw busy(err);
      const reason = (err as Error).message;
      throw new ProtocolError(500, sessionId === null ? reason : `Could not issue new ticket parameters: ${reason}`);
    }
    return create(OrchestratorInfoSchema, {
      transcoder: deps.serviceUri(),
      ticketParams,
      priceInfo: priceInfoOf(price),
      address: getBytes(deps.signer.address),
      capabilities: deps.capabilities,
      authToken,
    });
  };

  return {
    async getOrchestrator(req) {
      const gateway = bytesToAddressLoose(req.address);
      if (!verifyLpSig(gateway, new TextEncoder().encode(gateway), req.sig)) {
        throw new ProtocolError(403, 'Invalid orchestrator request: orchestrator req sig check failed');
      }
      // A gateway refreshing the ticket parameters of a session it runs here asks to skip the check
      // (go-livepeer's ignoreCapacityCheck); refusing it would fail its live stream. Others still wait.
      const refreshing = req.ignoreCapacityCheck && deps.balances.hasSession(gateway);
      const refusal = refreshing ? null : deps.sessions.checkCapacity(null);
      if (refusal) throw new ProtocolError(403, `Invalid orchestrator request: ${refusal}`);
      return orchestratorInfo(gateway, null, deps.authTokens.issue(now()));
    },

    async ping(req) {
      return create(PingPongSchema, { value: await lpSign(deps.signer, req.value) });
    },

    async endTranscodingSession(req) {
      const token = req.authToken;
      if (!token || !deps.authTokens.authentic(token)) throw new ProtocolError(403, 'Invalid auth token');
      deps.sessions.end(token.sessionId);
      return create(EndTranscodingSessionResponseSchema);
    },

    async checkSegmentHeaders(paymentHeader, segmentHeader) {
      // 1. Payment: base64 + protobuf, else 402.
      const paymentBytes = decodeStdBase64(paymentHeader ?? '');
      if (!paymentBytes) throw new ProtocolError(402, 'base64 decode error');
      let payment: Payment;
      try {
        payment = fromBinary(PaymentSchema, paymentBytes);
      } catch (err) {
        throw new ProtocolError(402, `protobuf unmarshal error: ${(err as Error).message}`);
      }
      const sender = bytesToAddressLoose(payment.sender);

      // 2. Segment credentials, else 403 with the reason.
      const segBytes = decodeStdBase64(segmentHeader ?? '');
      if (!segBytes) throw new ProtocolError(403, 'ErrorSegEncoding');
      let seg: SegData;
      try {
        seg = fromBinary(SegDataSchema, segBytes);
      } catch (err) {
        throw new ProtocolError(403, (err as Error).message);
      }
      let profiles: RenditionProfile[];
      try {
        profiles = segmentProfiles(seg);
      } catch (err) {
        if (err instanceof ProfileError) throw new ProtocolError(403, err.message);
        throw err;
      }
      if (seg.duration < 0 || seg.duration > MAX_DURATION_MS) throw new ProtocolError(403, 'invalid duration');
      const signed = segmentSigningBytes(
        seg.manifestId,
        seg.seq,
        toHash32(seg.hash),
        profiles.map((p) => p.name),
      );
      if (!verifyLpSig(sender, signed, seg.sig)) throw new ProtocolError(403, 'ErrSegSig');
      if (!compatibleWith(seg.capabilities, deps.capabilities))
        throw new ProtocolError(403, 'incompatible capabilities');
      const token = seg.authToken;
      if (!token) throw new ProtocolError(403, 'missing auth token');
      if (!deps.authTokens.authentic(token)) throw new ProtocolError(403, 'invalid auth token');
      if (BigInt(Math.floor(now() / 1000)) > token.expiration) throw new ProtocolError(403, 'expired auth token');
      const refusal = deps.sessions.checkCapacity(token.sessionId);
      if (refusal) throw new ProtocolError(403, refusal);

      // 3. Payment (go-livepeer ProcessPayment, before the answer's parameters as in ServeSegment):
      // 400 on any ticket error or when the balance would stay below one ticket's EV. Its
      // signatures are checked before anything reads the chain.
      const evaluation = await deps.recipient.evaluatePayment(payment).catch((err: unknown) => {
        throw err instanceof SenderReadsBusy ? busy(err) : err;
      });
      // Valid winning tickets are money: kept (and their nonces burnt) whatever happens next.
      if (evaluation.winners.length > 0) {
        await deps.winners.add(evaluation.winners);
        const winning = new Set(evaluation.winners.map((w) => w.ticket.senderNonce));
        deps.recipient.recordNonces(evaluation.acceptedNonces.filter((k) => winning.has(k.nonce)));
      }
      if (evaluation.error !== null) {
        deps.metrics?.paymentError(sender, evaluation.error);
        throw new ProtocolError(400, evaluation.error);
      }
      // go-livepeer checks the balance only when the gateway says the price is non-zero; we also
      // check it whenever our own price for the session is, so leaving out the ticket params
      // (which would fix the session price at zero) does not buy free transcoding.
      const expected = payment.expectedPrice?.pricePerUnit ?? 0n;
      const ours = deps.balances.fixedPrice(sender, token.sessionId) ?? deps.price(sender);
      if (expected > 0n || ours.num > 0n) {
        const balance = add(deps.balances.balance(sender, token.sessionId), evaluation.credit);
        if (cmp(balance, rat(deps.ticketEV)) < 0) throw new ProtocolError(400, 'Insufficient balance');
      }

      // 4. Fresh parameters for the answer, reusing the session's auth token.
      const info = await orchestratorInfo(sender, token.sessionId, token);
      return { seg, payment, sender, profiles, evaluation, info };
    },

    acceptSegment(checked, body) {
      const { seg, sender, evaluation, payment } = checked;
      if (!equalBytes(keccak256Bytes(body), toHash32(seg.hash))) throw new ProtocolError(403, 'Forbidden');
      const sessionId = seg.authToken?.sessionId ?? '';
      // Capacity again: another request may have taken the last slot while this body uploaded.
      const refusal = deps.sessions.checkCapacity(sessionId);
      if (refusal) throw new ProtocolError(403, refusal);
      deps.recipient.recordNonces(evaluation.acceptedNonces);
      deps.balances.fixPrice(sender, sessionId, payment.ticketParams ? evaluation.price : ZERO);
      deps.balances.credit(sender, sessionId, evaluation.credit);
      deps.metrics?.segmentEmerged();
      if (evaluation.ticketCount > 0) {
        const value = Number((evaluation.credit.num * 1000n) / evaluation.credit.den) / 1000;
        deps.metrics?.ticketsReceived(sender, evaluation.ticketCount, value, evaluation.winners.length);
      }
      // Charged at the price the session's tickets were validated at, not at what a later
      // payment claims (a ticketless payment's expected price is checked by nothing).
      const price = deps.balances.fixedPrice(sender, sessionId) ?? ZERO;
      return {
        seg,
        sessionId,
        sender,
        profiles: checked.profiles,
        data: body,
        info: checked.info,
        price,
      };
    },

    async transcodeSegment(a, signal) {
      const result = create(TranscodeResultSchema, { seq: a.seg.seq, info: a.info });
      const started = now();
      try {
        const renditions = await deps.sessions.run(a.sessionId, () =>
          deps.transcoder.transcode(
            {
              sessionId: a.sessionId,
              seq: a.seg.seq,
              data: a.data,
              durationMs: a.seg.duration || 2000,
              profiles: a.profiles,
              seg: a.seg,
            },
            signal,
          ),
        );
        if (renditions.length !== a.profiles.length) throw new Error('MismatchedSegments');
        if (renditions.some((r) => r.data.length < 25)) throw new Error('ZeroSegments');
        const base = deps.serviceUri();
        let pixels = 0n;
        const segments = a.profiles.map((p, i) => {
          const r = renditions[i] as (typeof renditions)[number];
          pixels += r.pixels;
          const path = deps.renditions.put(a.sessionId, p.name, a.seg.seq, fileExtension(p.format), r.data);
          return { url: `${base}/stream/${path}`, pixels: r.pixels };
        });
        const hashes = concatBytes(...renditions.map((r) => keccak256Bytes(r.data)));
        const sig = await lpSign(deps.signer, hashes);
        deps.balances.debit(a.sender, a.sessionId, mul(a.price, rat(pixels)));
        result.result = { case: 'data', value: create(TranscodeDataSchema, { segments, sig }) };
        deps.metrics?.segmentTranscoded((now() - started) / 1000, pixels);
      } catch (err) {
        result.result = { case: 'error', value: (err as Error).message };
        deps.metrics?.segmentTranscodeFailed((err as Error).message);
      }
      return toBinary(TranscodeResultSchema, result);
    },
  };
}
