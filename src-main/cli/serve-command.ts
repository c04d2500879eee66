// `serve`: the headless host — the node and the UI over HTTP/WebSocket on 127.0.0.1 — until
// SIGINT/SIGTERM; /metrics on the same admin port.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir.ts';
import { startHeadlessServer } from '../app/headless-server.ts';
import { createHost } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import { redactRpcUrl } from '../chain/rpc/redact.ts';
import { metricsRoute } from '../orchestrator/runtime/metrics-route.ts';
import { logLevelOption, portOption, readSecret, whenStopped } from './args.ts';
import { internalApi } from '../app/internal-client.ts';
import { readPasswordFile } from './password-file.ts';

export const RENDERER_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'admin-port': { type: 'string', default: '7935' },
      token: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'orch-secret': { type: 'string' },
      'password-file': { type: 'string' },
      'rpc-url': { type: 'string' },
      'fallback-rpc-url': { type: 'string' },
    },
    strict: true,
  });
  const port = portOption(values['admin-port'], 'admin-port');
  const level = logLevelOption(values['log-level']);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const logSink = createLogSink({ write: (line) => process.stderr.write(line), printLevel: level });
  // Read (and mode-checked) before anything starts: a refused file stops the command with the reason.
  const nodePassword = values['password-file'] ? readPasswordFile(values['password-file']) : null;
  if (values['fallback-rpc-url'] && !values['rpc-url'])
    throw new Error('--fallback-rpc-url needs --rpc-url (the primary Arbitrum One RPC)');
  const host = createHost({ dataDir, mode: 'headless', logSink, nodePassword });
  // --rpc-url: run on Arbitrum One through this RPC (stored like Settings → Network; validated there).
  if (values['rpc-url']) {
    const network = {
      kind: 'arbitrum-one' as const,
      rpcUrl: values['rpc-url'],
      ...(values['fallback-rpc-url'] ? { fallbackRpcUrl: values['fallback-rpc-url'] } : {}),
    };
    await internalApi(host).settings.update({ network });
    host.log.info(
      `Network: Arbitrum One via ${redactRpcUrl(network.rpcUrl)}${network.fallbackRpcUrl ? ` (backup ${redactRpcUrl(network.fallbackRpcUrl)})` : ''}`,
    );
  }
  // -orchSecret: accept remote transcoders (stored like the Transcoders page's setting).
  if (values['orch-secret'])
    await internalApi(host).transcoders.setOrchestratorSecret({ secret: readSecret(values['orch-secret']) });
  const server = await startHeadlessServer({
    host,
    rendererDir: RENDERER_DIR,
    port,
    ...(values.token === undefined ? {} : { token: values.token }),
    extraRoutes: metricsRoute(host.orchestrator),
  });
  process.stdout.write(`UI ready: ${server.url}\n`);

  await whenStopped();
  host.log.info('Shutting down');
  await server.close();
  await host.close();
  process.exit(0);
}
