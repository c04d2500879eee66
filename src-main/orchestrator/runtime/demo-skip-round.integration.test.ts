// The dashboard's demo traffic across "Skip to the next round" on the devnet: a round's worth of
// blocks mined at once expires the gateway's ticket parameters. Like a go-livepeer gateway, the demo
// gateway refreshes them (GetOrchestrator with ignoreCapacityCheck: its own session runs here, and
// the node is at its one-session cap) and sends the segment again, so no segment fails.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { createLogSink } from '../../log/logger.ts';
import { startDevnetNode } from '../testing/devnet-node.ts';
import { createDemoTraffic } from './demo-traffic.ts';
import type { StandaloneNode } from './standalone-node.ts';

describe('demo traffic across skipped rounds', () => {
  let t: TestDevnet;
  let node: StandaloneNode;
  let dataDir: string;

  beforeAll(async () => {
    t = await startTestDevnet({ blockIntervalMs: 1000 });
    ({ node, dataDir } = await startDevnetNode(t, {
      maxSessions: 1,
      logLevel: (process.env['LP_TEST_LOG'] as 'info' | undefined) ?? 'error',
    }));
  }, 120_000);

  afterAll(async () => {
    await node?.close();
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every segment through three skipped rounds', async () => {
    const demo = createDemoTraffic({
      devnet: () => t.devnet,
      orchestratorUri: () => node.runtime.node()?.serviceUri ?? null,
      log: createLogSink({ printLevel: 'error' }).root,
      intervalMs: 300,
    });
    const sentAtLeast = async (n: number): Promise<void> => {
      for (let i = 0; i < 600 && demo.status().segmentsSent < n; i++) await new Promise((r) => setTimeout(r, 100));
      expect(demo.status().segmentsSent).toBeGreaterThanOrEqual(n);
    };
    try {
      await demo.setEnabled(true);
      await sentAtLeast(3);
      for (let skip = 1; skip <= 3; skip++) {
        await t.devnet.advanceRound();
        await sentAtLeast(3 + skip * 6);
      }
      const s = demo.status();
      process.stdout.write(`demo across 3 skipped rounds: ${s.segmentsSent} sent, ${s.segmentsFailed} failed\n`);
      expect([s.segmentsFailed, s.lastError]).toEqual([0, null]);
    } finally {
      await demo.close();
    }
  }, 180_000);
});
