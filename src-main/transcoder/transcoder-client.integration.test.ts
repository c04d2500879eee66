// Transcoder mode against our orchestrator on 127.0.0.1 (in-process, real engine: system ffmpeg
// with libx264): refusals stop the retries with the message, a restarted orchestrator is
// reconnected to with backoff, toggling off deregisters and on registers again, and a session
// teardown reaches the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { createTranscoder } from '../media/transcoder.ts';
import { createRemoteTranscoders, type RemoteTranscoders } from '../orchestrator/remote/remote-transcoders.ts';
import { orchestratorCapabilities } from '../orchestrator/server/capabilities.ts';
import { createFfmpegTranscoder, makeTestClip } from '../orchestrator/testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../orchestrator/testing/node-fixture.ts';
import { fixedTranscoderAdapter } from './media-adapter.ts';
import {
  inputUrl,
  startTranscoderClient,
  TranscoderState,
  type TranscoderClient,
  type TranscoderEngine,
} from './transcoder-client.ts';
import { P144 } from '../orchestrator/testing/rendition-profiles.ts';

const SECRET = 'client-secret';
const FAST = { initialMs: 100, maxMs: 400, multiplier: 2 };
const tmp = mkdtempSync(join(tmpdir(), 'lp-tclient-'));
const dataDir = join(tmp, 'orch');
let fx: NodeFixture;
let remote: RemoteTranscoders;
let clip: Uint8Array;
const ended: string[] = [];
const engine: TranscoderEngine = (() => {
  const real = fixedTranscoderAdapter(createTranscoder({ ffmpegPath: '/usr/bin/ffmpeg', encoder: 'libx264' }));
  return { transcode: real.transcode, endSession: (id) => void ended.push(id) };
})();
const clients: TranscoderClient[] = [];

async function startOrch(port = 0): Promise<void> {
  remote = createRemoteTranscoders({ secret: () => SECRET, log: createLogSink().root });
  fx = await startNodeFixture(createFfmpegTranscoder(), { remote, dataDir, port });
}

function client(secret: string, maxSessions: number): TranscoderClient {
  const c = startTranscoderClient({
    orchAddr: `127.0.0.1:${fx.node.port}`,
    secret,
    maxSessions,
    engine,
    capabilities: orchestratorCapabilities('0.9.1'),
    log: createLogSink().root,
    backoff: FAST,
  });
  clients.push(c);
  return c;
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  await startOrch();
}, 30_000);
afterAll(async () => {
  for (const c of clients) await c.close();
  await fx?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('transcoder mode', () => {
  it('reaches an orchestrator that advertises a wildcard address at the address it connected to', () => {
    const path = '/stream/s%2F1/3.tempfile';
    expect(inputUrl(`https://0.0.0.0:8935${path}`, '192.168.1.10:8935')).toBe(`https://192.168.1.10:8935${path}`);
    expect(inputUrl(`https://[::]:9000${path}`, '[fd00::2]:8935')).toBe(`https://[fd00::2]:9000${path}`);
    expect(inputUrl(`https://orch.example:8935${path}`, '192.168.1.10:8935')).toBe(`https://orch.example:8935${path}`);
  });

  it('stops retrying on "invalid secret" with the message', async () => {
    const c = client('wrong', 2);
    await c.setEnabled(true);
    await until(() => c.status().state === TranscoderState.Stopped);
    await new Promise((r) => setTimeout(r, 600)); // longer than the backoff: no second attempt
    expect(c.status()).toMatchObject({ message: 'Orchestrator refused: invalid secret', connections: 1 });
  });

  it('stops retrying on "zero capacity" with the message', async () => {
    const c = client(SECRET, 0);
    await c.setEnabled(true);
    await until(() => c.status().state === TranscoderState.Stopped);
    await new Promise((r) => setTimeout(r, 600));
    expect(c.status()).toMatchObject({ message: 'Orchestrator refused: zero capacity', connections: 1 });
  });

  it('transcodes a segment, handles teardown, deregisters when off and registers again when on', async () => {
    const c = client(SECRET, 3);
    await c.setEnabled(true);
    await until(() => remote.list().length === 1 && c.status().state === TranscoderState.Connected);
    expect(remote.capacity()).toBe(3);
    const out = await remote.transcoder.transcode(
      { sessionId: 'tsess', seq: 0n, data: clip, durationMs: 1000, profiles: [P144] },
      new AbortController().signal,
    );
    expect(out[0]!.pixels).toBe(256n * 144n * 30n);
    expect(c.status()).toMatchObject({ jobsDone: 1, jobsFailed: 0, sessions: 1 });
    remote.transcoder.endSession!('tsess');
    await until(() => ended.includes('tsess'));
    expect(c.status().sessions).toBe(0);

    await c.setEnabled(false);
    expect(c.status().state).toBe(TranscoderState.Off);
    await until(() => remote.list().length === 0);
    await c.setEnabled(true);
    await until(() => remote.list().length === 1);
    await c.setEnabled(false);
    await until(() => remote.list().length === 0);
  }, 30_000);

  it('reconnects with backoff after the orchestrator restarts', async () => {
    const c = client(SECRET, 2);
    await c.setEnabled(true);
    await until(() => remote.list().length === 1);
    const port = fx.node.port;
    await fx.close();
    await until(() => c.status().state === TranscoderState.Backoff);
    expect(c.status().retryAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 700)); // a few failed attempts while it is down
    const attemptsWhileDown = c.status().connections;
    expect(attemptsWhileDown).toBeGreaterThanOrEqual(3);
    const restartedAt = Date.now();
    await startOrch(port);
    await until(() => remote.list().length === 1);
    process.stderr.write(`reconnect: registered ${Date.now() - restartedAt} ms after the restart\n`);
    const out = await remote.transcoder.transcode(
      { sessionId: 'after-restart', seq: 0n, data: clip, durationMs: 1000, profiles: [P144] },
      new AbortController().signal,
    );
    expect(out).toHaveLength(1);
    await c.setEnabled(false);
  }, 30_000);
});
