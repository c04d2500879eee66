// The gateway side of bench/node-overhead.ts, in its own process so that the node is measured from
// outside. One JSON argument, JSON lines out. Modes:
// - "sessions": N funded gateways each discover, pre-build every segment request (segment
//   signature, tickets: the gateway's own cost, not timed), wait for each other, then stream
//   back to back (or at real time with `paceMs`). Per segment: send → full answer, and the
//   rendition fetch, timed; the result signatures are checked after the timing.
// - "flood": a funded gateway keeps `concurrency` requests in flight whose segment credentials
//   are valid but whose tickets are signed by another key, for `seconds`, and counts the answers.
import { readFileSync } from 'node:fs';
import { toBinary } from '@bufbuild/protobuf';
import { getBytes, Wallet } from 'ethers';
import { DEMO_PROFILES } from '../src-main/orchestrator/gateway/demo-broadcaster.ts';
import { createDemoGateway, verifyResultSignature } from '../src-main/orchestrator/gateway/demo-gateway.ts';
import { buildPayment } from '../src-main/orchestrator/gateway/payment-builder.ts';
import { keySigner } from '../src-main/orchestrator/payments/key-signer.ts';
import { PaymentSchema } from '../src-main/orchestrator/proto/generated/lp_rpc_pb.js';

interface Args {
  mode: 'sessions' | 'flood';
  uri: string;
  keys: string[];
  segmentFiles: string[];
  segments: number;
  /** Real-time pacing: segment k leaves k × paceMs after the session started (0 = back to back). */
  paceMs?: number;
  seqBase?: number;
  ticketsPerPayment?: number;
  concurrency?: number;
  seconds?: number;
}
const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const segments = args.segmentFiles.map((f) => new Uint8Array(readFileSync(f)));
const out = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');
const durationMs = 2000;

if (args.mode === 'sessions') {
  const prepared = await Promise.all(
    args.keys.map(async (key, i) => {
      const g = createDemoGateway(keySigner(new Wallet(key)), args.uri);
      const info = await g.getOrchestrator();
      const manifestId = `bench-${process.pid}-${i}`;
      const requests = [];
      for (let s = 0; s < args.segments; s++) {
        const seq = BigInt((args.seqBase ?? 0) + s);
        const data = segments[s % segments.length] as Uint8Array;
        const headers = await g.segmentHeaders({ info, manifestId, seq, data, durationMs, profiles: DEMO_PROFILES });
        requests.push({ seq, data, headers });
      }
      return { g, info, requests, sessionId: info.authToken?.sessionId ?? '' };
    }),
  );
  out({ ready: true });
  const checks: (() => void)[] = [];
  await Promise.all(
    prepared.map(async ({ g, info, requests, sessionId }, session) => {
      const started = performance.now();
      for (const [k, r] of requests.entries()) {
        const due = started + k * (args.paceMs ?? 0);
        if (performance.now() < due) await new Promise((res) => setTimeout(res, due - performance.now()));
        const a = await g.post(r.headers, r.data);
        const result = a.result?.result;
        if (a.status !== 200 || result?.case !== 'data') {
          out({ session, sessionId, seq: Number(r.seq), ok: false, status: a.status, error: a.text ?? result?.value });
          continue;
        }
        const t = performance.now();
        const bodies: Uint8Array[] = [];
        for (const s of result.value.segments) bodies.push((await g.fetchPath(new URL(s.url).pathname)).body);
        const fetchMs = performance.now() - t;
        const row = { session, sessionId, seq: Number(r.seq), ok: true, answerMs: a.totalMs, early200Ms: a.headersMs };
        out({ ...row, fetchMs, sinceStartMs: performance.now() - due });
        checks.push(() => {
          if (!verifyResultSignature(info, bodies, result.value.sig))
            out({ session, seq: Number(r.seq), ok: false, error: 'rendition signature does not verify' });
        });
      }
      await g.endSession(info);
      g.close();
    }),
  );
  for (const c of checks) c();
} else {
  const key = args.keys[0] as string;
  const g = createDemoGateway(keySigner(new Wallet(key)), args.uri);
  const info = await g.getOrchestrator();
  const data = segments[0] as Uint8Array;
  const base = await g.segmentHeaders({
    info,
    manifestId: `flood-${process.pid}`,
    seq: 0n,
    data,
    durationMs,
    profiles: DEMO_PROFILES,
  });
  if (!info.ticketParams || !info.priceInfo) throw new Error('the orchestrator sent no ticket parameters');
  // Tickets signed by a stranger, claimed as the funded gateway's; fresh nonces on every request,
  // so each ticket hash is new to the node and no answer can be remembered.
  const forger = keySigner(new Wallet(Wallet.createRandom().privateKey));
  const perPayment = args.ticketsPerPayment ?? 10;
  const forged = await buildPayment(
    forger,
    info.ticketParams,
    info.priceInfo,
    Array.from({ length: perPayment }, (_, i) => i + 1),
  );
  forged.sender = getBytes(new Wallet(key).address);
  let nonce = 1_000_000;
  const headers = () => {
    for (const sp of forged.ticketSenderParams) sp.senderNonce = nonce++;
    return { ...base, 'livepeer-payment': Buffer.from(toBinary(PaymentSchema, forged)).toString('base64') };
  };
  out({ ready: true });
  const statuses = new Map<string, number>();
  const until = performance.now() + (args.seconds ?? 10) * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: args.concurrency ?? 32 }, async () => {
      while (performance.now() < until) {
        sent++;
        const a = await g.post(headers(), data.subarray(0, 1024)).catch((e: Error) => ({ status: 0, text: e.message }));
        const k = `${a.status} ${a.text ?? ''}`;
        statuses.set(k, (statuses.get(k) ?? 0) + 1);
      }
    }),
  );
  out({ done: true, sent, statuses: Object.fromEntries(statuses) });
  g.close();
}
