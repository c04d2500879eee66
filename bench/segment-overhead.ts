// Latency the orchestrator adds on top of the transcode, at 1, 4 and 8 concurrent sessions: each
// session streams segments back to back through the real listener (TLS, HTTP/2, header and ticket
// checks, hashing, result signing), and the time the engine spent on the segment is subtracted
// from the gateway-observed total. Also reports receive-to-early-200.
//   node bench/segment-overhead.ts [--segments N] [--sessions 1,4,8] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { VideoProfileSchema, type OrchestratorInfo } from '../src-main/orchestrator/proto/generated/lp_rpc_pb.js';
import type { SegmentTranscoder } from '../src-main/orchestrator/server/segment-transcoder.ts';
import { createFfmpegTranscoder, makeTestClip } from '../src-main/orchestrator/testing/ffmpeg-transcoder.ts';
import { startNodeFixture } from '../src-main/orchestrator/testing/node-fixture.ts';

const argv = process.argv;
const opt = (name: string, dflt: string) =>
  argv.includes(`--${name}`) ? (argv[argv.indexOf(`--${name}`) + 1] ?? dflt) : dflt;
const segments = Number(opt('segments', '5'));
const levels = opt('sessions', '1,4,8').split(',').map(Number);
const json = argv.includes('--json');

const tmp = mkdtempSync(join(tmpdir(), 'lp-bench-'));
const clip = await makeTestClip(join(tmp, 'clip.ts'), 1, '320x180');
const profiles = [
  create(VideoProfileSchema, { name: 'P144p30fps16x9', width: 256, height: 144, bitrate: 400_000, fps: 30 }),
];

// The engine's own time per (session, seq), measured around the real ffmpeg transcode.
const engine = createFfmpegTranscoder();
const engineMs = new Map<string, number>();
const timed: SegmentTranscoder = {
  async transcode(seg, signal) {
    const t = performance.now();
    try {
      return await engine.transcode(seg, signal);
    } finally {
      engineMs.set(`${seg.sessionId}/${seg.seq}`, performance.now() - t);
    }
  },
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN).toFixed(1));
};

const fx = await startNodeFixture(timed, { maxSessions: 16 });
const results = [];
try {
  for (const n of levels) {
    const overhead: number[] = [];
    const toEarly200: number[] = [];
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: n }, async () => {
        const g = fx.newGateway();
        let info: OrchestratorInfo = await g.getOrchestrator();
        const sessionId = info.authToken?.sessionId ?? '';
        for (let seq = 0n; seq < BigInt(segments); seq++) {
          const a = await g.submitSegment({
            info,
            manifestId: `bench-${sessionId}`,
            seq,
            data: clip,
            durationMs: 1000,
            profiles,
          });
          if (a.status !== 200 || a.result?.result.case !== 'data') {
            failures++;
            continue;
          }
          info = a.result.info ?? info;
          overhead.push(a.totalMs - (engineMs.get(`${sessionId}/${seq}`) ?? NaN));
          toEarly200.push(a.headersMs);
        }
        await g.endSession(info);
        g.close();
      }),
    );
    results.push({
      sessions: n,
      segments: overhead.length,
      failures,
      wallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      overheadMs: { p50: pct(overhead, 50), p99: pct(overhead, 99) },
      receiveToEarly200Ms: { p50: pct(toEarly200, 50), p99: pct(toEarly200, 99) },
    });
  }
} finally {
  await fx.close();
  rmSync(tmp, { recursive: true, force: true });
}
const out = {
  clip: '1 s 320x180 → P144p30fps16x9, libx264 ultrafast',
  segmentsPerSession: segments,
  results,
  rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
};
if (json) process.stdout.write(JSON.stringify(out) + '\n');
else console.log(JSON.stringify(out, null, 2));
