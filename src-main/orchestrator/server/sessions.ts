// Transcode sessions keyed by the auth token's session id (go-livepeer core/orchestrator.go
// SegmentChans): a session counts against capacity from its first accepted segment until it is
// idle for 70 s or ended by the gateway. Each runs its segments one at a time with at most 4
// waiting (maxSegmentChannels); a fifth is refused with OrchestratorBusy.
export const SESSION_IDLE_MS = 70_000;
export const MAX_QUEUED_SEGMENTS = 4;

export const ORCHESTRATOR_CAPPED = 'OrchestratorCapped';
export const ORCHESTRATOR_BUSY = 'OrchestratorBusy';

interface Session {
  readonly id: string;
  queued: number;
  tail: Promise<unknown>;
  idleTimer: NodeJS.Timeout | null;
}

export interface Sessions {
  /** null when the session may run (existing, or room for a new one), else the refusal. */
  checkCapacity(sessionId: string | null): string | null;
  /** Runs a job in the session's queue, creating the session if needed; throws ORCHESTRATOR_BUSY when full. */
  run<T>(sessionId: string, job: () => Promise<T>): Promise<T>;
  end(sessionId: string): boolean;
  count(): number;
  /** false: no new sessions (transcoding toggled off); running ones continue. */
  setAccepting(accepting: boolean): void;
  accepting(): boolean;
  onEnd(listener: (sessionId: string) => void): void;
  close(): void;
}

export function createSessions(opts: { maxSessions: () => number; idleMs?: number }): Sessions {
  const idleMs = opts.idleMs ?? SESSION_IDLE_MS;
  const sessions = new Map<string, Session>();
  const endListeners: ((id: string) => void)[] = [];
  let accepting = true;

  const end = (id: string): boolean => {
    const s = sessions.get(id);
    if (!s) return false;
    if (s.idleTimer) clearTimeout(s.idleTimer);
    sessions.delete(id);
    for (const l of endListeners) l(id);
    return true;
  };
  const armIdle = (s: Session) => {
    if (s.idleTimer) clearTimeout(s.idleTimer);
    s.idleTimer = setTimeout(() => {
      if (s.queued === 0) end(s.id);
    }, idleMs);
    s.idleTimer.unref();
  };
  const checkCapacity = (id: string | null): string | null => {
    if (id !== null && sessions.has(id)) return null;
    if (!accepting || sessions.size >= opts.maxSessions()) return ORCHESTRATOR_CAPPED;
    return null;
  };

  return {
    checkCapacity,
    async run(id, job) {
      let s = sessions.get(id);
      if (!s) {
        const refusal = checkCapacity(id);
        if (refusal) throw new Error(refusal);
        s = { id, queued: 0, tail: Promise.resolve(), idleTimer: null };
        sessions.set(id, s);
      }
      if (s.queued >= MAX_QUEUED_SEGMENTS + 1) throw new Error(ORCHESTRATOR_BUSY);
      s.queued++;
      if (s.idleTimer) clearTimeout(s.idleTimer);
      const session = s;
      const result = session.tail.then(job);
      session.tail = result
        .catch(() => undefined)
        .finally(() => {
          session.queued--;
          if (session.queued === 0 && sessions.get(id) === session) armIdle(session);
        });
      return result;
    },
    end,
    count: () => sessions.size,
    setAccepting(a) {
      accepting = a;
    },
    accepting: () => accepting,
    onEnd(l) {
      endListeners.push(l);
    },
    close() {
      for (const id of [...sessions.keys()]) end(id);
    },
  };
}
