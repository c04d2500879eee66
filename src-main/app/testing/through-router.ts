// One room's service as a UI reaches it: each call goes through the real router, so inputs are
// decoded and results encoded by the contract's schemas (wire form in, wire form out), and a
// failure is thrown as the AppError the UI would see.
import {
  createContractClient,
  resultOf,
  type ServiceClient,
  type ServiceSpec,
} from '../../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../../core/service.ts';
import { createLogSink } from '../../log/logger.ts';
import { createRouter } from '../router.ts';

export type WireService<S extends ServiceSpec> = ServiceClient<S>;

export function throughRouter<S extends ServiceSpec>(spec: S, impl: ServiceImpl<S>): WireService<S> {
  // A result outside its schema is logged by the router: print it, the test sees only INTERNAL
  const log = createLogSink({ write: (line) => process.stderr.write(`${line}\n`), printLevel: 'error' }).root;
  const router = createRouter({ service: spec }, { service: impl }, log);
  const client = createContractClient({ service: spec }, async (service, method, input) =>
    resultOf(await router.call({ transport: 'internal', authenticated: true }, { service, method, input })),
  );
  return client.service;
}
