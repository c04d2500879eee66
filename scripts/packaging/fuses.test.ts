// The fuse configuration, and the hook applying it to a binary. A real Electron binary is not
// available here, so the hook is run on a file carrying a V1 fuse wire (sentinel, version,
// length, states) and the result is read back with @electron/fuses' own reader.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFuses } from './after-pack.ts';
import { fuseConfig, FUSE_SETTINGS } from './fuses.ts';
import { writeStubElectronDist } from './stub-electron.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lpm-fuses-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ENABLE = 0x31;
const DISABLE = 0x30;

/** A stand-in binary with the fuse wire Electron ships: RunAsNode etc. at Electron's defaults. */
function binaryWithWire(name: string, defaults: number[]): string {
  const path = join(scratch, name);
  const wire = Buffer.from([1, defaults.length, ...defaults]);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('ELF...code...'),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      wire,
      Buffer.from('...more'),
    ]),
  );
  return path;
}

describe('fuse configuration', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and turns on the asar and cookie protections', () => {
    const config = fuseConfig('linux', 'x64');
    expect(config).toMatchObject({
      version: '1',
      strictlyRequireAllFuses: true,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    });
    // Every fuse of the V1 wire is set, in wire order.
    expect(FUSE_SETTINGS.map((f) => f.fuse)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(fuseConfig('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', 'x64').resetAdHocDarwinSignature).toBe(false);
  });

  it('is flipped into a binary by the after-pack hook', async () => {
    // Electron's defaults: RunAsNode, NODE_OPTIONS, inspect and file:// privileges on, the rest off.
    const path = binaryWithWire('electron', [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE]);
    expect(await applyFuses(path, 'linux', 'x64')).toEqual({ flipped: true, path });
    const wire = await getCurrentFuseWire(path);
    const state = (fuse: FuseV1Options) => (wire[fuse] === ENABLE ? 'on' : wire[fuse] === DISABLE ? 'off' : wire[fuse]);
    expect(FUSE_SETTINGS.map((f) => [f.name, state(f.fuse)])).toEqual([
      ['RunAsNode', 'off'],
      ['EnableCookieEncryption', 'on'],
      ['EnableNodeOptionsEnvironmentVariable', 'off'],
      ['EnableNodeCliInspectArguments', 'off'],
      ['EnableEmbeddedAsarIntegrityValidation', 'on'],
      ['OnlyLoadAppFromAsar', 'on'],
      ['LoadBrowserProcessSpecificV8Snapshot', 'off'],
      ['GrantFileProtocolExtraPrivileges', 'off'],
    ]);
    expect(readFileSync(path).subarray(0, 13).toString()).toBe('ELF...code...'); // the rest untouched
  });

  it('fails on a longer wire than it knows, instead of leaving new fuses at their defaults', async () => {
    const path = binaryWithWire('electron-future', Array(9).fill(DISABLE));
    await expect(applyFuses(path, 'linux', 'x64')).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('skips the stub Electron with a reason, and refuses any other binary without a wire', async () => {
    const stub = writeStubElectronDist(join(scratch, 'stub'), '45.4.1', { fuseWire: false });
    const outcome = await applyFuses(join(stub, 'electron'), 'linux', 'x64');
    expect(outcome).toMatchObject({ flipped: false, reason: expect.stringContaining('fuses NOT flipped') });
    const other = join(scratch, 'not-electron');
    writeFileSync(other, 'some binary');
    await expect(applyFuses(other, 'linux', 'x64')).rejects.toThrow(/no Electron fuse wire/);
  });
});
