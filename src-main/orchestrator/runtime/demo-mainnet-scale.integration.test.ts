// The dashboard's demo traffic on a mainnet-scale devnet (`serve --devnet-scale mainnet`: ~100
// active orchestrators). The TicketBroker splits a sender's reserve evenly over the active set, so
// the demo gateway's reserve must cover a face value for each of them; with the devnet's frequent
// winners (devnet-payments.ts) the pending face values must fit too, or the node refuses new
// ticket parameters ("insufficient sender reserve") and segments fail. The node keeps the devnet's
// redemption window (a minute): winners piling up in it must not cost a payment either
// (redemption-window.ts redeems early when a sender's float runs low).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { createLogSink } from '../../log/logger.ts';
import { startDevnetNode } from '../testing/devnet-node.ts';
import { createDemoTraffic } from './demo-traffic.ts';
import { DEVNET_PAYMENTS } from './devnet-payments.ts';
import type { StandaloneNode } from './standalone-node.ts';

describe('demo traffic at mainnet scale', () => {
  let t: TestDevnet;
  let node: StandaloneNode;
  let dataDir: string;

  beforeAll(async () => {
    t = await startTestDevnet({ blockIntervalMs: 1000, scale: 'mainnet' });
    ({ node, dataDir } = await startDevnetNode(t, {
      // The host's devnet ticket settings: one ticket in four wins, redeemed within seconds.
      payments: {
        ev: String(DEVNET_PAYMENTS.ev),
        maxFaceValue: String(DEVNET_PAYMENTS.maxFaceValue),
        paramsExpirationBlocks: String(DEVNET_PAYMENTS.paramsExpirationBlocks),
      },
      redemptionTickMs: 500,
      logLevel: (process.env['LP_TEST_LOG'] as 'info' | undefined) ?? 'error',
    }));
  }, 600_000);

  afterAll(async () => {
    await node?.close();
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends 40 segments, every one paid and transcoded', async () => {
    const demo = createDemoTraffic({
      devnet: () => t.devnet,
      orchestratorUri: () => node.runtime.node()?.serviceUri ?? null,
      log: createLogSink({ printLevel: 'error' }).root,
      intervalMs: 300,
    });
    try {
      await demo.setEnabled(true);
      for (let i = 0; i < 1800 && demo.status().segmentsSent < 40 && demo.status().running; i++)
        await new Promise((r) => setTimeout(r, 100));
      const s = demo.status();
      process.stdout.write(`demo at mainnet scale: ${s.segmentsSent} sent, ${s.segmentsFailed} failed\n`);
      expect(s.segmentsSent).toBeGreaterThanOrEqual(40);
      expect([s.segmentsFailed, s.lastError]).toEqual([0, null]);
    } finally {
      await demo.close();
    }
  }, 300_000);
});
