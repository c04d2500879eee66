// `broadcast`: the demo broadcaster against any orchestrator, paying with a devnet account (its
// deposit and reserve funded first when --rpc-url and --ticket-broker are given).
import { parseArgs } from 'node:util';
import { Wallet } from 'ethers';
import { createRpcProvider } from '../chain/rpc/provider.ts';
import { devnetAccounts } from '../chain/devnet/devnet.ts';
import {
  createDemoBroadcaster,
  fundTicketBroker,
  generateSegments,
  summarize,
} from '../orchestrator/gateway/demo-broadcaster.ts';
import { keySigner } from '../orchestrator/payments/key-signer.ts';
import { UsageError } from './args.ts';

const BROADCASTER_ACCOUNT = 9;

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
  if (!values.orchestrator) throw new UsageError('--orchestrator https://host:port is required');
  const n = Number(values.segments);
  const account = devnetAccounts()[Number(values['account-index'])];
  if (!account) throw new Error('--account-index out of range');
  const provider = values['rpc-url'] ? createRpcProvider({ url: values['rpc-url'] }) : null;
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
