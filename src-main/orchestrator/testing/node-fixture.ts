// A running orchestrator node on 127.0.0.1 with a funded gateway, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import { createLogSink } from '../../log/logger.ts';
import type { ReceivedTicket } from '../payments/recipient.ts';
import { startOrchestratorNode, type OrchestratorNode, type OrchestratorNodeOptions } from '../orchestrator-node.ts';
import type { SegmentTranscoder } from '../server/segment-transcoder.ts';
import { createDemoGateway, type DemoGateway } from '../gateway/demo-gateway.ts';
import { createStaticChain, fund, type StaticChain } from './static-chain.ts';
import { keySigner } from '../payments/key-signer.ts';

export interface NodeFixture {
  readonly node: OrchestratorNode;
  readonly chain: StaticChain;
  readonly orchWallet: Wallet;
  readonly gatewayWallet: Wallet;
  readonly gateway: DemoGateway;
  readonly winners: ReceivedTicket[];
  readonly dataDir: string;
  readonly url: string;
  newGateway(): DemoGateway;
  close(): Promise<void>;
}

export async function startNodeFixture(
  transcoder: SegmentTranscoder,
  options: Partial<OrchestratorNodeOptions> & { reserve?: bigint } = {},
): Promise<NodeFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lp-node-'));
  const orchWallet = new Wallet(Wallet.createRandom().privateKey);
  const gatewayWallet = new Wallet(Wallet.createRandom().privateKey);
  const chain = createStaticChain();
  chain.active.add(orchWallet.address.toLowerCase());
  fund(chain, gatewayWallet.address, 10n ** 18n, options.reserve ?? 10n ** 18n);
  const winners: ReceivedTicket[] = [];
  const node = await startOrchestratorNode({
    dataDir,
    signer: keySigner(orchWallet),
    chain,
    transcoder,
    winners: { add: async (t) => void winners.push(...t) },
    log: createLogSink().root,
    host: '127.0.0.1',
    port: 0,
    maxSessions: 4,
    pricePerUnit: 1200n,
    pixelsPerUnit: 1n,
    ...options,
  });
  const url = `https://127.0.0.1:${node.port}`;
  const gateways: DemoGateway[] = [];
  const newGateway = () => {
    const w = new Wallet(Wallet.createRandom().privateKey);
    fund(chain, w.address, 10n ** 18n, 10n ** 18n);
    const g = createDemoGateway(keySigner(w), url);
    gateways.push(g);
    return g;
  };
  const gateway = createDemoGateway(keySigner(gatewayWallet), url);
  gateways.push(gateway);
  return {
    node,
    chain,
    orchWallet,
    gatewayWallet,
    gateway,
    winners,
    dataDir,
    url,
    newGateway,
    async close() {
      for (const g of gateways) g.close();
      await node.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
