// Tests only: an orchestrator that is bonded, registered and active on a test devnet, served by a
// standalone node (its own data folder, a free port) that has reached `running`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDevnet } from '../../chain/test-support.ts';
import { activateDevnetOrchestrator } from '../runtime/devnet-orchestrator.ts';
import { startStandaloneNode, type StandaloneNode, type StandaloneNodeOptions } from '../runtime/standalone-node.ts';

export interface DevnetNode {
  node: StandaloneNode;
  /** The orchestrator's address. */
  orch: string;
  dataDir: string;
}

type NodeSettings = Omit<StandaloneNodeOptions, 'dataDir' | 'rpcUrl' | 'controller' | 'privateKey' | 'port'>;

export async function startDevnetNode(t: TestDevnet, settings: NodeSettings = {}): Promise<DevnetNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lp-orch-'));
  const account = t.devnet.accounts[1];
  if (!account) throw new Error('the test devnet has no second account');
  const key = account.privateKey;
  const orch = await activateDevnetOrchestrator(t.devnet, key, 'https://127.0.0.1:8935');
  const node = await startStandaloneNode({
    dataDir,
    rpcUrl: t.devnet.rpcUrl,
    controller: t.devnet.controller,
    privateKey: key,
    port: 0,
    ...settings,
  });
  for (let i = 0; i < 100 && node.status().state !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
  return { node, orch, dataDir };
}
