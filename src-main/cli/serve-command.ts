// `serve`: the headless host — the node and the UI over HTTP/WebSocket on 127.0.0.1 — until
// SIGINT/SIGTERM; /metrics on the same admin port.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir.ts';
import { startHeadlessServer } from '../app/headless-server.ts';
import { createHost } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import { metricsRoute } from '../orchestrator/runtime/metrics-route.ts';
import { devnetScaleOption, logLevelOption, portOption, readSecret, whenStopped } from './args.ts';
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
      /** The devnet's size, stored like the Settings page's choice: small | mainnet. */
      'devnet-scale': { type: 'string' },
      /** Benches and tests: anvil's port, and the URL the app reaches its devnet through (a counting proxy). */
      'devnet-port': { type: 'string' },
      'devnet-rpc-url': { type: 'string' },
    },
    strict: true,
  });
  const port = portOption(values['admin-port'], 'admin-port');
  const level = logLevelOption(values['log-level']);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const logSink = createLogSink({ write: (line) => process.stderr.write(line), printLevel: level });
  // Read (and mode-checked) before anything starts: a refused file stops the command with the reason.
  const nodePassword = values['password-file'] ? readPasswordFile(values['password-file']) : null;
  const devnetScale = values['devnet-scale'] === undefined ? undefined : devnetScaleOption(values['devnet-scale']);
  const devnet = {
    ...(values['devnet-port'] === undefined ? {} : { port: portOption(values['devnet-port'], 'devnet-port') }),
    ...(values['devnet-rpc-url'] === undefined ? {} : { clientRpcUrl: values['devnet-rpc-url'] }),
  };
  const host = createHost({ dataDir, mode: 'headless', logSink, nodePassword, devnet });
  if (devnetScale) await internalApi(host).settings.update({ devnetScale });
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
