// CLI: `demo` (devnet + an active orchestrator served by the full host, until Ctrl+C) and
// `broadcast` (the demo broadcaster against any orchestrator). --json prints one document on stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JsonRpcProvider, Wallet } from 'ethers';
import { devnetAccounts } from '../chain/devnet/devnet.ts';
import { startHeadlessServer } from '../app/headless-server.ts';
import { createHost, type Host } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import {
  createDemoBroadcaster,
  fundTicketBroker,
  generateSegments,
  summarize,
} from '../orchestrator/gateway/demo-broadcaster.ts';
import { keySigner } from '../orchestrator/payments/key-signer.ts';
import type { OrchestratorNode } from '../orchestrator/orchestrator-node.ts';
import { readSecret } from './transcoder-command.ts';
import { activateDevnetOrchestrator } from '../orchestrator/runtime/devnet-orchestrator.ts';
import { metricsRoute } from '../orchestrator/runtime/metrics-route.ts';

/** The demo's keystore password: the account is a public devnet key, so nothing is protected by it. */
const DEMO_PASSWORD = 'livepeer-devnet-demo';
const ORCHESTRATOR_ACCOUNT = 1;
const BROADCASTER_ACCOUNT = 9;

async function call<T>(host: Host, service: string, method: string, input: unknown = {}): Promise<T> {
  const res = (await host.router.call(
    { transport: 'internal', authenticated: true },
    { id: 1, service, method, input },
  )) as { ok: boolean; result?: T; error?: { message: string } };
  if (!res.ok) throw new Error(`${service}.${method}: ${res.error?.message ?? 'failed'}`);
  return res.result as T;
}

export async function demoCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'admin-port': { type: 'string', default: '0' },
      'service-port': { type: 'string', default: '8935' },
      'block-interval-ms': { type: 'string', default: '2000' },
      /** Tests: ticket EV = max face value (every ticket wins). */
      'ticket-ev': { type: 'string' },
      /** Accept remote transcoders with this secret (or a file holding it): segments go to them only. */
      'orch-secret': { type: 'string' },
      /** Another machine's transcoders: listen on all interfaces and name the LAN address they reach. */
      'bind-host': { type: 'string', default: '127.0.0.1' },
      'service-uri': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const dataDir = resolve(values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'livepeer-miner-demo-')));
  const logSink = createLogSink({ write: (line) => process.stderr.write(line), printLevel: 'info' });
  const ev = values['ticket-ev'] ? BigInt(values['ticket-ev']) : null;
  const host = createHost({
    dataDir,
    mode: 'headless',
    logSink,
    telemetry: false,
    devnetBlockIntervalMs: Number(values['block-interval-ms']),
    orchestrator: {
      port: Number(values['service-port']),
      ...(ev ? { payments: { ev, maxFaceValue: ev } } : {}),
    },
  });
  try {
    await runDemo(host, values);
  } finally {
    await host.close();
  }
  process.exit(0);
}

export interface DemoOrchestrator {
  readonly info: { rpcUrl: string; controller: string; contracts: Record<string, string> };
  readonly address: string;
  readonly node: OrchestratorNode;
  /** A provider without response cache on the devnet (the caller destroys it). */
  readonly provider: JsonRpcProvider;
}

/**
 * The demo's orchestrator on a host: the devnet, the orchestrator account imported, unlocked,
 * bonded, registered and active, the switch on; resolves when the node is running.
 */
export async function startDemoOrchestrator(
  host: Host,
  servicePort: number,
  net: { bindHost?: string | undefined; serviceUri?: string | undefined } = {},
): Promise<DemoOrchestrator> {
  host.settings.update({ network: { kind: 'devnet' }, role: 'orchestrator' });
  await host.orchestrator.updateConfig({ bindHost: net.bindHost ?? '127.0.0.1', serviceUri: net.serviceUri ?? '' });
  const info = await call<{ rpcUrl: string; controller: string; contracts: Record<string, string> }>(
    host,
    'devnet',
    'start',
  );
  const key = devnetAccounts()[ORCHESTRATOR_ACCOUNT]?.privateKey;
  if (!key) throw new Error('no devnet account for the orchestrator');
  const address = new Wallet(key).address;
  if (!host.wallet.status().accounts.some((a) => a.address === address))
    await host.wallet.importPrivateKey(key, DEMO_PASSWORD, 'Devnet orchestrator');
  host.wallet.select(address);
  await host.wallet.unlock(DEMO_PASSWORD);
  // No response cache: consecutive transactions must see each other's nonces.
  const provider = new JsonRpcProvider(info.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
  await activateDevnetOrchestrator(
    {
      provider,
      contracts: info.contracts as never,
      fund: async (a, amounts) =>
        void (await call(host, 'devnet', 'fund', {
          address: a,
          eth: (amounts.eth ?? 0n).toString(),
          lpt: (amounts.lpt ?? 0n).toString(),
        })),
      advanceRound: async () => BigInt((await call<{ round: string }>(host, 'devnet', 'advanceRound')).round),
    },
    key,
    net.serviceUri ?? `https://127.0.0.1:${servicePort || 8935}`,
  );
  host.transcoding.setEnabled(true);
  for (let i = 0; i < 300 && host.nodeStatus.get().state !== 'running'; i++) {
    await host.orchestrator.update();
    await new Promise((r) => setTimeout(r, 100));
  }
  const node = host.orchestrator.node();
  if (!node) throw new Error(`The orchestrator did not start: ${host.nodeStatus.get().message}`);
  return { info, address, node, provider };
}

async function runDemo(
  host: Host,
  values: {
    'service-port': string;
    'admin-port': string;
    'orch-secret'?: string | undefined;
    'bind-host': string;
    'service-uri'?: string | undefined;
    json: boolean;
  },
): Promise<void> {
  if (values['orch-secret']) host.transcoders.setOrchestratorSecret(readSecret(values['orch-secret']));
  const { info, address, node, provider } = await startDemoOrchestrator(host, Number(values['service-port']), {
    bindHost: values['bind-host'],
    serviceUri: values['service-uri'],
  });
  const server = await startHeadlessServer({
    host,
    rendererDir: resolve(import.meta.dirname, '..', '..', 'dist', 'renderer'),
    port: Number(values['admin-port']),
    extraRoutes: metricsRoute(host.orchestrator),
  });
  const out = {
    rpcUrl: info.rpcUrl,
    controller: info.controller,
    serviceUri: node.serviceUri,
    orchestrator: address,
    ticketBroker: info.contracts['TicketBroker'],
    adminUrl: `http://127.0.0.1:${server.port}`,
  };
  if (values.json) process.stdout.write(JSON.stringify(out) + '\n');
  else process.stdout.write(`Demo orchestrator ${address} serving on ${node.serviceUri}; UI at ${server.url}\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  provider.destroy();
  await server.close();
}

export async function broadcastCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      orchestrator: { type: 'string' },
      segments: { type: 'string', default: '10' },
      /** Devnet: fund the sender's deposit and reserve through this RPC (TicketBroker address needed). */
      'rpc-url': { type: 'string' },
      'ticket-broker': { type: 'string' },
      'account-index': { type: 'string', default: String(BROADCASTER_ACCOUNT) },
      'no-pixel-check': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.orchestrator) throw new Error('--orchestrator https://host:port is required');
  const n = Number(values.segments);
  const account = devnetAccounts()[Number(values['account-index'])];
  if (!account) throw new Error('--account-index out of range');
  const provider = values['rpc-url']
    ? new JsonRpcProvider(values['rpc-url'], undefined, { staticNetwork: true, cacheTimeout: -1 })
    : null;
  const wallet = new Wallet(account.privateKey, provider);
  if (provider && values['ticket-broker']) {
    process.stderr.write('Funding the deposit and reserve…\n');
    await fundTicketBroker(wallet, values['ticket-broker'], 10n ** 18n, 10n ** 18n);
  }
  const segments = await generateSegments(Math.min(n, 10));
  const b = createDemoBroadcaster(keySigner(wallet), values.orchestrator);
  const reports = [];
  for (let i = 0; i < n; i++) {
    const r = await b.send(i, segments[i % segments.length] ?? new Uint8Array(), !values['no-pixel-check']);
    reports.push(r);
    process.stderr.write(`segment ${i}: ${r.ok ? `ok ${r.latencyMs.toFixed(0)} ms` : `FAILED ${r.error}`}\n`);
  }
  await b.endSession();
  b.close();
  provider?.destroy();
  const summary = summarize(values.orchestrator, reports);
  if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else
    process.stdout.write(`${summary.ok}/${summary.segments} segments ok, p50 ${summary.latencyP50Ms?.toFixed(0)} ms\n`);
  if (summary.failed) process.exitCode = 1;
}
