// The command line: `livepeer-miner <subcommand>` (or `npm run cli -- <subcommand>` in a checkout).
// Each capability of the node gets its subcommand here; see docs in the README.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir.ts';
import { createHost } from '../app/host.ts';
import { startHeadlessServer } from '../app/headless-server.ts';
import { createLogSink } from '../log/logger.ts';
import { devnetCommand } from './devnet-command.ts';
import { benchCommand, transcodeCommand } from './media-commands.ts';
import { readSecret, transcoderCommand } from './transcoder-command.ts';
import { broadcastCommand, demoCommand } from './demo-commands.ts';
import { metricsRoute } from '../orchestrator/runtime/metrics-route.ts';

const RENDERER_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

const USAGE = `Usage: livepeer-miner <command> [options]

Commands:
  serve        the headless host: node + UI over HTTP/WebSocket on 127.0.0.1
               --data-dir DIR   --admin-port PORT (default 7935, 0 = any free port)
               --token TOKEN    (default: random)   --log-level debug|info|warn|error
               --orch-secret SECRET|FILE   (accept remote transcoders with this secret)
  devnet       the local devnet alone (anvil + protocol contracts), until Ctrl+C
               --json (prints {rpcUrl, chainId, controller, contracts})  --data-dir DIR
               --port PORT  --block-interval-ms MS (default 1000, 0 = mine only on transactions)
  transcode    one segment through the engine: --in SEGMENT.ts --profiles P240p30fps16x9,P360p30fps16x9
               --out DIR [--json] [--ffmpeg PATH] [--encoder libx264|h264_nvenc|…] [--timeout-ms MS]
  bench        the transcoding benchmark (standard 4-rendition ladder, 1..N sessions):
               --sessions N --segments N [--json] [--ffmpeg PATH] [--device cpu|nvidia:0] [--preset P]
  transcoder   transcoder mode: --orch-addr HOST:PORT --orch-secret SECRET|FILE [--max-sessions N]
               [--ffmpeg PATH] [--encoder libx264|h264_nvenc|…] (no keys; Ctrl+C finishes jobs, deregisters)
  demo         devnet + a funded, bonded, registered, active orchestrator served by this host, until Ctrl+C
               --json (prints {rpcUrl, controller, serviceUri, orchestrator, adminUrl})  --data-dir DIR
               --service-port PORT (default 8935)  --admin-port PORT (default 0)  /metrics on the admin port
               --orch-secret SECRET|FILE   (accept remote transcoders: segments go to them only)
               --bind-host 0.0.0.0 --service-uri https://LAN-IP:PORT   (reachable from other machines)
  broadcast    the demo broadcaster: --orchestrator https://host:8935 --segments N [--json]
               [--rpc-url URL --ticket-broker ADDR (devnet: fund the deposit/reserve)] [--no-pixel-check]
  help         this text
`;

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'admin-port': { type: 'string', default: '7935' },
      token: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'orch-secret': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values['admin-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--admin-port must be a port number, got ${values['admin-port']}`);
  const level = values['log-level'];
  if (level !== 'debug' && level !== 'info' && level !== 'warn' && level !== 'error')
    fail(`--log-level must be debug, info, warn or error`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const logSink = createLogSink({ write: (line) => process.stderr.write(line), printLevel: level });
  const host = createHost({ dataDir, mode: 'headless', logSink });
  // -orchSecret: accept remote transcoders (stored like the Transcoders page's setting).
  if (values['orch-secret']) host.transcoders.setOrchestratorSecret(readSecret(values['orch-secret']));
  const server = await startHeadlessServer({
    host,
    rendererDir: RENDERER_DIR,
    port,
    ...(values.token === undefined ? {} : { token: values.token }),
    extraRoutes: metricsRoute(host.orchestrator),
  });
  process.stdout.write(`UI ready: ${server.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    host.log.info('Shutting down');
    void server
      .close()
      .then(() => host.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<void>> = {
  serve,
  devnet: devnetCommand,
  transcode: transcodeCommand,
  bench: benchCommand,
  transcoder: transcoderCommand,
  demo: demoCommand,
  broadcast: broadcastCommand,
};
if (command === undefined || command === 'help' || command === '--help') {
  process.stdout.write(USAGE);
} else if (commands[command]) {
  try {
    await commands[command](rest);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
} else {
  fail(`Unknown command: ${command}`);
}
