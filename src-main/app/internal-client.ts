// How the shells (cli/, electron/) talk to the host in-process: the contract's typed client over the
// router, as an internal, authenticated caller. The same checks as for the UI apply (input and
// output schemas), and a failed call rejects with its AppError, the message naming the method.
import {
  AppError,
  contract,
  createContractClient,
  type Contract,
  type ContractClient,
} from '../../src-shared/contract/index.ts';
import type { Host } from './host.ts';
import type { Caller } from '../core/service.ts';

export type InternalApi = ContractClient<Contract>;

const INTERNAL_CALLER: Caller = { transport: 'internal', authenticated: true };

export function internalApi(host: Pick<Host, 'router'>): InternalApi {
  let id = 0;
  return createContractClient(contract, async (service, method, input) => {
    const response = await host.router.call(INTERNAL_CALLER, { id: ++id, service, method, input });
    if (response.ok) return response.result;
    const { code, message, details } = response.error;
    throw new AppError(code, `${service}.${method}: ${message}`, details);
  });
}
