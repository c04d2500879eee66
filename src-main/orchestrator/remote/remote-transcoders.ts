// The orchestrator's side of standalone transcoders (go-livepeer server/ot_rpc.go and
// core/orchestrator.go RemoteTranscoderManager): RegisterTranscoder streams authenticated by the
// orchestrator secret, sessions pinned to one transcoder (the least loaded for a new session),
// segments sent as NotifySegment with the input served at /stream/{session}/{seq}.tempfile, and
// results taken from POST /transcodeResults. A transcoder that drops its stream or stays silent
// past the segment timeout is removed (only that one), and its segments are retried on another.
// Used as the node's SegmentTranscoder: the orchestrator neither knows nor cares.
import { create } from '@bufbuild/protobuf';
import {
  AuthTokenSchema,
  NotifySegmentSchema,
  SegDataSchema,
  VideoProfileSchema,
  type Capabilities,
  type NotifySegment,
  type RegisterRequest,
  type SegData,
  type VideoProfile,
} from '../proto/generated/lp_rpc_pb.js';
import type { Logger } from '../../log/logger.ts';
import { compatibleWith, orchestratorCapabilities } from '../server/capabilities.ts';
import { ProtocolError } from '../server/orchestrator.ts';
import {
  H264_PROFILES,
  WIRE_CODECS,
  WIRE_FORMATS,
  type RenditionProfile,
} from '../../../src-shared/domain/profiles.ts';
import type { Rendition, SegmentTranscoder, SegmentToTranscode } from '../server/segment-transcoder.ts';
import { multipartBoundary, parseResultParts, TRANSCODER_AUTH, TRANSCODING_ERROR_TYPE } from './results-multipart.ts';

export const INVALID_SECRET = 'invalid secret';
export const ZERO_CAPACITY = 'zero capacity';
export const NO_TRANSCODERS = 'no transcoders available';
/** go-livepeer waits max(8 s, 4 × segment duration) for a remote result. */
export const MIN_SEGMENT_TIMEOUT_MS = 8_000;

export interface RemoteTranscoderInfo {
  readonly id: number;
  /** ip:port the stream came from. */
  readonly address: string;
  /** Sessions (streams), as the transcoder's -maxSessions. */
  readonly capacity: number;
  /** Sessions pinned to it now. */
  readonly load: number;
  readonly segments: number;
  readonly errors: number;
  readonly lastError: string | null;
  readonly connectedAt: number;
}

export interface RemovedTranscoder {
  readonly id: number;
  readonly address: string;
  readonly reason: string;
}

export interface RemoteTranscodersOptions {
  /** The orchestrator secret (-orchSecret); read on each registration and result. */
  secret(): string;
  readonly log: Logger;
  /** Floor of the per-segment timeout (tests shorten it). */
  readonly minTimeoutMs?: number;
  readonly onChange?: (list: RemoteTranscoderInfo[]) => void;
  readonly onRemoved?: (t: RemovedTranscoder) => void;
}

export interface TaskEvent {
  readonly stage: 'sent' | 'fetched';
  readonly transcoderId: number;
  readonly taskId: bigint;
}

export interface ResultsAnswer {
  readonly status: number;
  readonly text: string;
}

export interface RemoteTranscoders {
  readonly transcoder: SegmentTranscoder;
  /** The RegisterTranscoder handler: validates, then yields NotifySegment until the stream ends. */
  register(req: RegisterRequest, peer: string, signal: AbortSignal): AsyncGenerator<NotifySegment>;
  /** POST /transcodeResults with its headers (lower-case names) and body. */
  results(headers: Readonly<Record<string, string | string[] | undefined>>, body: Uint8Array): ResultsAnswer;
  /** A segment input for GET /stream/{path} (path without the prefix), while its task runs. */
  input(path: string): Uint8Array | undefined;
  /** Where transcoders download inputs from, and the orchId sent with each segment. */
  bind(o: { serviceUri(): string; orchId(): string }): void;
  /** Σ capacities: the advertised capacity (go-livepeer -maxSessions auto). */
  capacity(): number;
  list(): RemoteTranscoderInfo[];
  /** Segments moved to another transcoder after theirs was lost. */
  retried(): number;
  /**
   * Observes each task: `sent` when its NotifySegment is queued for the transcoder, `fetched` when the
   * transcoder downloads the input (it is transcoding from then on). The failover test kills a
   * transcoder right then. Returns the unsubscribe.
   */
  onTask(listener: (e: TaskEvent) => void): () => void;
  close(): void;
}

/** The transcoder went away or timed out: the segment may be retried on another. */
class TranscoderLost extends Error {}

interface Task {
  resolve(r: Rendition[]): void;
  reject(e: Error): void;
}

interface Remote {
  readonly id: number;
  readonly address: string;
  readonly capacity: number;
  readonly capabilities: Capabilities;
  readonly connectedAt: number;
  readonly sessions: Set<string>;
  readonly tasks: Map<bigint, Task>;
  readonly queue: NotifySegment[];
  wake: (() => void) | null;
  closed: boolean;
  segments: number;
  errors: number;
  lastError: string | null;
}

export function wireProfile(p: RenditionProfile): VideoProfile {
  return create(VideoProfileSchema, {
    name: p.name,
    width: p.width,
    height: p.height,
    bitrate: p.bitrate,
    fps: p.fps,
    fpsDen: p.fpsDen,
    // The wire enums are the lists' indexes.
    format: WIRE_FORMATS.indexOf(p.format),
    profile: H264_PROFILES.indexOf(p.profile),
    encoder: WIRE_CODECS.indexOf(p.codec),
    gop: p.gopMs,
    quality: p.quality,
  });
}

/** SegData as O forwards it: the gateway's, with hash zeroed and storage omitted. */
function forwardedSegData(seg: SegmentToTranscode): SegData {
  const base = seg.seg
    ? create(SegDataSchema, { ...seg.seg, hash: new Uint8Array(), storage: [] })
    : create(SegDataSchema, { seq: seg.seq, duration: seg.durationMs });
  if (!base.authToken) base.authToken = create(AuthTokenSchema, { sessionId: seg.sessionId });
  if (!base.fullProfiles3.length && !base.fullProfiles2.length && !base.fullProfiles.length)
    base.fullProfiles3 = seg.profiles.map(wireProfile);
  return base;
}

function header(h: Readonly<Record<string, string | string[] | undefined>>, name: string): string {
  const v = h[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function createRemoteTranscoders(o: RemoteTranscodersOptions): RemoteTranscoders {
  const log = o.log.child('remote');
  const minTimeoutMs = o.minTimeoutMs ?? MIN_SEGMENT_TIMEOUT_MS;
  const remotes = new Map<number, Remote>();
  const pins = new Map<string, Remote>();
  const inputs = new Map<string, { data: Uint8Array; transcoderId: number; taskId: bigint }>();
  let nextId = 1;
  let taskCounter = 0n;
  let retried = 0;
  let bound = { serviceUri: () => '', orchId: () => 'offchain' };
  const taskListeners = new Set<(e: TaskEvent) => void>();
  const taskEvent = (e: TaskEvent) => taskListeners.forEach((l) => l(e));

  const info = (r: Remote): RemoteTranscoderInfo => ({
    id: r.id,
    address: r.address,
    capacity: r.capacity,
    load: r.sessions.size,
    segments: r.segments,
    errors: r.errors,
    lastError: r.lastError,
    connectedAt: r.connectedAt,
  });
  const list = () => [...remotes.values()].map(info);
  const changed = () => o.onChange?.(list());

  const send = (r: Remote, m: NotifySegment) => {
    r.queue.push(m);
    r.wake?.();
  };

  const remove = (r: Remote, reason: string) => {
    if (r.closed) return;
    r.closed = true;
    r.wake?.();
    remotes.delete(r.id);
    for (const s of r.sessions) if (pins.get(s) === r) pins.delete(s);
    r.sessions.clear();
    for (const t of r.tasks.values()) t.reject(new TranscoderLost(reason));
    r.tasks.clear();
    log.warn(`transcoder ${r.id} (${r.address}) removed: ${reason}`);
    o.onRemoved?.({ id: r.id, address: r.address, reason });
    changed();
  };

  const pick = (seg: SegmentToTranscode, tried: Set<Remote>): Remote => {
    const sessionId = seg.sessionId;
    const pinned = pins.get(sessionId);
    if (pinned && !pinned.closed && !tried.has(pinned)) return pinned;
    if (pinned) {
      pinned.sessions.delete(sessionId);
      pins.delete(sessionId);
    }
    let best: Remote | null = null;
    for (const r of remotes.values()) {
      if (tried.has(r) || r.sessions.size >= r.capacity) continue;
      // The transcoder must be able to run the gateway's job (capabilities and minimum version).
      if (seg.seg && !compatibleWith(seg.seg.capabilities, r.capabilities)) continue;
      if (!best || r.sessions.size / r.capacity < best.sessions.size / best.capacity) best = r;
    }
    if (!best) throw new Error(NO_TRANSCODERS);
    best.sessions.add(sessionId);
    pins.set(sessionId, best);
    changed();
    return best;
  };

  const runOn = (r: Remote, seg: SegmentToTranscode, signal: AbortSignal): Promise<Rendition[]> => {
    const taskId = ++taskCounter;
    const path = `${encodeURIComponent(seg.sessionId)}/${seg.seq}.tempfile`;
    inputs.set(path, { data: seg.data, transcoderId: r.id, taskId });
    const timeoutMs = Math.max(minTimeoutMs, 4 * seg.durationMs);
    return new Promise<Rendition[]>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        r.tasks.delete(taskId);
        inputs.delete(path);
      };
      const onAbort = () => {
        done();
        reject(new Error('segment cancelled'));
      };
      r.tasks.set(taskId, {
        resolve: (v) => {
          done();
          resolve(v);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      signal.addEventListener('abort', onAbort);
      timer = setTimeout(() => {
        r.errors++;
        r.lastError = `no result for segment ${seg.seq} within ${timeoutMs} ms`;
        remove(r, r.lastError);
      }, timeoutMs);
      send(
        r,
        create(NotifySegmentSchema, {
          url: `${bound.serviceUri()}/stream/${path}`,
          segData: forwardedSegData(seg),
          taskId,
          profiles: new TextEncoder().encode('invalid'),
          orchId: bound.orchId(),
        }),
      );
      taskEvent({ stage: 'sent', transcoderId: r.id, taskId });
    });
  };

  const transcoder: SegmentTranscoder = {
    async transcode(seg, signal) {
      const tried = new Set<Remote>();
      for (;;) {
        const r = pick(seg, tried);
        try {
          const out = await runOn(r, seg, signal);
          r.segments++;
          changed();
          return out;
        } catch (err) {
          if (!(err instanceof TranscoderLost) || signal.aborted) throw err;
          tried.add(r);
          retried++;
          log.info(`segment ${seg.sessionId}/${seg.seq}: retrying after transcoder ${r.id} was lost`);
        }
      }
    },
    endSession(sessionId) {
      const r = pins.get(sessionId);
      if (!r) return;
      pins.delete(sessionId);
      r.sessions.delete(sessionId);
      // Teardown: empty url, only segData.auth_token.session_id set.
      send(
        r,
        create(NotifySegmentSchema, {
          segData: create(SegDataSchema, { authToken: create(AuthTokenSchema, { sessionId }) }),
        }),
      );
      changed();
    },
  };

  return {
    transcoder,
    async *register(req, peer, signal) {
      if (req.secret !== o.secret()) throw new ProtocolError(401, INVALID_SECRET);
      if (req.capacity <= 0n) throw new ProtocolError(400, ZERO_CAPACITY);
      const r: Remote = {
        id: nextId++,
        address: peer,
        capacity: Number(req.capacity),
        // A transcoder that sends none is given the defaults (go-livepeer); its version is unknown then.
        capabilities: req.capabilities ?? orchestratorCapabilities(''),
        connectedAt: Date.now(),
        sessions: new Set(),
        tasks: new Map(),
        queue: [],
        wake: null,
        closed: false,
        segments: 0,
        errors: 0,
        lastError: null,
      };
      remotes.set(r.id, r);
      log.info(`transcoder ${r.id} (${peer}) registered with capacity ${r.capacity}`);
      changed();
      const onAbort = () => remove(r, 'stream closed');
      signal.addEventListener('abort', onAbort);
      try {
        while (!r.closed) {
          const m = r.queue.shift();
          if (m) {
            yield m;
            continue;
          }
          await new Promise<void>((resolve) => (r.wake = resolve));
          r.wake = null;
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        remove(r, 'stream closed');
      }
    },
    results(h, body) {
      if (header(h, 'authorization') !== TRANSCODER_AUTH) return { status: 401, text: 'Unauthorized' };
      if (header(h, 'credentials') !== o.secret()) return { status: 401, text: 'Unauthorized' };
      const contentType = header(h, 'content-type');
      const isError = contentType.split(';')[0]?.trim().toLowerCase() === TRANSCODING_ERROR_TYPE;
      const boundary = isError ? null : multipartBoundary(contentType);
      if (!isError && boundary === null) return { status: 415, text: 'Unsupported Media Type' };
      const taskText = header(h, 'taskid');
      if (!/^-?\d+$/.test(taskText)) return { status: 400, text: 'Bad Request' };
      if (!/^\d+$/.test(header(h, 'pixels'))) return { status: 400, text: 'Bad Request' };
      const taskId = BigInt(taskText);
      let owner: Remote | undefined;
      for (const r of remotes.values()) if (r.tasks.has(taskId)) owner = r;
      const task = owner?.tasks.get(taskId);
      if (isError) {
        const text = new TextDecoder().decode(body);
        if (owner && task) {
          owner.errors++;
          owner.lastError = text;
          task.reject(new Error(text));
          changed();
        }
        return { status: 200, text: 'OK' };
      }
      let renditions: Rendition[];
      try {
        renditions = parseResultParts(body, boundary as string)
          .filter((p) => p.headers['content-type'] !== 'application/octet-stream')
          .map((p) => {
            const px = p.headers['pixels'] ?? '';
            if (!/^\d+$/.test(px)) throw new Error('bad Pixels');
            return { data: p.data, pixels: BigInt(px) };
          });
      } catch (err) {
        return { status: 500, text: (err as Error).message };
      }
      task?.resolve(renditions);
      return { status: 200, text: 'OK' };
    },
    input(path) {
      const i = inputs.get(path);
      if (i) taskEvent({ stage: 'fetched', transcoderId: i.transcoderId, taskId: i.taskId });
      return i?.data;
    },
    bind(b) {
      bound = b;
    },
    capacity: () => [...remotes.values()].reduce((n, r) => n + r.capacity, 0),
    list,
    retried: () => retried,
    onTask(listener) {
      taskListeners.add(listener);
      return () => taskListeners.delete(listener);
    },
    close() {
      for (const r of [...remotes.values()]) remove(r, 'orchestrator stopped');
    },
  };
}
