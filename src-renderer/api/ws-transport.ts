// The WebSocket transport for the headless host. The access token arrives in the page URL once;
// it is moved to the origin's localStorage (new tabs and bookmarks of this origin keep working: the
// host keeps its token across restarts) and removed from the address bar so it is not shared. When
// the socket cannot open, the host's access check tells a host that is down (keep retrying: it
// comes back by itself) from a token it refuses (stop, and say how to get the URL again).
import {
  CallResponseSchema,
  ErrorCode,
  type CallResponse,
  type EventMessage,
} from '../../src-shared/contract/index.ts';
import type { Transport } from './transport.ts';

const TOKEN_KEY = 'livepeer-miner.token';
const CALL_TIMEOUT_MS = 60_000;

export function takeAccessToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

/** Drops a refused token, unless another tab has stored a newer one meanwhile. */
export function forgetAccessToken(storage: Storage, token: string): void {
  if (storage.getItem(TOKEN_KEY) === token) storage.removeItem(TOKEN_KEY);
}

export interface WsTransportOptions {
  /** Asks the host whether the token is valid: true, false, or null when the host does not answer. */
  checkAccess: () => Promise<boolean | null>;
  /** The token was refused: called once, before the listeners. */
  onRefused?: () => void;
}

/** The host's answer at ACCESS_PATH (headless-server.ts): 204 valid, 401 refused, anything else unknown. */
export function accessChecker(origin: string, token: string): () => Promise<boolean | null> {
  return async () => {
    if (token === '') return false;
    try {
      const res = await fetch(`${origin}/api/access`, { headers: { authorization: `Bearer ${token}` } });
      return res.status === 204 ? true : res.status === 401 ? false : null;
    } catch {
      return null;
    }
  };
}

export function createWsTransport(apiUrl: string, options: WsTransportOptions): Transport {
  const eventListeners = new Set<(message: EventMessage) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const refusedListeners = new Set<() => void>();
  let refused = false;
  const pending = new Map<number, { resolve: (r: CallResponse) => void; timer: ReturnType<typeof setTimeout> }>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let retryMs = 500;

  const setConnected = (connected: boolean): void => {
    for (const listener of connectionListeners) listener(connected);
  };

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(apiUrl);
      ws.onopen = () => {
        socket = ws;
        retryMs = 500;
        setConnected(true);
        resolve(ws);
      };
      ws.onmessage = (msg) => onFrame(String(msg.data));
      ws.onclose = () => {
        const wasOpen = socket === ws;
        socket = null;
        opened = null;
        for (const [id, call] of pending) {
          clearTimeout(call.timer);
          call.resolve({
            ok: false,
            error: { code: ErrorCode.Unavailable, message: 'Lost the connection to the node' },
          });
          pending.delete(id);
        }
        if (wasOpen) setConnected(false);
        else reject(new Error('Could not connect to the node'));
        if (wasOpen) return retry();
        // Never opened: a refused token will not get better; a host that is down will come back.
        void options.checkAccess().then((valid) => {
          if (valid !== false) return retry();
          refused = true;
          options.onRefused?.();
          for (const listener of refusedListeners) listener();
        });
      };
    });
    return opened;
  }

  // Keep trying, so the UI comes back by itself after the host restarts (at most every 2 s: it is a local host).
  function retry(): void {
    setTimeout(() => void connect().catch(() => undefined), retryMs);
    retryMs = Math.min(retryMs * 2, 2_000);
  }

  function onFrame(text: string): void {
    let frame: { type?: string; id?: number; event?: string; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (frame.type === 'event' && typeof frame.event === 'string') {
      const message: EventMessage = { event: frame.event, payload: frame.payload };
      for (const listener of eventListeners) listener(message);
    } else if (frame.type === 'result' && typeof frame.id === 'number') {
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      clearTimeout(call.timer);
      const parsed = CallResponseSchema.safeParse(frame);
      call.resolve(
        parsed.success
          ? (parsed.data as CallResponse)
          : { ok: false, error: { code: ErrorCode.Internal, message: 'Malformed answer from the node' } },
      );
    }
  }

  void connect().catch(() => undefined);

  return {
    kind: 'ws',
    async call(service, method, input) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch {
        return { ok: false, error: { code: ErrorCode.Unavailable, message: 'The node is not reachable' } };
      }
      const id = nextId++;
      return new Promise<CallResponse>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: ErrorCode.Timeout, message: `${service}.${method} timed out` } });
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        ws.send(JSON.stringify({ type: 'call', id, service, method, input }));
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      if (socket) listener(true);
      return () => connectionListeners.delete(listener);
    },
    onRefused(listener) {
      refusedListeners.add(listener);
      if (refused) listener();
      return () => refusedListeners.delete(listener);
    },
  };
}
