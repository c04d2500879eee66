// Two hosts of our own in one process, through the contract: one orchestrator that accepts remote
// transcoders (its service port from the node assembly with the host's remote manager) and one in
// transcoder mode with its real media engine; the test gateway streams a paid segment through them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscodersStatus } from '../../src-shared/contract/index.ts';
import { createHost, type Host } from '../app/host.ts';
import type { Caller } from '../core/service.ts';
import { VideoProfileSchema } from '../orchestrator/proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, makeTestClip } from '../orchestrator/testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../orchestrator/testing/node-fixture.ts';

const caller: Caller = { transport: 'internal', authenticated: true };
const FAKE = join(import.meta.dirname, '..', 'gpu', 'fixtures', 'fake-nvidia-smi');
const dir = mkdtempSync(join(tmpdir(), 'lpm-transcoders-host-'));
let orch: Host;
let worker: Host;
let fx: NodeFixture;
const workerEvents: TranscodersStatus[] = [];

async function call(host: Host, method: string, input: unknown = {}): Promise<unknown> {
  const res = await host.router.call(caller, { service: 'transcoders', method, input });
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.result;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  process.env['FAKE_NVSMI_FIXTURE'] = 'two-gpus';
  orch = createHost({ dataDir: join(dir, 'orch'), mode: 'headless', nvidiaSmiPath: FAKE, telemetry: false });
  worker = createHost({ dataDir: join(dir, 'worker'), mode: 'headless', nvidiaSmiPath: FAKE, telemetry: false });
  await worker.telemetry.sampleOnce();
  worker.events.subscribe((m) => m.event === 'transcoders.status' && workerEvents.push(m.payload as TranscodersStatus));
  fx = await startNodeFixture(createFfmpegTranscoder(), { remote: orch.transcoders.remote });
}, 30_000);
afterAll(async () => {
  await worker?.close();
  await fx?.close();
  await orch?.close();
  delete process.env['FAKE_NVSMI_FIXTURE'];
  rmSync(dir, { recursive: true, force: true });
});

describe('transcoders service', () => {
  it('connects a transcoder-mode host to an orchestrator host and streams a segment through it', async () => {
    const enabled = (await call(orch, 'setOrchestratorSecret', { secret: 'host-secret' })) as TranscodersStatus;
    expect(enabled.orchestrator.enabled).toBe(true);
    const orchAddr = `127.0.0.1:${fx.node.port}`;

    const refused = (await call(worker, 'testConnection', { orchAddr, secret: 'wrong', maxSessions: 2 })) as {
      ok: boolean;
      message: string;
    };
    expect(refused).toMatchObject({ ok: false, message: 'Refused or unreachable: invalid secret' });
    const accepted = (await call(worker, 'testConnection', { orchAddr, secret: 'host-secret', maxSessions: 2 })) as {
      ok: boolean;
    };
    expect(accepted.ok).toBe(true);

    worker.settings.update({ role: 'transcoder' });
    worker.transcoding.setEnabled(true);
    const configured = (await call(worker, 'configure', {
      orchAddr,
      secret: 'host-secret',
      maxSessions: 2,
    })) as TranscodersStatus;
    expect(configured.mode).toMatchObject({ orchAddr, secretSet: true, maxSessions: 2 });
    expect(JSON.stringify(configured)).not.toContain('host-secret');
    expect(configured.mode.gpus.map((g) => g.index)).toEqual([0, 1]);
    await until(async () => ((await call(worker, 'status')) as TranscodersStatus).mode.state === 'connected');
    await until(async () => ((await call(orch, 'status')) as TranscodersStatus).orchestrator.transcoders.length === 1);
    expect(((await call(orch, 'status')) as TranscodersStatus).orchestrator.capacity).toBe(2);

    const clip = await makeTestClip(join(dir, 'clip.ts'), 1);
    const info = await fx.gateway.getOrchestrator();
    const answer = await fx.gateway.submitSegment({
      tickets: 3,
      info,
      manifestId: 'host-stream',
      seq: 0n,
      data: clip,
      durationMs: 1000,
      profiles: [
        create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
      ],
    });
    expect(answer.status, answer.text).toBe(200);
    const result = answer.result?.result;
    expect(result?.case, result?.case === 'error' ? result.value : '').toBe('data');
    const mode = ((await call(worker, 'status')) as TranscodersStatus).mode;
    expect(mode).toMatchObject({ state: 'connected', jobsDone: 1, jobsFailed: 0 });
    // Pushed to the UI as it happened (payloads pass the contract's schema).
    expect(workerEvents.map((e) => e.mode.state)).toContain('connected');
    expect(workerEvents.at(-1)?.mode.jobsDone).toBe(1);
    // The node status (dashboard pill, tray) is the connection in this role.
    await until(async () => worker.nodeStatus.get().state === 'running');
    expect(worker.nodeStatus.get().message).toMatch(/^Transcoding for 127\.0\.0\.1:\d+$/);

    // The switch off: deregisters.
    worker.transcoding.setEnabled(false);
    await until(async () => ((await call(orch, 'status')) as TranscodersStatus).orchestrator.transcoders.length === 0);
    expect(((await call(worker, 'status')) as TranscodersStatus).mode.state).toBe('off');
    await until(async () => worker.nodeStatus.get().state === 'stopped');
  }, 60_000);
});
