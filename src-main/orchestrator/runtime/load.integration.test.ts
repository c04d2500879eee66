// Load: several gateways stream at real-time pace (one 2 s segment every 2 s each) for
// LP_LOAD_SECONDS (default 180: the issue asks for a few minutes) against one orchestrator on the devnet, with tickets; not one segment
// may be lost. LP_LOAD_SESSIONS sets the sessions (default 3).
import { rmSync } from 'node:fs';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { createDemoBroadcaster, fundTicketBroker, generateSegments, summarize } from '../gateway/demo-broadcaster.ts';
import { keySigner } from '../payments/key-signer.ts';
import { startDevnetNode } from '../testing/devnet-node.ts';
import type { StandaloneNode } from './standalone-node.ts';

const SECONDS = Number(process.env['LP_LOAD_SECONDS'] ?? 180);
const SESSIONS = Number(process.env['LP_LOAD_SESSIONS'] ?? 3);
let t: TestDevnet;
let node: StandaloneNode;
let dataDir: string;

beforeAll(async () => {
  t = await startTestDevnet();
  ({ node, dataDir } = await startDevnetNode(t, { maxSessions: SESSIONS }));
}, 60_000);

afterAll(async () => {
  await node?.close();
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it(
  `${SESSIONS} concurrent sessions for ${SECONDS} s lose no segment`,
  async () => {
    const uri = node.runtime.node()!.serviceUri;
    const segments = await generateSegments(4);
    const perSession = Math.max(1, Math.floor(SECONDS / 2));
    const run = async (i: number) => {
      const w = new Wallet(t.devnet.accounts[3 + i]!.privateKey, t.devnet.provider);
      await fundTicketBroker(w, t.devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);
      const b = createDemoBroadcaster(keySigner(w), uri, undefined, `load-${i}`);
      const reports = [];
      const start = performance.now();
      for (let s = 0; s < perSession; s++) {
        const wait = start + s * 2000 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        reports.push(await b.send(s, segments[s % segments.length]!, false));
      }
      await b.endSession();
      b.close();
      return reports;
    };
    const all = (await Promise.all(Array.from({ length: SESSIONS }, (_, i) => run(i)))).flat();
    const summary = summarize(uri, all);
    process.stderr.write(`load: ${JSON.stringify(summary)}\n`);
    expect(summary.errors).toEqual([]);
    expect(summary.ok).toBe(SESSIONS * perSession);
    // No segment near a gateway's give-up point (go-livepeer allows a few segment durations); the
    // machine running CI is shared, so real-time pace is measured by the bench, not asserted here.
    expect(Math.max(...all.map((r) => r.latencyMs))).toBeLessThan(8000);
    expect(node.runtime.stats().segmentsTotal).toBe(SESSIONS * perSession);
  },
  (SECONDS + 60) * 1000,
);
