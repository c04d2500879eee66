// The one typed client the UI calls. It is bound to a transport by `state/connect.ts` (started by
// app/main.tsx, or by a test with a fake transport); nothing here opens a connection on import.
import type { EventName, Events } from '../../src-shared/contract/index.ts';
import type { z } from 'zod';
import { createApiClient, onEvent, type ApiClient } from './client.ts';
import type { Transport } from './transport.ts';

let bound: { transport: Transport; client: ApiClient } | null = null;

function current(): { transport: Transport; client: ApiClient } {
  if (!bound) throw new Error('The API is not connected yet: call connect(transport) first');
  return bound;
}

/** Points `api`, `subscribe` and `onConnection` at this transport (state/connect.ts calls it). */
export function bindApi(transport: Transport): void {
  bound = { transport, client: createApiClient(transport) };
}

/** `api.wallet.status()` etc., on the bound transport. */
export const api: ApiClient = new Proxy({} as ApiClient, {
  get: (_target, service: string) => (current().client as unknown as Record<string, unknown>)[service],
});

/** One contract event on the bound transport (for components that follow an event while shown). */
export function subscribe<E extends EventName>(event: E, handler: (payload: z.output<Events[E]>) => void): () => void {
  return onEvent(current().transport, event, handler);
}

/** Connection changes of the bound transport. */
export function onConnection(listener: (connected: boolean) => void): () => void {
  return current().transport.onConnection(listener);
}

export { onEvent, type ApiClient } from './client.ts';
export type { Transport } from './transport.ts';
