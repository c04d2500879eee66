// The command line: `livepeer-miner <command>` (packaged) or `npm run cli -- <command>` (checkout).
// One module per command; the help text is usage.ts. Commands that run the host talk to it through
// the contract's typed client (host-client.ts), like the UI does.
import { benchCommand } from './bench-command.ts';
import { broadcastCommand } from './broadcast-command.ts';
import { demoCommand } from './demo-command.ts';
import { devnetCommand } from './devnet-command.ts';
import { serveCommand } from './serve-command.ts';
import { transcodeCommand } from './transcode-command.ts';
import { transcoderCommand } from './transcoder-command.ts';
import { USAGE } from './usage.ts';

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  serve: serveCommand,
  devnet: devnetCommand,
  transcode: transcodeCommand,
  bench: benchCommand,
  transcoder: transcoderCommand,
  demo: demoCommand,
  broadcast: broadcastCommand,
};

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const run = command === undefined ? undefined : commands[command];
if (command === undefined || command === 'help' || command === '--help') {
  process.stdout.write(USAGE);
} else if (run) {
  try {
    await run(rest);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
} else {
  fail(`Unknown command: ${command}`);
}
