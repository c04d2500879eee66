// One orchestrator and two transcoders of our own on 127.0.0.1, each transcoder a separate
// process (`cli.ts transcoder`, its own engine: system ffmpeg with libx264); the test gateway
// streams paid segments through the orchestrator; the transcoder holding the session is killed
// (SIGKILL) mid-stream and the stream goes on on the other one with no segment lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { VideoProfileSchema, type OrchestratorInfo } from '../node/proto/generated/lp_rpc_pb.js';
import { createRemoteTranscoders, type RemoteTranscoders } from '../node/remote/remote-transcoders.ts';
import { createFfmpegTranscoder, makeTestClip } from '../node/testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../node/testing/node-fixture.ts';

const CLI = resolve(import.meta.dirname, '..', 'cli.ts');
const NODE = process.execPath;
const SECRET = 'failover-secret';
const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];

let fx: NodeFixture;
let remote: RemoteTranscoders;
let clip: Uint8Array;
const children: ChildProcess[] = [];
let killOnDispatch = false;
const tmp = mkdtempSync(join(tmpdir(), 'lp-failover-'));

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function startTranscoder(port: number): ChildProcess {
  const child = spawn(
    NODE,
    [
      CLI,
      'transcoder',
      '--orch-addr',
      `127.0.0.1:${port}`,
      '--orch-secret',
      SECRET,
      '--max-sessions',
      '2',
      '--ffmpeg',
      '/usr/bin/ffmpeg',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.resume();
  children.push(child);
  return child;
}

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  remote = createRemoteTranscoders({
    secret: () => SECRET,
    log: createLogSink().root,
    onDispatch: (id) => {
      if (killOnDispatch) {
        killOnDispatch = false;
        // Transcoders registered in spawn order: ids 1, 2 ↔ children 0, 1.
        children[id - 1]!.kill('SIGKILL');
      }
    },
  });
  fx = await startNodeFixture(createFfmpegTranscoder(), { remote });
}, 30_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('remote transcoders: failover', () => {
  it('the transcoder command exits with code 2 and the reason when the secret is wrong', async () => {
    const child = spawn(
      NODE,
      [CLI, 'transcoder', '--orch-addr', `127.0.0.1:${fx.node.port}`, '--orch-secret', 'wrong', '--max-sessions', '1'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('transcoder stopped: Orchestrator refused: invalid secret');
  }, 20_000);

  it('advertises no capacity until a transcoder registers, then Σ capacities', async () => {
    expect(remote.capacity()).toBe(0);
    await expect(fx.gateway.getOrchestrator()).rejects.toThrow(/OrchestratorCapped/);
    startTranscoder(fx.node.port);
    await until(() => remote.list().length === 1, 20_000, 'first transcoder');
    startTranscoder(fx.node.port);
    await until(() => remote.list().length === 2, 20_000, 'second transcoder');
    expect(remote.capacity()).toBe(4);
  }, 45_000);

  it('keeps a stream going on the other transcoder when the one holding it is killed', async () => {
    const segments = 6;
    const killAt = 2n;
    let current: OrchestratorInfo = await fx.gateway.getOrchestrator();
    const sessionId = current.authToken!.sessionId;
    const used: number[] = [];
    const timings: number[] = [];
    let failoverMs = 0;
    for (let seq = 0n; seq < BigInt(segments); seq++) {
      // Killed as it is handed this segment: the orchestrator retries it on the other one.
      if (seq === killAt) killOnDispatch = true;
      const started = Date.now();
      const answer = await fx.gateway.submitSegment({
        tickets: 3,
        info: current,
        manifestId: 'failover',
        seq,
        data: clip,
        durationMs: 1000,
        profiles,
      });
      timings.push(Date.now() - started);
      if (seq === killAt) failoverMs = Date.now() - started;
      expect(answer.status, answer.text).toBe(200);
      const result = answer.result!;
      expect(result.result.case, String(result.result.value)).toBe('data');
      if (result.result.case === 'data') {
        expect(result.result.value.segments).toHaveLength(1);
        expect(result.result.value.segments[0]!.pixels).toBe(256n * 144n * 30n);
      }
      expect(result.info?.authToken?.sessionId).toBe(sessionId);
      current = result.info!;
      used.push(
        ...remote
          .list()
          .filter((t) => t.load > 0)
          .map((t) => t.id),
      );
    }
    expect(remote.list()).toHaveLength(1);
    expect(remote.retried()).toBe(1);
    expect(new Set(used.slice(0, 2)).size).toBe(1);
    expect(used.slice(3).every((id) => id !== used[0])).toBe(true);
    process.stderr.write(`failover: segment ms ${timings.join(', ')}; segment at kill took ${failoverMs} ms\n`);
  }, 90_000);
});
