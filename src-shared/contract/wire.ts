// The envelopes both transports carry. IPC and WebSocket move the same JSON shapes, so the
// router, the preload and the renderer client share one definition of success and failure.
import { z } from 'zod';
import { ErrorCode, type ErrorPayload } from './errors.ts';

/** Upper bound of one request's JSON, so a hostile page cannot make main parse megabytes. */
export const MAX_REQUEST_BYTES = 256 * 1024;

export const CallRequest = z.object({
  service: z.string().min(1).max(64),
  method: z.string().min(1).max(64),
  input: z.unknown(),
});
export type CallRequest = z.infer<typeof CallRequest>;

export type CallResponse = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

export const ErrorPayloadSchema = z.object({
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const CallResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayloadSchema }),
]);

export interface EventMessage {
  readonly event: string;
  readonly payload: unknown;
}

/** WebSocket frames: the client sends calls with an id, the server answers with the same id. */
export const WsClientFrame = CallRequest.extend({ type: z.literal('call'), id: z.number().int().nonnegative() });
export type WsClientFrame = z.infer<typeof WsClientFrame>;
export type WsServerFrame =
  | ({ type: 'result'; id: number } & CallResponse)
  | ({ type: 'event' } & EventMessage)
  | { type: 'error'; error: ErrorPayload };

/** The object the Electron preload exposes as `window.livepeerMiner`. */
export interface DesktopBridge {
  readonly invoke: (service: string, method: string, input: unknown) => Promise<CallResponse>;
  readonly subscribe: (listener: (message: EventMessage) => void) => () => void;
}

/** IPC channel names; the preload is the only renderer-side code that knows them. */
export const IPC_INVOKE_CHANNEL = 'livepeer-miner:invoke';
export const IPC_EVENT_CHANNEL = 'livepeer-miner:event';
