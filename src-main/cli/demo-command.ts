// `demo`: the devnet and an active orchestrator served by the full host (UI and /metrics on the
// admin port), until Ctrl+C. --json prints one document on stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Host } from '../app/host.ts';
import { portOption, readSecret, redemptionWindowOption, whenStopped } from './args.ts';
import { requirePortFree } from './port-check.ts';
import { RENDERER_DIR } from './serve-command.ts';

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
      /** Tests: how long due winning tickets wait to share a redemption batch (default a minute). */
      'redemption-window-ms': { type: 'string' },
      /** Accept remote transcoders with this secret (or a file holding it): segments go to them only. */
      'orch-secret': { type: 'string' },
      /** Another machine's transcoders: listen on all interfaces and name the LAN address they reach. */
      'bind-host': { type: 'string', default: '127.0.0.1' },
      'service-uri': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const window = values['redemption-window-ms'];
  const redemptionWindowMs = window === undefined ? undefined : redemptionWindowOption(window);
  // A port in use fails here, in milliseconds, before the devnet and the node start.
  await requirePortFree(portOption(values['service-port'], 'service-port'), values['bind-host'], 'service-port');
  await requirePortFree(portOption(values['admin-port'], 'admin-port'), '127.0.0.1', 'admin-port');
  const [{ createHost }, { createLogSink }] = await Promise.all([import('../app/host.ts'), import('../log/logger.ts')]);
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
      ...(redemptionWindowMs === undefined ? {} : { redemptionWindowMs }),
    },
  });
  try {
    await runDemo(host, values);
  } finally {
    await host.close();
  }
  process.exit(0);
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
  const [{ startHeadlessServer }, { metricsRoute }, { startDemoOrchestrator }, { internalApi }] = await Promise.all([
    import('../app/headless-server.ts'),
    import('../orchestrator/runtime/metrics-route.ts'),
    import('./demo-orchestrator.ts'),
    import('../app/internal-client.ts'),
  ]);
  if (values['orch-secret'])
    await internalApi(host).transcoders.setOrchestratorSecret({ secret: readSecret(values['orch-secret']) });
  const { info, address, node, provider } = await startDemoOrchestrator(host, Number(values['service-port']), {
    bindHost: values['bind-host'],
    serviceUri: values['service-uri'],
  });
  const server = await startHeadlessServer({
    host,
    rendererDir: RENDERER_DIR,
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
  await whenStopped();
  provider.destroy();
  await server.close();
}
