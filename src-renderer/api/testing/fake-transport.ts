// A transport for component tests: answers calls from handlers the test registers (unknown calls
// fail with UNAVAILABLE, so a test sees what it forgot), records every call, and lets the test push
// events and connection changes the way the host would. Test harness: production code may not
// import it (lint).
import { ErrorCode, type CallResponse, type EventMessage } from '../../../src-shared/contract/index.ts';
import type { Transport } from '../transport.ts';

type Handler = (input: unknown) => unknown;

export interface FakeTransport extends Transport {
  /** Answers `service.method` with what the handler returns (a thrown AppError-like becomes an error response). */
  answer(name: string, handler: Handler): void;
  /** Every call so far, in order. */
  readonly calls: { name: string; input: unknown }[];
  emit(event: string, payload: unknown): void;
  setConnected(connected: boolean): void;
  /** How many listeners are subscribed (0 after the state is stopped). */
  listenerCount(): number;
}

export function createFakeTransport(): FakeTransport {
  const handlers = new Map<string, Handler>();
  const events = new Set<(message: EventMessage) => void>();
  const connection = new Set<(connected: boolean) => void>();
  const calls: { name: string; input: unknown }[] = [];
  let connected = false;
  return {
    kind: 'ws',
    calls,
    answer: (name, handler) => void handlers.set(name, handler),
    async call(service, method, input): Promise<CallResponse> {
      const name = `${service}.${method}`;
      calls.push({ name, input });
      const handler = handlers.get(name);
      if (!handler) return { ok: false, error: { code: ErrorCode.Unavailable, message: `no answer for ${name}` } };
      try {
        return { ok: true, result: await handler(input) };
      } catch (err) {
        const e = err as { code?: string; message?: string; details?: Record<string, unknown> };
        const code = (e.code as ErrorCode | undefined) ?? ErrorCode.Internal;
        const message = e.message ?? String(err);
        return { ok: false, error: e.details ? { code, message, details: e.details } : { code, message } };
      }
    },
    subscribe(listener) {
      events.add(listener);
      return () => void events.delete(listener);
    },
    onConnection(listener) {
      connection.add(listener);
      if (connected) listener(true);
      return () => void connection.delete(listener);
    },
    emit(event, payload) {
      for (const listener of [...events]) listener({ event, payload });
    },
    setConnected(next) {
      connected = next;
      for (const listener of [...connection]) listener(next);
    },
    listenerCount: () => events.size + connection.size,
  };
}
