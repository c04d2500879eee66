// The command line: `livepeer-miner <command>` (packaged) or `npm run cli -- <command>` (checkout).
// One module per command; the help text is usage.ts. Commands that run the host talk to it through
// the contract's typed client (host-client.ts), like the UI does.
import { isUsageError } from './args.ts';
import { USAGE } from './usage.ts';

type Command = (argv: string[]) => Promise<void>;

// Loaded on demand: a command that fails early (a port in use) answers before the rest loads.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve-command.ts')).serveCommand,
  devnet: async () => (await import('./devnet-command.ts')).devnetCommand,
  transcode: async () => (await import('./transcode-command.ts')).transcodeCommand,
  bench: async () => (await import('./bench-command.ts')).benchCommand,
  transcoder: async () => (await import('./transcoder-command.ts')).transcoderCommand,
  demo: async () => (await import('./demo-command.ts')).demoCommand,
  broadcast: async () => (await import('./broadcast-command.ts')).broadcastCommand,
};

/** A usage error gets the help text (exit 2); anything else one line (exit 1). */
function fail(message: string, usage: boolean): never {
  process.stderr.write(usage ? `${message}\n\n${USAGE}` : `Error: ${message}\n`);
  process.exit(usage ? 2 : 1);
}

const [command, ...rest] = process.argv.slice(2);
const load = command === undefined ? undefined : commands[command];
if (command === undefined || command === 'help' || command === '--help') {
  process.stdout.write(USAGE);
} else if (load) {
  try {
    await (
      await load()
    )(rest);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err), isUsageError(err));
  }
} else {
  fail(`Unknown command: ${command}`, true);
}
