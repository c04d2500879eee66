// "No contract method returns key material": checked twice. Statically, by walking the zod schema
// of every output and event in the whole contract; dynamically, by calling every wallet method
// through the real router with real secrets and scanning every answer and log line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, events } from '../../src-shared/contract/index.ts';
import { createRouter, type Caller } from '../app/router.ts';
import { findSecrets, makeTestWallet, recordingLogger } from './test-support.ts';
import { createWalletService } from './wallet-service.ts';

const SECRET_NAME = /private|mnemonic|phrase|seed|password|passphrase|secret|cipher|keystore.?json|^json$|^key$/i;

interface Finding {
  path: string;
  problem: string;
}

/** Walks a zod v4 schema; secret-looking field names may only hold flags (booleans) or objects of safe fields. */
function walk(schema: z.ZodType, path: string, findings: Finding[], secretContext = false): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string): z.ZodType => def[key] as z.ZodType;
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        walk(value, `${path}.${key}`, findings, SECRET_NAME.test(key));
      }
      return;
    case 'array':
      return walk(inner('element'), `${path}[]`, findings, secretContext);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return walk(inner('innerType'), path, findings, secretContext);
    case 'union':
      for (const option of def.options as z.ZodType[]) walk(option, path, findings, secretContext);
      return;
    case 'intersection':
      walk(inner('left'), path, findings, secretContext);
      return walk(inner('right'), path, findings, secretContext);
    case 'pipe':
      return walk(inner('out'), path, findings, secretContext);
    case 'record':
      return walk(inner('valueType'), `${path}{}`, findings, secretContext);
    case 'tuple':
      for (const item of def.items as z.ZodType[]) walk(item, `${path}()`, findings, secretContext);
      return;
    case 'lazy':
      return walk((def.getter as () => z.ZodType)(), path, findings, secretContext);
    case 'unknown':
    case 'any':
    case 'custom':
      findings.push({ path, problem: `an output typed ${def.type} could carry anything` });
      return;
    case 'boolean':
    case 'null':
    case 'undefined':
    case 'literal':
    case 'enum':
      return;
    default:
      // string, number, bigint, date, file...: fine unless the field is named like a secret.
      if (secretContext) findings.push({ path, problem: `a ${def.type} under a secret-looking name` });
  }
}

describe('the contract, statically', () => {
  it('has no output or event field that could hold key material', () => {
    const findings: Finding[] = [];
    let methods = 0;
    for (const [service, spec] of Object.entries(contract)) {
      for (const [name, method] of Object.entries(spec)) {
        methods++;
        walk(method.output, `${service}.${name}`, findings);
      }
    }
    for (const [name, schema] of Object.entries(events)) walk(schema, `event ${name}`, findings);
    expect(methods).toBeGreaterThan(Object.keys(contract.wallet).length);
    expect(findings).toEqual([]);
  });

  it('catches a leaky schema (the walker itself can fail)', async () => {
    const { z } = await import('zod');
    const findings: Finding[] = [];
    walk(
      z.object({
        a: z.array(z.object({ privateKey: z.string().nullable() })),
        b: z.unknown(),
        rememberPassword: z.boolean(),
      }),
      'x',
      findings,
    );
    expect(findings.map((f) => f.path)).toEqual(['x.a[].privateKey', 'x.b']);
  });
});

describe('the wallet service, dynamically', () => {
  const PRIVATE_KEY = '0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f';
  const MNEMONIC = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
  const PASSWORD = 'hunter2-but-longer';
  const lines: string[] = [];
  const answers: string[] = [];
  const t = makeTestWallet({}, recordingLogger(lines));
  const router = createRouter(
    { wallet: contract.wallet },
    { wallet: createWalletService(t.wallet) },
    recordingLogger(lines, 'router'),
  );
  const caller: Caller = { transport: 'ws', authenticated: true };
  const called = new Set<string>();
  const backupDir = mkdtempSync(join(tmpdir(), 'lpm-nokey-'));

  async function call(
    method: string,
    input: unknown,
  ): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> {
    called.add(method);
    const response = await router.call(caller, { service: 'wallet', method, input });
    answers.push(JSON.stringify(response));
    return response as { ok: boolean; result?: unknown; error?: { code: string } };
  }

  afterAll(() => {
    t.dispose();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('calls every wallet method with real secrets and finds them in no answer and no log line', async () => {
    const imported = await call('importPrivateKey', { privateKey: PRIVATE_KEY, password: PASSWORD });
    expect(imported.ok).toBe(true);
    const address = (imported.result as { address: string }).address;
    expect(
      (await call('importPrivateKey', { privateKey: PRIVATE_KEY.slice(0, -1), password: PASSWORD })).error?.code,
    ).toBe('BAD_INPUT');
    expect((await call('importMnemonic', { mnemonic: MNEMONIC, password: PASSWORD })).ok).toBe(true);
    expect(
      (await call('importMnemonic', { mnemonic: MNEMONIC.replace('legal', 'legol'), password: PASSWORD })).error?.code,
    ).toBe('BAD_INPUT');
    expect((await call('create', { password: PASSWORD, label: 'fresh' })).ok).toBe(true);
    expect((await call('create', { password: 'short' })).error?.code).toBe('BAD_INPUT');
    expect((await call('status', {})).ok).toBe(true);
    expect((await call('select', { address })).ok).toBe(true);
    expect((await call('unlock', { password: 'wrong-password' })).error?.code).toBe('WRONG_PASSWORD');
    expect((await call('unlock', { password: PASSWORD })).ok).toBe(true);
    expect((await call('setAutoLock', { minutes: 5 })).ok).toBe(true);
    const exported = await call('exportKeystore', { address, directory: backupDir });
    expect(exported.ok).toBe(true);
    const backupPath = (exported.result as { path: string }).path;
    expect((await call('checkBackup', { address, path: backupPath, password: PASSWORD })).ok).toBe(true);
    const scan = await call('scanFolder', { path: backupDir });
    expect(scan.ok).toBe(true);
    writeFileSync(join(backupDir, 'broken.json'), '{"version":3');
    expect(
      (
        await call('importKeystore', {
          source: { kind: 'path', path: join(backupDir, 'broken.json') },
          password: PASSWORD,
        })
      ).error?.code,
    ).toBe('CORRUPT_KEYSTORE');
    expect(
      (await call('importKeystore', { source: { kind: 'path', path: backupPath }, password: PASSWORD })).error?.code,
    ).toBe('CONFLICT');
    expect((await call('setRememberPassword', { address, enabled: true, password: PASSWORD })).error?.code).toBe(
      'UNAVAILABLE',
    );
    expect((await call('setRememberPassword', { address, enabled: false })).ok).toBe(true);
    expect((await call('lock', {})).ok).toBe(true);

    expect([...called].sort()).toEqual(Object.keys(contract.wallet).sort());
    const text = [...answers, ...lines].join('\n');
    expect(findSecrets(text, { privateKeys: [PRIVATE_KEY], mnemonics: [MNEMONIC], passwords: [PASSWORD] })).toEqual([]);
    // Nor the keystore's ciphertext: the encrypted file never crosses the contract either.
    const cipher = JSON.parse((await import('node:fs')).readFileSync(backupPath, 'utf8')).crypto.ciphertext as string;
    expect(text).not.toContain(cipher);
  }, 30_000);
});
