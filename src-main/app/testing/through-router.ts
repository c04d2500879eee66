// One room's service as a UI reaches it: each call goes through the real router, so inputs are
// decoded and results encoded by the contract's schemas (wire form in, wire form out), and a
// failure is thrown as the AppError the UI would see.
import { AppError, type InputOf, type OutputOf, type ServiceSpec } from '../../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../../core/service.ts';
import { createLogSink } from '../../log/logger.ts';
import { createRouter } from '../router.ts';

export type WireService<S extends ServiceSpec> = {
  readonly [M in keyof S]: (input: InputOf<S[M]>) => Promise<OutputOf<S[M]>>;
};

export function throughRouter<S extends ServiceSpec>(spec: S, impl: ServiceImpl<S>): WireService<S> {
  // A result outside its schema is logged by the router: print it, the test shows only INTERNAL
  const log = createLogSink({ write: (line) => process.stderr.write(`${line}\n`), printLevel: 'error' }).root;
  const router = createRouter({ service: spec }, { service: impl }, log);
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(spec)) {
    client[method] = async (input) => {
      const response = await router.call(
        { transport: 'internal', authenticated: true },
        { service: 'service', method, input },
      );
      if (!response.ok) throw AppError.fromPayload(response.error);
      return response.result;
    };
  }
  return client as WireService<S>;
}
