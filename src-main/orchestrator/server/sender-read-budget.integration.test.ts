// The unknown-sender read budget on the wire: past it, discovery fails with the reason and /segment
// answers 503 with it (a gateway retries both); the chain is not asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VideoProfileSchema } from '../proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';
import { metricsRoute } from '../runtime/metrics-route.ts';

const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];
const tmp = mkdtempSync(join(tmpdir(), 'lp-budget-'));
const spent = { senderReads: { burst: 0, perMinute: 0 } };
let clip: Uint8Array;
const fixtures: NodeFixture[] = [];

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
}, 30_000);
afterAll(async () => {
  for (const fx of fixtures) await fx.close();
  rmSync(tmp, { recursive: true, force: true });
});

it('refuses discovery of a stranger with the reason once the budget is spent', async () => {
  const fx = await startNodeFixture(createFfmpegTranscoder(), spent);
  fixtures.push(fx);
  await expect(fx.newGateway().getOrchestrator()).rejects.toThrow(/orchestrator busy: too many new ticket senders/);
  expect(fx.node.senderReads()).toEqual({ admitted: 0, refused: 1, known: 0 });
}, 30_000);

it("answers a stranger's paid segment 503 with the reason, without reading its funds", async () => {
  // Free transcoding: discovery reads nothing, so the payment is the stranger's first read.
  const fx = await startNodeFixture(createFfmpegTranscoder(), { ...spent, pricePerUnit: 0n });
  fixtures.push(fx);
  const info = await fx.gateway.getOrchestrator();
  const answer = await fx.gateway.submitSegment({
    info,
    manifestId: 'budget',
    seq: 0n,
    data: clip,
    durationMs: 1000,
    profiles,
    tickets: 1,
  });
  expect(answer.status).toBe(503);
  expect(answer.text).toMatch(/orchestrator busy: too many new ticket senders, try again in \d+ s/);
  expect(fx.node.senderReads().refused).toBe(1);
}, 30_000);

/** GET /metrics as Prometheus scrapes it, through the admin port's route. */
async function scrape(fx: NodeFixture): Promise<string> {
  const route = metricsRoute({ metricsText: () => fx.node.metrics.render() });
  const server = createServer((req, res) => void (route(req, res) || res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
    expect(res.status).toBe(200);
    return await res.text();
  } finally {
    await new Promise((r) => server.close(r));
  }
}

it('shows the budget on /metrics: reads admitted, refused and known, and what is left, with bounded labels', async () => {
  const fx = await startNodeFixture(createFfmpegTranscoder(), { senderReads: { burst: 2, perMinute: 0 } });
  fixtures.push(fx);
  await fx.gateway.getOrchestrator(); // a stranger: one read from the budget (then funded, so known)
  await fx.gateway.getOrchestrator(); // known now
  for (let i = 0; i < 3; i++)
    await fx
      .newGateway()
      .getOrchestrator()
      .catch(() => undefined); // 1 admitted, 2 refused
  const text = await scrape(fx);
  const series = (name: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .map((l) => l.replace(/node_id="[^"]*",/, ''));
  expect(series('livepeer_miner_sender_reads_total')).toEqual([
    'livepeer_miner_sender_reads_total{node_type="orch",result="admitted"} 2',
    'livepeer_miner_sender_reads_total{node_type="orch",result="refused"} 2',
    `livepeer_miner_sender_reads_total{node_type="orch",result="known"} ${fx.node.senderReads().known}`,
  ]);
  expect(fx.node.senderReads().known).toBeGreaterThan(0);
  expect(series('livepeer_miner_sender_reads_available')).toEqual([
    'livepeer_miner_sender_reads_available{node_type="orch"} 0',
  ]);
  expect(text).toMatch(/# TYPE livepeer_miner_sender_reads_total counter/);
  expect(text).not.toMatch(new RegExp(fx.gateway.address.slice(2), 'i')); // no sender in these labels
}, 30_000);
