// The demo broadcaster: a gateway that streams a generated test video to an orchestrator with real
// tickets. It funds its TicketBroker deposit and reserve (devnet: from a faucet-funded dev account),
// discovers the orchestrator, sends 2 s MPEG-TS segments, and checks every answer as go-livepeer's
// gateway does: the result signature by the orchestrator's address over the renditions' hashes,
// one rendition per profile, and each rendition's pixel count against a re-decode (FFmpeg, decoded-pixels.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { create } from '@bufbuild/protobuf';
import { Contract, getBytes, type Wallet } from 'ethers';
import { PROTOCOL_ABIS } from '../../chain/abi.ts';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import { VideoProfileSchema, type OrchestratorInfo, type VideoProfile } from '../proto/generated/lp_rpc_pb.js';
import { countPixels } from './decoded-pixels.ts';
import { createDemoGateway, verifyResultSignature, type DemoGateway } from './demo-gateway.ts';

const run = promisify(execFile);
const FFMPEG = process.env['FFMPEG_BIN'] ?? 'ffmpeg';

/** A light ladder for small test video. */
export const DEMO_PROFILES: VideoProfile[] = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 200_000, fps: 30, fpsDen: 1 }),
];

/** `count` segments of `seconds` each of a moving test pattern (320x180, 30 fps, H.264 MPEG-TS). */
export async function generateSegments(count: number, seconds = 2, size = '320x180'): Promise<Uint8Array[]> {
  const dir = await mkdtemp(join(tmpdir(), 'lp-demo-'));
  try {
    await run(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${size}:rate=30:duration=${count * seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      String(30 * seconds),
      '-keyint_min',
      String(30 * seconds),
      '-sc_threshold',
      '0',
      '-f',
      'segment',
      '-segment_time',
      String(seconds),
      '-segment_format',
      'mpegts',
      join(dir, 'seg%03d.ts'),
    ]);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++)
      out.push(new Uint8Array(await readFile(join(dir, `seg${String(i).padStart(3, '0')}.ts`))));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Decoded frames × width × height of an MPEG-TS rendition (the gateway's pixel check). */
export async function decodedPixels(data: Uint8Array): Promise<bigint> {
  const dir = await mkdtemp(join(tmpdir(), 'lp-px-'));
  try {
    const file = join(dir, 'r.ts');
    await writeFile(file, data);
    return await countPixels(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Deposit and reserve for a devnet sender, sent with its own key. */
export async function fundTicketBroker(
  wallet: Wallet,
  ticketBroker: string,
  deposit: bigint,
  reserve: bigint,
): Promise<void> {
  const broker = new Contract(ticketBroker, PROTOCOL_ABIS.TicketBroker, wallet);
  const tx = (await broker.getFunction('fundDepositAndReserve')(deposit, reserve, { value: deposit + reserve })) as {
    wait(): Promise<unknown>;
  };
  await tx.wait();
}

export interface SegmentReport {
  seq: number;
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface BroadcastSummary {
  orchestrator: string;
  segments: number;
  ok: number;
  failed: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  errors: string[];
}

export interface DemoBroadcaster {
  readonly gateway: DemoGateway;
  discover(): Promise<OrchestratorInfo>;
  /** Sends one segment on the current session and verifies the answer. */
  send(seq: number, data: Uint8Array, verifyPixels?: boolean): Promise<SegmentReport>;
  endSession(): Promise<void>;
  close(): void;
}

export function createDemoBroadcaster(
  signer: AccountSigner,
  orchestratorUrl: string,
  profiles: VideoProfile[] = DEMO_PROFILES,
  manifestId = `demo-${Date.now().toString(36)}`,
  /** Our own node on this computer: renditions it advertises at its public URI are fetched here. */
  localNode = false,
): DemoBroadcaster {
  const gateway = createDemoGateway(signer, orchestratorUrl);
  let info: OrchestratorInfo | null = null;
  // Every session this broadcaster opened (a failure rediscovers, which opens a new one): all end at the end.
  const opened = new Map<string, OrchestratorInfo>();

  /** One segment on the session `current`, with every check a go-livepeer gateway runs on the answer. */
  async function sendOnce(current: OrchestratorInfo, seq: number, data: Uint8Array, verifyPixels: boolean) {
    opened.set(current.authToken?.sessionId ?? '', current);
    const answer = await gateway.submitSegment({
      info: current,
      manifestId,
      seq: BigInt(seq),
      data,
      durationMs: 2000,
      profiles,
    });
    if (answer.status !== 200 || !answer.result)
      throw new Error(`HTTP ${answer.status}: ${answer.text ?? 'no result'}`);
    const r = answer.result.result;
    if (r.case !== 'data') throw new Error(`transcode error: ${r.case === 'error' ? r.value : 'empty'}`);
    const segs = r.value.segments;
    if (segs.length !== profiles.length) throw new Error(`${segs.length} renditions for ${profiles.length} profiles`);
    // Renditions are fetched from their URLs in go-livepeer; ours travel inline or by URL.
    const bodies: Uint8Array[] = [];
    for (const s of segs) bodies.push(await fetchRendition(gateway, orchestratorUrl, s.url, localNode));
    if (!verifyResultSignature(current, bodies, r.value.sig)) throw new Error('rendition signature does not verify');
    if (verifyPixels) {
      for (let i = 0; i < segs.length; i++) {
        const px = await decodedPixels(bodies[i] ?? new Uint8Array());
        if (px !== segs[i]?.pixels) throw new Error(`pixel count ${segs[i]?.pixels} but decoded ${px}`);
      }
    }
    if (answer.result.info) {
      info = answer.result.info; // refreshed ticket params and auth token
      opened.set(info.authToken?.sessionId ?? '', info);
    }
  }

  return {
    gateway,
    async discover() {
      info = await gateway.getOrchestrator();
      return info;
    },
    async send(seq, data, verifyPixels = true) {
      const start = performance.now();
      try {
        info ??= await gateway.getOrchestrator();
        try {
          await sendOnce(info, seq, data, verifyPixels);
        } catch (err) {
          if (!/TicketParams expired/i.test((err as Error).message)) throw err;
          // Many blocks at once (a skipped round) expired the ticket parameters. As go-livepeer's
          // gateway does: fresh ones for the same session (ignoreCapacityCheck, since our own session
          // holds a slot there), then the same segment again, so the stream loses nothing.
          const stale = info;
          const fresh = await gateway.getOrchestrator({ ignoreCapacityCheck: true });
          info = { ...fresh, authToken: stale.authToken } as OrchestratorInfo;
          await sendOnce(info, seq, data, verifyPixels);
        }
        return { seq, ok: true, latencyMs: performance.now() - start };
      } catch (err) {
        // A session the orchestrator no longer knows: the next segment discovers a new one.
        if (/auth token/i.test((err as Error).message)) info = null;
        return { seq, ok: false, latencyMs: performance.now() - start, error: (err as Error).message };
      }
    },
    async endSession() {
      for (const i of opened.values()) await gateway.endSession(i).catch(() => undefined);
      opened.clear();
    },
    close: () => gateway.close(),
  };
}

async function fetchRendition(g: DemoGateway, base: string, url: string, anyHost: boolean): Promise<Uint8Array> {
  const target = new URL(url, base);
  if (!anyHost && target.origin !== new URL(base).origin)
    throw new Error(`rendition on another host: ${target.origin}`);
  const { status, body } = await g.fetchPath(target.pathname + target.search);
  if (status !== 200) throw new Error(`rendition ${target.pathname}: HTTP ${status}`);
  return body;
}

export function summarize(orchestrator: string, reports: readonly SegmentReport[]): BroadcastSummary {
  const lat = reports
    .filter((r) => r.ok)
    .map((r) => r.latencyMs)
    .sort((a, b) => a - b);
  const pick = (p: number) =>
    lat.length ? (lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)] ?? null) : null;
  return {
    orchestrator,
    segments: reports.length,
    ok: lat.length,
    failed: reports.length - lat.length,
    latencyP50Ms: pick(50),
    latencyP95Ms: pick(95),
    errors: [...new Set(reports.filter((r) => !r.ok).map((r) => r.error ?? ''))].slice(0, 10),
  };
}

export const hexToBytes = getBytes;
