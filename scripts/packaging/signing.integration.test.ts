// Which signing options a release build gets from its environment, and the warnings when pieces are missing.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signingPlan } from './signing.ts';

const root = resolve(import.meta.dirname, '..', '..');

describe('signingPlan', () => {
  it('macOS: unsigned and not notarized without a certificate, with a warning that names the variables', () => {
    const plan = signingPlan('mac', {});
    expect(plan.args).toEqual(['-c.mac.identity=null', '-c.mac.notarize=false']);
    expect(plan.warnings).toEqual([
      expect.stringMatching(/^macOS: .*CSC_LINK.*NOT signed and NOT notarized.*Gatekeeper/),
    ]);
  });

  it('macOS: signed, and notarized only with Apple ID or API-key credentials', () => {
    const cert = { CSC_LINK: 'base64', CSC_KEY_PASSWORD: 'pw' };
    expect(signingPlan('mac', cert)).toEqual({
      args: ['-c.mac.notarize=false'],
      warnings: [expect.stringContaining('signed but NOT notarized')],
    });
    const appleId = { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' };
    expect(signingPlan('mac', { ...cert, ...appleId })).toEqual({ args: [], warnings: [] });
    const apiKey = { APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' };
    expect(signingPlan('mac', { ...cert, ...apiKey })).toEqual({ args: [], warnings: [] });
    // An empty secret (GitHub passes unset secrets as '') counts as missing.
    expect(signingPlan('mac', { ...cert, ...appleId, APPLE_TEAM_ID: '' }).args).toEqual(['-c.mac.notarize=false']);
  });

  it('Windows: a certificate, else Azure Trusted Signing, else a warning', () => {
    expect(signingPlan('win', { WIN_CSC_LINK: 'base64' })).toEqual({ args: [], warnings: [] });
    const azure = {
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
      AZURE_SIGN_ENDPOINT: 'https://weu.codesigning.azure.net',
      AZURE_SIGN_ACCOUNT: 'acct',
      AZURE_SIGN_PROFILE: 'prof',
      AZURE_SIGN_PUBLISHER: 'Livepeer Miner',
    };
    expect(signingPlan('win', azure)).toEqual({
      args: [
        '-c.win.azureSignOptions.endpoint=https://weu.codesigning.azure.net',
        '-c.win.azureSignOptions.codeSigningAccountName=acct',
        '-c.win.azureSignOptions.certificateProfileName=prof',
        '-c.win.azureSignOptions.publisherName=Livepeer Miner',
      ],
      warnings: [],
    });
    expect(signingPlan('win', { ...azure, AZURE_CLIENT_SECRET: undefined }).warnings).toEqual([
      expect.stringMatching(/^Windows: .*NOT signed; SmartScreen will warn/),
    ]);
  });

  it('Linux: nothing to sign', () => {
    expect(signingPlan('linux', {})).toEqual({ args: [], warnings: [] });
  });

  it('as a command: the arguments on stdout, GitHub warning annotations on stderr', () => {
    const run = spawnSync(process.execPath, ['scripts/packaging/signing.ts', 'mac'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('-c.mac.identity=null -c.mac.notarize=false\n');
    expect(run.stderr).toMatch(/^::warning title=Unsigned build::macOS: no Developer ID/m);
  });
});
