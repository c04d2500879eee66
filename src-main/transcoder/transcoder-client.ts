// Transcoder mode (go-livepeer `livepeer -transcoder -orchAddr -orchSecret`, server/ot_rpc.go
// RunTranscoder): register with an orchestrator over gRPC+TLS (any certificate), take NotifySegment
// jobs, GET the input from the orchestrator, transcode through the engine and POST the renditions
// to /transcodeResults. Reconnects with exponential backoff (max 1 min, no give-up) except after
// `invalid secret` or `zero capacity`, which stop it with a message. No keys: the orchestrator
// signs the results. Off = finish running jobs, then deregister (close the stream).
import { connect as h2connect, constants, type ClientHttp2Session } from 'node:http2';
import { get as httpsGet } from 'node:https';
import { create } from '@bufbuild/protobuf';
import { ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import type { Logger } from '../log/logger.ts';
import {
  RegisterRequestSchema,
  Transcoder as TranscoderService,
  type Capabilities,
  type NotifySegment,
  type VideoProfile,
} from '../orchestrator/proto/generated/lp_rpc_pb.js';
import {
  encodeResultParts,
  renditionContentType,
  TRANSCODER_AUTH,
  TRANSCODING_ERROR_TYPE,
} from '../orchestrator/remote/results-multipart.ts';
import { INVALID_SECRET, ZERO_CAPACITY } from '../orchestrator/remote/remote-transcoders.ts';

/** The transcoding engine as transcoder mode needs it (src-main/media through media-adapter.ts). */
export interface TranscoderEngine {
  transcode(
    sessionId: string,
    input: Uint8Array,
    profiles: readonly VideoProfile[],
    o: { signal: AbortSignal; timeoutMs: number },
  ): Promise<{ renditions: { data: Uint8Array; pixels: bigint; format: 'mpegts' | 'mp4' }[]; inputPixels: bigint }>;
  endSession(sessionId: string): void;
}

export const TranscoderState = {
  Off: 'off',
  Connecting: 'connecting',
  Connected: 'connected',
  Backoff: 'backoff',
  Stopped: 'stopped',
} as const;
export type TranscoderState = (typeof TranscoderState)[keyof typeof TranscoderState];

export interface TranscoderStatus {
  readonly state: TranscoderState;
  readonly orchAddr: string;
  readonly maxSessions: number;
  /** Why it stopped (fatal refusal) or the last connection error. */
  readonly message: string | null;
  readonly jobsDone: number;
  readonly jobsFailed: number;
  readonly activeJobs: number;
  readonly sessions: number;
  /** ms since epoch of the next reconnect attempt (state backoff). */
  readonly retryAt: number | null;
  readonly connections: number;
}

export interface TranscoderClientOptions {
  /** host:port of the orchestrator's service port. */
  readonly orchAddr: string;
  readonly secret: string;
  readonly maxSessions: number;
  readonly engine: TranscoderEngine;
  readonly capabilities: Capabilities;
  readonly log: Logger;
  /** Backoff (go-livepeer: backoff.ExponentialBackOff, initial 500 ms ×1.5, max 1 min). */
  readonly backoff?: { initialMs: number; maxMs: number; multiplier: number };
  /** Input download timeout (go-livepeer core/os.go: 4 s). */
  readonly downloadTimeoutMs?: number;
  readonly onStatus?: (s: TranscoderStatus) => void;
}

export interface TranscoderClient {
  status(): TranscoderStatus;
  /** off: running jobs finish, then the stream closes; on: registers again. */
  setEnabled(on: boolean): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 60_000, multiplier: 1.5 };
const FATAL = [INVALID_SECRET, ZERO_CAPACITY];

/**
 * The input URL as given, except that an orchestrator advertising a wildcard address (bound to
 * 0.0.0.0 / :: with no service URI set) is reached at the address this transcoder connected to.
 */
export function inputUrl(url: string, orchAddr: string): string {
  const u = new URL(url);
  if (u.hostname !== '0.0.0.0' && u.hostname !== '[::]') return url;
  u.hostname = new URL(`https://${orchAddr}`).hostname;
  return u.toString();
}

function download(url: string, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const req = httpsGet(url, { rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(new Uint8Array(Buffer.concat(chunks)))
          : reject(new Error(`input download: HTTP ${res.statusCode ?? 0}`)),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('input download timed out')));
    req.on('error', reject);
  });
}

export function startTranscoderClient(o: TranscoderClientOptions): TranscoderClient {
  const log = o.log.child('transcoder');
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const base = `https://${o.orchAddr}`;
  const transport = createGrpcTransport({ baseUrl: base, nodeOptions: { rejectUnauthorized: false } });
  const client = createClient(TranscoderService, transport);
  const sessions = new Set<string>();
  const jobs = new Set<Promise<void>>();
  let state: TranscoderState = TranscoderState.Off;
  let message: string | null = null;
  let jobsDone = 0;
  let jobsFailed = 0;
  let retryAt: number | null = null;
  let connections = 0;
  let enabled = false;
  let stream: AbortController | null = null;
  let loop: Promise<void> | null = null;
  let wakeBackoff: (() => void) | null = null;
  let h2: ClientHttp2Session | null = null;

  const status = (): TranscoderStatus => ({
    state,
    orchAddr: o.orchAddr,
    maxSessions: o.maxSessions,
    message,
    jobsDone,
    jobsFailed,
    activeJobs: jobs.size,
    sessions: sessions.size,
    retryAt,
    connections,
  });
  const set = (s: TranscoderState, m: string | null = message) => {
    state = s;
    message = m;
    o.onStatus?.(status());
  };

  const resultsSession = (): ClientHttp2Session => {
    if (h2 && !h2.closed && !h2.destroyed) return h2;
    const s = h2connect(base, { rejectUnauthorized: false });
    s.on('error', () => undefined);
    s.unref();
    h2 = s;
    return s;
  };

  const postResult = (headers: Record<string, string>, body: Uint8Array): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = resultsSession().request({
        [constants.HTTP2_HEADER_METHOD]: 'POST',
        [constants.HTTP2_HEADER_PATH]: '/transcodeResults',
        ...headers,
      });
      req.setTimeout(30_000, () => req.close(constants.NGHTTP2_CANCEL));
      let code = 0;
      req.on('response', (h) => (code = Number(h[constants.HTTP2_HEADER_STATUS])));
      req.on('data', () => undefined);
      req.on('end', () => resolve(code));
      req.on('error', reject);
      req.end(body);
    });

  const runJob = async (n: NotifySegment): Promise<void> => {
    const seg = n.segData;
    const sessionId = seg?.authToken?.sessionId ?? '';
    const profiles = seg
      ? seg.fullProfiles3.length
        ? seg.fullProfiles3
        : seg.fullProfiles2.length
          ? seg.fullProfiles2
          : seg.fullProfiles
      : [];
    const durationMs = seg?.duration || 2000;
    const headers: Record<string, string> = {
      authorization: TRANSCODER_AUTH,
      credentials: o.secret,
      taskid: n.taskId.toString(),
    };
    let body: Uint8Array;
    try {
      sessions.add(sessionId);
      const started = Date.now();
      const input = await download(inputUrl(n.url, o.orchAddr), o.downloadTimeoutMs ?? 4_000);
      log.debug(`task ${n.taskId}: input ${input.length} bytes in ${Date.now() - started} ms`);
      const r = await o.engine.transcode(sessionId, input, profiles, {
        signal: AbortSignal.timeout(Math.max(8_000, 4 * durationMs)),
        timeoutMs: Math.max(8_000, 4 * durationMs),
      });
      const enc = encodeResultParts(
        r.renditions.map((x) => ({ contentType: renditionContentType(x.format), data: x.data, pixels: x.pixels })),
      );
      headers['pixels'] = r.inputPixels.toString();
      headers['content-type'] = enc.contentType;
      body = enc.body;
      jobsDone++;
      log.debug(`task ${n.taskId}: transcoded in ${Date.now() - started} ms`);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      log.warn(`task ${n.taskId} failed: ${text}`);
      headers['pixels'] = '0';
      headers['content-type'] = TRANSCODING_ERROR_TYPE;
      body = new TextEncoder().encode(text);
      jobsFailed++;
    }
    try {
      const posting = Date.now();
      const code = await postResult(headers, body);
      log.debug(`task ${n.taskId}: results answered ${code} in ${Date.now() - posting} ms`);
      if (code !== 200) log.warn(`task ${n.taskId}: /transcodeResults answered ${code}`);
    } catch (err) {
      log.warn(`task ${n.taskId}: posting results failed: ${(err as Error).message}`);
    }
    o.onStatus?.(status());
  };

  const onNotify = (n: NotifySegment) => {
    const sessionId = n.segData?.authToken?.sessionId ?? '';
    if (!n.url && sessionId) {
      // Teardown: the orchestrator ended the session.
      sessions.delete(sessionId);
      o.engine.endSession(sessionId);
      o.onStatus?.(status());
      return;
    }
    log.debug(`task ${n.taskId}: received (${sessionId}/${n.segData?.seq ?? '?'})`);
    const job = runJob(n).finally(() => jobs.delete(job));
    jobs.add(job);
    o.onStatus?.(status());
  };

  /** One registration: resolves when the stream ends; returns the error text, or null on a clean end. */
  const registerOnce = async (ac: AbortController): Promise<string | null> => {
    set(TranscoderState.Connecting, null);
    connections++;
    // go-livepeer's gRPC stream gives no "registered" signal: treat 1 s without a refusal as connected.
    const settled = setTimeout(
      () => state === TranscoderState.Connecting && set(TranscoderState.Connected, null),
      1000,
    );
    try {
      const req = create(RegisterRequestSchema, {
        secret: o.secret,
        capacity: BigInt(o.maxSessions),
        capabilities: o.capabilities,
      });
      for await (const n of client.registerTranscoder(req, { signal: ac.signal })) {
        if (state !== TranscoderState.Connected) set(TranscoderState.Connected, null);
        onNotify(n);
      }
      return null;
    } catch (err) {
      return err instanceof ConnectError ? err.rawMessage : (err as Error).message;
    } finally {
      clearTimeout(settled);
    }
  };

  const run = async () => {
    let delay = backoff.initialMs;
    while (enabled) {
      const ac = new AbortController();
      stream = ac;
      const started = Date.now();
      const error = await registerOnce(ac);
      stream = null;
      if (!enabled) break;
      if (error && FATAL.includes(error)) {
        log.error(`orchestrator refused registration: ${error}; not reconnecting`);
        enabled = false;
        set(TranscoderState.Stopped, `Orchestrator refused: ${error}`);
        return;
      }
      // A registration that lasted resets the backoff.
      if (Date.now() - started > 10_000) delay = backoff.initialMs;
      const wait = Math.round(delay * (0.5 + Math.random()));
      delay = Math.min(backoff.maxMs, delay * backoff.multiplier);
      retryAt = Date.now() + wait;
      set(TranscoderState.Backoff, error ?? 'stream closed by the orchestrator');
      log.info(`registration ended (${message ?? ''}); retrying in ${Math.round(wait)} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        wakeBackoff = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wakeBackoff = null;
      retryAt = null;
    }
  };

  const setEnabled = async (on: boolean) => {
    if (on) {
      if (enabled) return;
      enabled = true;
      message = null;
      loop = run();
      return;
    }
    enabled = false;
    wakeBackoff?.();
    // Finish running jobs (their results are posted), then deregister by closing the stream. Jobs that
    // arrive meanwhile are finished too; nothing can start between the last check and the abort.
    while (jobs.size > 0) await Promise.allSettled([...jobs]);
    stream?.abort();
    await loop;
    loop = null;
    set(TranscoderState.Off, null);
  };

  return {
    status,
    setEnabled,
    async close() {
      await setEnabled(false);
      h2?.close();
      for (const s of sessions) o.engine.endSession(s);
      sessions.clear();
    },
  };
}
