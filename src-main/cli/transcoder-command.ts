// `livepeer-miner transcoder --orch-addr host:port --orch-secret S [--max-sessions N]`: transcoder
// mode without the desktop (go-livepeer `livepeer -transcoder -orchAddr -orchSecret -maxSessions`).
// Runs until SIGINT/SIGTERM (finishes running jobs, then deregisters) or until the orchestrator
// refuses the registration (exit code 2 with the reason).
import { parseArgs } from 'node:util';
import { createLogSink } from '../log/logger.ts';
import { createTranscoder } from '../media/transcoder.ts';
import type { EncoderName } from '../media/encoders.ts';
import { orchestratorCapabilities } from '../orchestrator/server/capabilities.ts';
import { ADVERTISED_VERSION } from '../orchestrator/orchestrator-node.ts';
import { fixedTranscoderAdapter } from '../transcoder/media-adapter.ts';
import { startTranscoderClient, TranscoderState } from '../transcoder/transcoder-client.ts';
import { readSecret, whenStopped } from './args.ts';

export async function transcoderCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'orch-addr': { type: 'string' },
      'orch-secret': { type: 'string' },
      'max-sessions': { type: 'string', default: '10' },
      ffmpeg: { type: 'string', default: process.env['LIVEPEER_MINER_FFMPEG'] ?? 'ffmpeg' },
      encoder: { type: 'string', default: 'libx264' },
      'log-level': { type: 'string', default: 'info' },
    },
    strict: true,
  });
  const orchAddr = values['orch-addr'];
  const secretArg = values['orch-secret'];
  if (!orchAddr || !secretArg) {
    process.stderr.write('transcoder: --orch-addr host:port and --orch-secret are required\n');
    process.exit(1);
  }
  const maxSessions = Number(values['max-sessions']);
  if (!Number.isInteger(maxSessions) || maxSessions < 0) {
    process.stderr.write('transcoder: --max-sessions must be a whole number\n');
    process.exit(1);
  }
  const level = values['log-level'] as 'debug' | 'info' | 'warn' | 'error';
  const log = createLogSink({ write: (line) => process.stderr.write(line), printLevel: level }).root;
  const engine = fixedTranscoderAdapter(
    createTranscoder({ ffmpegPath: values.ffmpeg, encoder: values.encoder as EncoderName }),
  );
  let last = '';
  const client = startTranscoderClient({
    orchAddr,
    secret: readSecret(secretArg),
    maxSessions,
    engine,
    capabilities: orchestratorCapabilities(ADVERTISED_VERSION),
    log,
    onStatus: (s) => {
      const line = `${s.state}${s.message ? `: ${s.message}` : ''}`;
      if (line !== last) process.stderr.write(`transcoder ${line}\n`);
      last = line;
      if (s.state === TranscoderState.Stopped) process.exit(2);
    },
  });
  const stopped = whenStopped();
  await client.setEnabled(true);
  await stopped;
  await client.close();
  process.exit(0);
}
