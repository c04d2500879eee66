// The typed client: `api.settings.update({...})` returns the method's result type or throws an
// AppError with a contract error code. The contract's own client builder (src-shared/contract/
// client.ts, which the host's in-process client uses too) walks the contract; here it rides a transport.
import {
  contract,
  createContractClient,
  events,
  resultOf,
  type Contract,
  type ContractClient,
  type EventName,
  type Events,
} from '../../src-shared/contract/index.ts';
import type { z } from 'zod';
import type { Transport } from './transport.ts';

export type ApiClient = ContractClient<Contract>;

export function createApiClient(transport: Transport): ApiClient {
  return createContractClient(contract, async (service, method, input) =>
    resultOf(await transport.call(service, method, input)),
  );
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
