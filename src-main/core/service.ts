// What a domain room implements for the contract: one function per method, typed from the
// contract's schemas. Rooms import this, never the composition root that wires them.
import type { ContractSpec, ParsedInputOf, ResultOf, ServiceSpec } from '../../src-shared/contract/index.ts';

/** Who is calling. Transports establish this before the router sees the call. */
export interface Caller {
  readonly transport: 'ipc' | 'ws' | 'internal';
  /** True only after the transport verified the caller (our own window, or the access token). */
  readonly authenticated: boolean;
}

type Awaitable<T> = T | Promise<T>;

export type ServiceImpl<S extends ServiceSpec> = {
  readonly [M in keyof S]: (input: ParsedInputOf<S[M]>, caller: Caller) => Awaitable<ResultOf<S[M]>>;
};

export type ContractImpl<C extends ContractSpec> = { readonly [S in keyof C]: ServiceImpl<C[S]> };
