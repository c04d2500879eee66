// Repeated warnings an outsider can trigger (refused logins, bad requests) must not push the real
// entries out of the bounded log ring: the first few per window are logged as they come, the rest
// are counted and summed up in one line when the next window starts.
export interface LogThrottle {
  /** Logs the message (or counts it when the window's quota is used up). */
  note(message: string): void;
}

export function createLogThrottle(o: {
  write: (message: string) => void;
  /** Lines logged per window before counting starts. */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
  /** What is being counted, for the summary line ("refused WebSocket logins"). */
  what: string;
}): LogThrottle {
  const perWindow = o.perWindow ?? 5;
  const windowMs = o.windowMs ?? 60_000;
  const now = o.now ?? Date.now;
  let windowStart = -Infinity;
  let logged = 0;
  let suppressed = 0;
  return {
    note(message) {
      const t = now();
      if (t - windowStart >= windowMs) {
        if (suppressed > 0)
          o.write(`${suppressed} more ${o.what} in the last ${Math.round(windowMs / 1000)} s (not logged one by one)`);
        windowStart = t;
        logged = 0;
        suppressed = 0;
      }
      if (logged < perWindow) {
        logged++;
        o.write(logged === perWindow ? `${message} (further ones in this window are only counted)` : message);
      } else suppressed++;
    },
  };
}
