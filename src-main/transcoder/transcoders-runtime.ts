// The host's side of issue 7: transcoder mode following the role and the on/off switch, and the
// orchestrator's remote-transcoder manager with its secret. Configuration lives in its own table;
// the secrets never leave the main process (the UI sees only whether one is set) and are never logged.
//
// Combined local + remote transcoding is not supported, as in go-livepeer: while remote
// transcoders are enabled (a secret is set), the orchestrator sends every segment to them and
// advertises their summed capacity; its own GPUs stay idle.
import { create } from '@bufbuild/protobuf';
import { ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import type {
  Settings,
  TranscodersStatus,
  TranscoderModeStatus,
  RemoteTranscodersStatus,
} from '../../src-shared/contract/index.ts';
import type { ControlState } from '../orchestrator/transcoding-control.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { transcoders } from '../../src-shared/contract/index.ts';
import type { TelemetrySample } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import { RegisterRequestSchema, Transcoder as TranscoderService } from '../orchestrator/proto/generated/lp_rpc_pb.js';
import { orchestratorCapabilities } from '../orchestrator/server/capabilities.ts';
import { ADVERTISED_VERSION } from '../orchestrator/orchestrator-node.ts';
import { createRemoteTranscoders, type RemoteTranscoders } from '../orchestrator/remote/remote-transcoders.ts';
import type { Database, Migration } from '../store/database.ts';
import {
  startTranscoderClient,
  TranscoderState,
  type TranscoderClient,
  type TranscoderEngine,
} from './transcoder-client.ts';

export const TRANSCODER_MIGRATIONS: readonly Migration[] = [
  {
    id: 'transcoder/1',
    sql: 'CREATE TABLE transcoder_config (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  },
];

const DEFAULT_MAX_SESSIONS = 10;
const REMOVED_KEPT = 20;

export interface TranscodersRuntimeOptions {
  readonly db: Database;
  readonly log: Logger;
  readonly engine: TranscoderEngine;
  settings(): Settings;
  onSettings(listener: (s: Settings) => void): () => void;
  control(): ControlState;
  onControl(listener: (c: ControlState) => void): () => void;
  telemetry(): TelemetrySample | null;
  emit(status: TranscodersStatus): void;
  /** Remote transcoders were enabled, disabled or re-keyed: the orchestrator node re-reads `remote`. */
  onRemoteChanged?(): void;
}

export interface TranscodersRuntime {
  /** For the orchestrator node assembly: pass as `remote` when `remoteEnabled()`. */
  readonly remote: RemoteTranscoders;
  remoteEnabled(): boolean;
  status(): TranscodersStatus;
  configure(o: { orchAddr: string; secret?: string | undefined; maxSessions: number }): Promise<TranscodersStatus>;
  testConnection(o: {
    orchAddr: string;
    secret?: string | undefined;
    maxSessions: number;
  }): Promise<{ ok: boolean; message: string; ms: number }>;
  setOrchestratorSecret(secret: string | null): TranscodersStatus;
  close(): Promise<void>;
}

/** Registers once: refused → the reason; a stream that stays open for `settleMs` → accepted. */
export async function testRegistration(
  orchAddr: string,
  secret: string,
  maxSessions: number,
  settleMs = 1500,
): Promise<{ ok: boolean; message: string; ms: number }> {
  const started = Date.now();
  const transport = createGrpcTransport({ baseUrl: `https://${orchAddr}`, nodeOptions: { rejectUnauthorized: false } });
  const client = createClient(TranscoderService, transport);
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), settleMs);
  try {
    const stream = client.registerTranscoder(
      create(RegisterRequestSchema, {
        secret,
        capacity: BigInt(maxSessions),
        capabilities: orchestratorCapabilities(ADVERTISED_VERSION),
      }),
      { signal: ac.signal },
    );
    for await (const _ of stream) break;
    return { ok: true, message: 'The orchestrator accepted this transcoder.', ms: Date.now() - started };
  } catch (err) {
    if (ac.signal.aborted)
      return { ok: true, message: 'The orchestrator accepted this transcoder.', ms: Date.now() - started };
    const text = err instanceof ConnectError ? err.rawMessage : (err as Error).message;
    return { ok: false, message: `Refused or unreachable: ${text}`, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

export function createTranscodersRuntime(o: TranscodersRuntimeOptions): TranscodersRuntime {
  const log = o.log.child('transcoders');
  const read = o.db.prepare('SELECT value FROM transcoder_config WHERE key = ?');
  const write = o.db.prepare(
    'INSERT INTO transcoder_config (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const del = o.db.prepare('DELETE FROM transcoder_config WHERE key = ?');
  const get = (key: string): string | null => (read.get(key) as { value: string } | undefined)?.value ?? null;
  const put = (key: string, value: string | null) => (value === null ? del.run(key) : write.run(key, value));

  const removed: RemoteTranscodersStatus['removed'] = [];
  let retriedSegments = 0;
  const remote = createRemoteTranscoders({
    secret: () => get('orchestratorSecret') ?? '',
    log,
    onChange: () => emit(),
    onRemoved: (t) => {
      removed.unshift({ ...t, at: Date.now() });
      removed.splice(REMOVED_KEPT);
    },
  });

  let client: TranscoderClient | null = null;
  let clientKey = '';
  let lastModeStatus: ReturnType<TranscoderClient['status']> | null = null;

  const modeStatus = (): TranscoderModeStatus => {
    const s = client?.status() ?? lastModeStatus;
    return {
      orchAddr: get('orchAddr'),
      secretSet: get('orchSecret') !== null,
      maxSessions: Number(get('maxSessions') ?? DEFAULT_MAX_SESSIONS),
      state: client ? (s?.state ?? TranscoderState.Off) : TranscoderState.Off,
      message: s?.message ?? null,
      jobsDone: s?.jobsDone ?? 0,
      jobsFailed: s?.jobsFailed ?? 0,
      activeJobs: client ? (s?.activeJobs ?? 0) : 0,
      sessions: client ? (s?.sessions ?? 0) : 0,
      retryAt: client ? (s?.retryAt ?? null) : null,
      gpus: (o.telemetry()?.gpus ?? []).map((g) => ({
        index: g.index,
        name: g.name,
        utilizationPct: g.utilizationPct,
        encoderPct: g.encoderPct,
        encoderSessions: g.encoderSessions,
      })),
    };
  };
  const status = (): TranscodersStatus => {
    retriedSegments = remote.retried();
    return {
      mode: modeStatus(),
      orchestrator: {
        enabled: get('orchestratorSecret') !== null,
        transcoders: remote.list(),
        capacity: remote.capacity(),
        retriedSegments,
        removed: [...removed],
      },
    };
  };
  const emit = () => o.emit(status());

  // Transcoder mode runs when the role is transcoder, the switch is on and an orchestrator is set.
  let applying: Promise<void> = Promise.resolve();
  const apply = () => {
    applying = applying.then(async () => {
      const orchAddr = get('orchAddr');
      const secret = get('orchSecret');
      const maxSessions = Number(get('maxSessions') ?? DEFAULT_MAX_SESSIONS);
      const want = o.settings().role === 'transcoder' && o.control().active && orchAddr !== null && secret !== null;
      const key = want ? `${orchAddr}|${maxSessions}|${secret.length}:${secret}` : '';
      if (key === clientKey) return;
      if (client) {
        lastModeStatus = client.status();
        await client.close();
        client = null;
      }
      clientKey = key;
      if (!want) return emit();
      log.info(`transcoder mode: working for ${orchAddr} with up to ${maxSessions} sessions`);
      client = startTranscoderClient({
        orchAddr,
        secret,
        maxSessions,
        engine: o.engine,
        capabilities: orchestratorCapabilities(ADVERTISED_VERSION),
        log,
        onStatus: () => emit(),
      });
      await client.setEnabled(true);
      emit();
    });
    return applying;
  };
  const offSettings = o.onSettings(() => void apply());
  const offControl = o.onControl(() => void apply());
  void apply();

  return {
    remote,
    remoteEnabled: () => get('orchestratorSecret') !== null,
    status,
    async configure(c) {
      put('orchAddr', c.orchAddr);
      put('maxSessions', String(c.maxSessions));
      if (c.secret !== undefined) put('orchSecret', c.secret);
      // A new configuration restarts the client even after a refusal.
      clientKey = '';
      await apply();
      return status();
    },
    testConnection: (c) => testRegistration(c.orchAddr, c.secret ?? get('orchSecret') ?? '', c.maxSessions),
    setOrchestratorSecret(secret) {
      const previous = get('orchestratorSecret');
      put('orchestratorSecret', secret);
      // Disabled, or a new secret: the connected transcoders registered with the old one are dropped
      // (they reconnect with theirs, and are refused if it no longer matches).
      if (secret !== previous) {
        remote.close();
        o.onRemoteChanged?.();
      }
      log.info(secret === null ? 'remote transcoders disabled' : 'remote transcoders enabled');
      emit();
      return status();
    },
    async close() {
      offSettings();
      offControl();
      await applying;
      await client?.close();
      remote.close();
    },
  };
}

export function createTranscodersService(r: TranscodersRuntime): ServiceImpl<typeof transcoders> {
  return {
    status: () => r.status(),
    configure: (input) => r.configure(input),
    testConnection: (input) => r.testConnection(input),
    setOrchestratorSecret: ({ secret }) => r.setOrchestratorSecret(secret),
  };
}
