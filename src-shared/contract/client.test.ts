import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContractClient, resultOf } from './client.ts';
import { method } from './define.ts';
import { AppError, ErrorCode } from './errors.ts';
import { contract } from './index.ts';

const spec = {
  greeter: {
    hello: method({ summary: 'greets', input: z.object({ name: z.string() }), output: z.string() }),
    ping: method({ summary: 'pings', input: z.object({}), output: z.literal('pong') }),
  },
};

describe('createContractClient', () => {
  it('turns api.service.method(input) into one call(service, method, input), {} when input is left out', async () => {
    const calls: unknown[][] = [];
    const api = createContractClient(spec, async (...args) => {
      calls.push(args);
      return args[1] === 'hello' ? `hello ${(args[2] as { name: string }).name}` : 'pong';
    });
    expect(await api.greeter.hello({ name: 'Ada' })).toBe('hello Ada');
    expect(await api.greeter.ping()).toBe('pong');
    expect(calls).toEqual([
      ['greeter', 'hello', { name: 'Ada' }],
      ['greeter', 'ping', {}],
    ]);
  });

  it('has a frozen stub for every method of every service of the real contract', () => {
    const api = createContractClient(contract, () => Promise.resolve(null));
    expect(Object.isFrozen(api)).toBe(true);
    for (const [service, methods] of Object.entries(contract)) {
      const stubs = (api as unknown as Record<string, Record<string, unknown>>)[service];
      expect(Object.keys(stubs ?? {}).sort()).toEqual(Object.keys(methods).sort());
      expect(Object.isFrozen(stubs)).toBe(true);
    }
  });

  it('rejects with the error the call raised', async () => {
    const api = createContractClient(spec, () => Promise.reject(new AppError(ErrorCode.Locked, 'locked')));
    await expect(api.greeter.ping()).rejects.toMatchObject({ code: ErrorCode.Locked, message: 'locked' });
  });
});

describe('resultOf', () => {
  it('returns the result of a successful answer and throws the AppError of a failed one', () => {
    expect(resultOf({ ok: true, result: 42 })).toBe(42);
    expect(() => resultOf({ ok: false, error: { code: ErrorCode.NotFound, message: 'gone' } })).toThrow(AppError);
  });
});
