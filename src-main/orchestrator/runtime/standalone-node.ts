// The orchestrator runtime outside the desktop host, on an existing chain (an RPC URL and a
// Controller) with a raw key: what the kill/restart tests run as a child process and the benchmark
// runs in-process. Same runtime, engine, store and redemption queue as the host; only the wallet
// (a key in memory, devnet keys only) and the settings (fixed: orchestrator, switch on) differ.
//
//   node src-main/orchestrator/runtime/standalone-node.ts '<json StandaloneNodeOptions>'
// prints one JSON line {serviceUri, orchestrator} on stdout when serving, then runs until killed
// (SIGUSR2, a test hook on POSIX: a line {memory}).
import { Transaction, Wallet, getAddress, type TransactionRequest } from 'ethers';
import { DEFAULT_SETTINGS, type NodeStatus } from '../../../src-shared/contract/index.ts';
import { createChainClient, type ChainClient } from '../../chain/client.ts';
import { createLogSink } from '../../log/logger.ts';
import { createMediaEngine, MEDIA_MIGRATIONS, type MediaEngine } from '../../media/media-engine.ts';
import { openDatabase } from '../../store/database.ts';
import type { AccountSigner, ApprovedTransaction } from '../../wallet/account-signer.ts';
import { createNodeStatusTracker } from '../node-status.ts';
import type { RecipientConfig } from '../payments/recipient.ts';
import { createWinningTicketStore, NODE_MIGRATIONS } from '../payments/winning-ticket-store.ts';
import type { SegmentTranscoder } from '../server/segment-transcoder.ts';
import { createMediaSegmentTranscoder } from './media-segment-transcoder.ts';
import { createOrchestratorRuntime, NODE_CONFIG_MIGRATIONS, type OrchestratorRuntime } from './orchestrator-runtime.ts';

export interface StandaloneNodeOptions {
  dataDir: string;
  rpcUrl: string;
  controller: string;
  privateKey: string;
  port?: number;
  bindHost?: string;
  maxSessions?: number;
  /** Ticket settings as decimal strings (JSON-friendly): ev, redeemGas, txCostMultiplier, …. */
  payments?: {
    ev?: string;
    redeemGas?: string;
    txCostMultiplier?: string;
    maxFaceValue?: string;
    paramsExpirationBlocks?: string;
  };
  redemptionTickMs?: number;
  redemptionRetryMs?: number;
  /** How long due winners wait to share a batch (default: the devnet's minute; tests: short). */
  redemptionWindowMs?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** In-process only (benchmarks): observe the engine calls. */
  wrapTranscoder?: (t: SegmentTranscoder) => SegmentTranscoder;
}

export interface StandaloneNode {
  readonly runtime: OrchestratorRuntime;
  readonly media: MediaEngine;
  readonly address: string;
  /** Its chain client (benches put a reward service on the same connection, as the app does). */
  readonly client: ChainClient;
  setActive(active: boolean): Promise<void>;
  status(): NodeStatus;
  close(): Promise<void>;
}

/** An AccountSigner over a raw key that, like the keystore wallet, signs only the approved transaction. */
export function keySigner(privateKey: string): AccountSigner {
  const wallet = new Wallet(privateKey);
  return {
    address: wallet.address,
    signMessage: (m) => wallet.signMessage(m),
    async signTransaction(tx: TransactionRequest, approval: ApprovedTransaction) {
      const t = Transaction.from({ ...tx, from: undefined } as never);
      if (
        t.chainId !== approval.chainId ||
        !t.to ||
        getAddress(t.to) !== getAddress(approval.to) ||
        t.data.toLowerCase() !== approval.data.toLowerCase() ||
        t.value !== approval.value
      )
        throw new Error('Transaction does not match the approved preview');
      return wallet.signTransaction(t);
    },
  };
}

export async function startStandaloneNode(o: StandaloneNodeOptions): Promise<StandaloneNode> {
  const logSink = createLogSink({
    write: (line) => process.stderr.write(line),
    printLevel: o.logLevel ?? 'warn',
  });
  const db = openDatabase(o.dataDir, [...NODE_MIGRATIONS, ...NODE_CONFIG_MIGRATIONS, ...MEDIA_MIGRATIONS]);
  const signer = keySigner(o.privateKey);
  const client = createChainClient({
    rpcUrl: o.rpcUrl,
    controller: o.controller,
    getSigner: () => Promise.resolve(signer),
    log: logSink.root.child('chain'),
  });
  const media = createMediaEngine({
    db,
    log: logSink.root.child('media'),
    ffmpegPathOverride: process.env['LIVEPEER_MINER_FFMPEG'] ?? null,
    nvidiaGpus: () => [],
  });
  // The user's session cap for the CPU (this machine has no GPU encoder the engine could use).
  if (o.maxSessions) media.setConfig({ maxSessions: { cpu: o.maxSessions } });
  const status = createNodeStatusTracker(DEFAULT_SETTINGS);
  let active = true;
  const payments: Partial<Omit<RecipientConfig, 'address' | 'secret'>> = {
    ...(o.payments?.ev ? { ev: BigInt(o.payments.ev) } : {}),
    ...(o.payments?.redeemGas ? { redeemGas: BigInt(o.payments.redeemGas) } : {}),
    ...(o.payments?.txCostMultiplier ? { txCostMultiplier: BigInt(o.payments.txCostMultiplier) } : {}),
    ...(o.payments?.maxFaceValue ? { maxFaceValue: BigInt(o.payments.maxFaceValue) } : {}),
    ...(o.payments?.paramsExpirationBlocks
      ? { paramsExpirationBlocks: BigInt(o.payments.paramsExpirationBlocks) }
      : {}),
  };
  const runtime = createOrchestratorRuntime({
    dataDir: o.dataDir,
    db,
    store: createWinningTicketStore(db),
    transcoder: (o.wrapTranscoder ?? ((t: SegmentTranscoder) => t))(createMediaSegmentTranscoder(media)),
    status,
    log: logSink.root,
    inputs: {
      settings: () => ({ ...DEFAULT_SETTINGS, role: 'orchestrator', transcodingEnabled: true }),
      wallet: () => ({ selected: signer.address, unlocked: signer.address }),
      signer: () => signer,
      active: () => active,
      chain: () => Promise.resolve(client),
      engineCapacity: async () => (await media.capacity()).reduce((n, d) => n + d.maxSessions, 0),
    },
    payments,
    ...(o.redemptionTickMs ? { redemptionTickMs: o.redemptionTickMs } : {}),
    ...(o.redemptionRetryMs ? { redemptionRetryMs: o.redemptionRetryMs } : {}),
    ...(o.redemptionWindowMs === undefined ? {} : { redemptionWindowMs: o.redemptionWindowMs }),
    ...(o.port === undefined ? {} : { portOverride: o.port }),
  });
  await runtime.updateConfig({
    bindHost: o.bindHost ?? '127.0.0.1',
    ...(o.maxSessions ? { maxSessions: o.maxSessions } : {}),
  });
  return {
    runtime,
    media,
    client,
    address: signer.address,
    async setActive(next) {
      active = next;
      await runtime.update();
    },
    status: () => status.get(),
    async close() {
      await runtime.close();
      await media.close();
      client.close();
      db.close();
    },
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const options = JSON.parse(process.argv[2] ?? '{}') as StandaloneNodeOptions;
  const node = await startStandaloneNode(options);
  for (let i = 0; i < 100 && !node.runtime.node(); i++) await new Promise((r) => setTimeout(r, 100));
  const running = node.runtime.node();
  if (!running) {
    process.stderr.write(`Node did not start: ${node.status().message}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ serviceUri: running.serviceUri, orchestrator: node.address }) + '\n');
  // A test hook, not a debugging leftover: SIGUSR2 prints one JSON line of memory figures, after a
  // full collection when run with --expose-gc (random-sender-flood.integration.test.ts reads it to
  // tell garbage not yet collected from memory kept). Windows has no SIGUSR2: no hook there.
  if (process.platform !== 'win32')
    process.on('SIGUSR2', () => {
      (globalThis as { gc?: () => void }).gc?.();
      process.stdout.write(JSON.stringify({ memory: process.memoryUsage() }) + '\n');
    });
  const stop = () => void node.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
