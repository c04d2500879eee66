import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, method } from '../../src-shared/contract/index.ts';
import { createLogSink } from '../log/logger.ts';
import { createRouter, type Caller } from './router.ts';

const testContract = {
  math: {
    double: method({
      summary: 'x2',
      input: z.object({ n: z.number().int() }).strict(),
      output: z.object({ n: z.number() }),
    }),
    leaky: method({ summary: 'returns too much', input: z.object({}), output: z.object({ ok: z.boolean() }) }),
    broken: method({ summary: 'throws', input: z.object({}), output: z.object({}) }),
    wrongShape: method({ summary: 'bad result', input: z.object({}), output: z.object({ n: z.number() }) }),
  },
};

const trusted: Caller = { transport: 'ws', authenticated: true };

function setup() {
  const sink = createLogSink();
  const router = createRouter(
    testContract,
    {
      math: {
        double: ({ n }) => ({ n: n * 2 }),
        // A service that accidentally returns a secret: the output schema must strip it.
        leaky: () => ({ ok: true, privateKey: 'deadbeef' }) as { ok: boolean },
        broken: () => {
          throw new Error('boom with secret=hunter2');
        },
        wrongShape: () => ({ n: 'not a number' }) as unknown as { n: number },
      },
    },
    sink.root,
  );
  return { router, sink };
}

describe('router', () => {
  it('runs a valid call and returns the parsed result', async () => {
    const { router } = setup();
    expect(await router.call(trusted, { service: 'math', method: 'double', input: { n: 21 } })).toEqual({
      ok: true,
      result: { n: 42 },
    });
  });

  it('refuses unauthenticated callers before anything else', async () => {
    const { router } = setup();
    const res = await router.call(
      { transport: 'ws', authenticated: false },
      { service: 'math', method: 'double', input: { n: 1 } },
    );
    expect(res).toMatchObject({ ok: false, error: { code: ErrorCode.Unauthorized } });
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['no method', { service: 'math' }],
    ['a huge name', { service: 'm'.repeat(500), method: 'x', input: {} }],
  ])('rejects a malformed request (%s) as BAD_INPUT', async (_label, request) => {
    const { router } = setup();
    expect(await router.call(trusted, request)).toMatchObject({ ok: false, error: { code: ErrorCode.BadInput } });
  });

  it('rejects input that fails the schema, saying where', async () => {
    const { router } = setup();
    const res = await router.call(trusted, { service: 'math', method: 'double', input: { n: 1.5, extra: true } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe(ErrorCode.BadInput);
    const issues = res.error.details?.issues as { path: string }[];
    expect(issues.map((i) => i.path)).toContain('n');
  });

  it.each([
    ['unknown service', 'nope', 'double'],
    ['unknown method', 'math', 'triple'],
    ['prototype names', 'math', 'constructor'],
    ['inherited service names', 'toString', 'call'],
  ])('refuses %s as UNKNOWN_METHOD', async (_label, service, name) => {
    const { router } = setup();
    expect(await router.call(trusted, { service, method: name, input: {} })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.UnknownMethod },
    });
  });

  it('strips result fields the contract does not declare', async () => {
    const { router } = setup();
    expect(await router.call(trusted, { service: 'math', method: 'leaky', input: {} })).toEqual({
      ok: true,
      result: { ok: true },
    });
  });

  it('hides unexpected errors behind INTERNAL and logs them redacted', async () => {
    const { router, sink } = setup();
    const res = await router.call(trusted, { service: 'math', method: 'broken', input: {} });
    expect(res).toEqual({ ok: false, error: { code: ErrorCode.Internal, message: 'Internal error; see the log' } });
    const logged = sink
      .recent(10)
      .map((e) => e.message)
      .join('\n');
    expect(logged).toContain('boom');
    expect(logged).not.toContain('hunter2');
  });

  it('refuses to return a result outside the output schema', async () => {
    const { router } = setup();
    expect(await router.call(trusted, { service: 'math', method: 'wrongShape', input: {} })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Internal },
    });
  });
});
