// The router: the one gate between a transport and the services. Every call is checked in the
// same order whatever carried it: caller, names, input schema (decoded to the domain form); then
// the service runs and its result is encoded through the output schema, so nothing undeclared
// leaves the main process and amounts leave as the contract's strings.
import { z } from 'zod';
import {
  AppError,
  CallRequest,
  ErrorCode,
  type CallResponse,
  type ContractSpec,
  type MethodSpec,
  type ServiceSpec,
} from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Caller, ContractImpl } from '../core/service.ts';

export type { Caller, ContractImpl, ServiceImpl } from '../core/service.ts';

export interface Router {
  call(caller: Caller, request: unknown): Promise<CallResponse>;
}

function has<T extends object>(obj: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function createRouter<C extends ContractSpec>(contract: C, impl: ContractImpl<C>, log: Logger): Router {
  async function dispatch(caller: Caller, request: unknown): Promise<unknown> {
    if (!caller.authenticated) throw new AppError(ErrorCode.Unauthorized, 'Caller is not authenticated');
    const parsed = CallRequest.safeParse(request);
    if (!parsed.success) throw new AppError(ErrorCode.BadInput, 'Malformed call', { issues: issuesOf(parsed.error) });
    const { service, method, input } = parsed.data;
    const methods: ServiceSpec | undefined = has(contract, service) ? contract[service] : undefined;
    const spec: MethodSpec | undefined = methods && has(methods, method) ? methods[method] : undefined;
    if (!spec) throw new AppError(ErrorCode.UnknownMethod, `Unknown method ${service}.${method}`);
    const args = spec.input.safeParse(input ?? {});
    if (!args.success) {
      throw new AppError(ErrorCode.BadInput, `Invalid input for ${service}.${method}`, {
        issues: issuesOf(args.error),
      });
    }
    const handler = (impl[service] as Record<string, (input: unknown, caller: Caller) => unknown>)[method];
    if (typeof handler !== 'function')
      throw new AppError(ErrorCode.UnknownMethod, `${service}.${method} is not served here`);
    const result = await handler(args.data, caller);
    const out = spec.output.safeEncode(result);
    if (!out.success) {
      log.error(`${service}.${method} returned a result outside its schema: ${z.prettifyError(out.error)}`);
      throw new AppError(ErrorCode.Internal, 'The service returned an invalid result');
    }
    return out.data;
  }

  return {
    async call(caller, request) {
      try {
        return { ok: true, result: await dispatch(caller, request) };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: err.toPayload() };
        // Unexpected errors may carry anything (paths, key material in a bad library message):
        // the log is redacted, the caller gets a generic message.
        log.error(
          `Unhandled error in a service call: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        return { ok: false, error: { code: ErrorCode.Internal, message: 'Internal error; see the log' } };
      }
    },
  };
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
