// Segments uploaded elsewhere: Content-Type application/vnd+livepeer.uri, the body is a URL the
// node fetches (within 8 s) before checking the hash, as go-livepeer does.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoProfileSchema } from '../proto/generated/lp_rpc_pb.js';
import { createFfmpegTranscoder, makeTestClip } from '../testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../testing/node-fixture.ts';

const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];
const tmp = mkdtempSync(join(tmpdir(), 'lp-uri-'));
let fx: NodeFixture;
let clip: Uint8Array;
let store: Server;
let storeUrl: string;

beforeAll(async () => {
  clip = await makeTestClip(join(tmp, 'clip.ts'), 1);
  store = createServer((req, res) => {
    if (req.url === '/seg.ts') res.end(clip);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => store.listen(0, '127.0.0.1', r));
  const a = store.address();
  storeUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  fx = await startNodeFixture(createFfmpegTranscoder());
}, 30_000);
afterAll(async () => {
  await fx?.close();
  await new Promise((r) => store?.close(r));
  rmSync(tmp, { recursive: true, force: true });
});

describe('segment by URL', () => {
  it('fetches the named segment, checks its hash and transcodes it; a bad URL is a 400', async () => {
    const info = await fx.gateway.getOrchestrator();
    const base = { info, manifestId: 'uri', seq: 0n, data: clip, durationMs: 1000, profiles };
    const uriHeaders = { 'content-type': 'application/vnd+livepeer.uri' };
    const missing = await fx.gateway.post(
      { ...(await fx.gateway.segmentHeaders(base)), ...uriHeaders },
      new TextEncoder().encode(`${storeUrl}/nothing.ts`),
    );
    expect([missing.status, missing.text]).toEqual([400, 'BadRequest']);
    const headers = { ...(await fx.gateway.segmentHeaders({ ...base, seq: 1n })), ...uriHeaders };
    const ok = await fx.gateway.post(headers, new TextEncoder().encode(`${storeUrl}/seg.ts`));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.result?.result.case).toBe('data');
  });
});
