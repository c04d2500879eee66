// The typed client of a contract: `api.settings.update({...})` resolves to the method's result type
// or rejects with an AppError carrying a contract error code. Built by walking the contract (like VS
// Code's ProxyChannel.toService), so a new service needs no plumbing in any caller. Pure: the caller
// brings the transport as `call` — the renderer its IPC bridge or WebSocket, the CLI the router.
import type { ContractSpec, InputOf, OutputOf, ServiceSpec } from './define.ts';
import { AppError } from './errors.ts';
import type { CallResponse } from './wire.ts';

export type ServiceClient<S extends ServiceSpec> = {
  readonly [M in keyof S]: (input?: InputOf<S[M]>) => Promise<OutputOf<S[M]>>;
};

export type ContractClient<C extends ContractSpec> = { readonly [K in keyof C]: ServiceClient<C[K]> };

/** Carries one call and answers with the method's result; rejects (with an AppError) when it fails. */
export type ContractCall = (service: string, method: string, input: unknown) => Promise<unknown>;

export function createContractClient<C extends ContractSpec>(spec: C, call: ContractCall): ContractClient<C> {
  const client: Record<string, Readonly<Record<string, (input?: unknown) => Promise<unknown>>>> = {};
  for (const [service, methods] of Object.entries(spec)) {
    const stubs: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) stubs[method] = (input) => call(service, method, input ?? {});
    client[service] = Object.freeze(stubs);
  }
  return Object.freeze(client) as unknown as ContractClient<C>;
}

/** A transport's answer as the client hands it on: the result, or the answer's error thrown as an AppError. */
export function resultOf(response: CallResponse): unknown {
  if (!response.ok) throw AppError.fromPayload(response.error);
  return response.result;
}
