// The typed client: `api.settings.update({...})` returns the method's result type or throws an
// AppError with a contract error code. Built by walking the contract, like VS Code's
// ProxyChannel.toService, so a new service needs no renderer plumbing.
import {
  AppError,
  contract,
  events,
  type Contract,
  type EventName,
  type Events,
  type InputOf,
  type OutputOf,
  type ServiceSpec,
} from '../../src-shared/contract/index.ts';
import type { z } from 'zod';
import type { Transport } from './transport.ts';

type ServiceClient<T extends ServiceSpec> = {
  readonly [M in keyof T]: (input?: InputOf<T[M]>) => Promise<OutputOf<T[M]>>;
};

export type ApiClient = { readonly [S in keyof Contract]: ServiceClient<Contract[S]> };

export function createApiClient(transport: Transport): ApiClient {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(contract)) {
    const stubs: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) {
      stubs[method] = async (input) => {
        const response = await transport.call(service, method, input ?? {});
        if (!response.ok) throw AppError.fromPayload(response.error);
        return response.result;
      };
    }
    client[service] = Object.freeze(stubs);
  }
  return Object.freeze(client) as unknown as ApiClient;
}

/** Subscribes to one event; payloads are validated here too, so a store never holds a bad value. */
export function onEvent<E extends EventName>(
  transport: Transport,
  event: E,
  handler: (payload: z.output<Events[E]>) => void,
): () => void {
  return transport.subscribe((message) => {
    if (message.event !== event) return;
    const parsed = events[event].safeParse(message.payload);
    if (parsed.success) handler(parsed.data as z.output<Events[E]>);
  });
}
