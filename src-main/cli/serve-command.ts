// `serve`: the headless host — the node and the UI over HTTP/WebSocket on 127.0.0.1 — until
// SIGINT/SIGTERM; /metrics on the same admin port. The access token stays in the data folder, so
// the printed URL keeps working across restarts; --new-token replaces it, --print-url shows it.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAccessToken, readAccessToken } from '../app/access-token.ts';
import { defaultDataDir } from '../app/data-dir.ts';
import { redactRpcUrl } from '../chain/rpc/redact.ts';
import {
  devnetScaleOption,
  logLevelOption,
  portOption,
  redemptionWindowOption,
  readSecret,
  UsageError,
  whenStopped,
} from './args.ts';
import { readPasswordFile } from './password-file.ts';
import { requirePortFree } from './port-check.ts';

export const RENDERER_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'admin-port': { type: 'string', default: '7935' },
      token: { type: 'string' },
      'new-token': { type: 'boolean', default: false },
      'print-url': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'info' },
      'orch-secret': { type: 'string' },
      'password-file': { type: 'string' },
      'rpc-url': { type: 'string' },
      'fallback-rpc-url': { type: 'string' },
      /** The devnet's size, stored like the Settings page's choice: small | mainnet. */
      'devnet-scale': { type: 'string' },
      /** Benches and tests: anvil's port, and the URL the app reaches its devnet through (a counting proxy). */
      'devnet-port': { type: 'string' },
      'devnet-rpc-url': { type: 'string' },
      /** Tests: how long due winning tickets wait to share a redemption batch (default per network). */
      'redemption-window-ms': { type: 'string' },
    },
    strict: true,
  });
  const port = portOption(values['admin-port'], 'admin-port');
  if (values.token !== undefined && values['new-token'])
    throw new UsageError('--token and --new-token exclude each other: --token sets the token, --new-token makes one');
  const level = logLevelOption(values['log-level']);
  const window = values['redemption-window-ms'];
  const redemptionWindowMs = window === undefined ? undefined : redemptionWindowOption(window);
  if (values['fallback-rpc-url'] && !values['rpc-url'])
    throw new UsageError('--fallback-rpc-url needs --rpc-url (the primary Arbitrum One RPC)');
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  if (values['print-url']) {
    const stored = readAccessToken(dataDir);
    if (!stored) throw new Error(`No access token in ${dataDir} yet: start \`serve\` once and it prints the URL`);
    process.stdout.write(`${uiUrl(port, stored)}\n`);
    return;
  }
  // A second instance fails here, in milliseconds, before the chain or the node start.
  await requirePortFree(port, '127.0.0.1', 'admin-port');
  // The host and everything it brings load only now, so that refusal takes no time.
  const [{ createHost }, { startHeadlessServer }, { createLogSink }, { metricsRoute }, { internalApi }] =
    await Promise.all([
      import('../app/host.ts'),
      import('../app/headless-server.ts'),
      import('../log/logger.ts'),
      import('../orchestrator/runtime/metrics-route.ts'),
      import('../app/internal-client.ts'),
    ]);
  const logSink = createLogSink({ write: (line) => process.stderr.write(line), printLevel: level });
  // Read (and mode-checked) before anything starts: a refused file stops the command with the reason.
  const nodePassword = values['password-file'] ? readPasswordFile(values['password-file']) : null;
  const token = loadAccessToken(dataDir, {
    rotate: values['new-token'],
    ...(values.token === undefined ? {} : { given: values.token }),
  });
  const devnetScale = values['devnet-scale'] === undefined ? undefined : devnetScaleOption(values['devnet-scale']);
  const devnet = {
    ...(values['devnet-port'] === undefined ? {} : { port: portOption(values['devnet-port'], 'devnet-port') }),
    ...(values['devnet-rpc-url'] === undefined ? {} : { clientRpcUrl: values['devnet-rpc-url'] }),
  };
  const host = createHost({
    dataDir,
    mode: 'headless',
    logSink,
    nodePassword,
    devnet,
    ...(redemptionWindowMs === undefined ? {} : { orchestrator: { redemptionWindowMs } }),
  });
  if (devnetScale) await internalApi(host).settings.update({ devnetScale });
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
    token,
    extraRoutes: metricsRoute(host.orchestrator),
  });
  process.stdout.write(`UI ready: ${server.url}\n`);

  await whenStopped();
  host.log.info('Shutting down');
  await server.close();
  await host.close();
  process.exit(0);
}

/** The address `serve` prints and `--print-url` repeats (the port as configured: 0 means any). */
function uiUrl(port: number, token: string): string {
  return `http://127.0.0.1:${port}/?token=${token}`;
}
