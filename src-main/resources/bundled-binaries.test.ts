// The lookup against real files: the anvil and ffmpeg-static npm packages of this checkout (where
// scripts/setup.sh could not download ffmpeg-static's FFmpeg, Debian's stands in at its path),
// Debian's ffmpeg on PATH, and packaged-style resource folders built in a temp directory.
import { copyFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  anvilPackageName,
  binaryCommand,
  binaryPackageName,
  findBundledBinary,
  packageBinaryPath,
  packagedBinaryPath,
} from './bundled-binaries.ts';

const root = resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'lpm-binaries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A resources folder laid out as the packaged app's, with /bin/true standing at the given binaries' places. */
function resourcesWith(names: ('anvil' | 'ffmpeg')[]): string {
  const dir = mkdtempSync(join(scratch, 'resources-'));
  for (const name of names) {
    const file = packagedBinaryPath(dir, name, 'linux');
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync('/bin/true', file);
    chmodSync(file, 0o755);
  }
  return dir;
}

describe('bundled binary lookup', () => {
  it('prefers the packaged copies: anvil in <resources>/bin, ffmpeg unpacked from the asar', () => {
    const resourcesPath = resourcesWith(['anvil', 'ffmpeg']);
    expect(findBundledBinary('anvil', { resourcesPath })).toEqual({
      path: join(resourcesPath, 'bin', 'anvil'),
      source: 'bundled',
    });
    expect(findBundledBinary('ffmpeg', { resourcesPath })).toEqual({
      path: join(resourcesPath, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static', 'ffmpeg'),
      source: 'bundled',
    });
  });

  it("falls back to the checkout's node_modules (foundry's package, ffmpeg-static), before PATH", () => {
    const resourcesPath = resourcesWith([]);
    expect(findBundledBinary('anvil', { resourcesPath, pathEnv: '' })).toEqual({
      path: join(root, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil'),
      source: 'node_modules',
    });
    // Debian's ffmpeg is on PATH here; ffmpeg-static's copy still comes first.
    expect(findBundledBinary('ffmpeg', { resourcesPath, pathEnv: '/usr/bin' })).toEqual({
      path: join(root, 'node_modules', 'ffmpeg-static', 'ffmpeg'),
      source: 'node_modules',
    });
    expect(binaryCommand('ffmpeg', { resourcesPath, pathEnv: '/usr/bin' })).toBe(
      join(root, 'node_modules', 'ffmpeg-static', 'ffmpeg'),
    );
  });

  it('falls back to PATH, and ignores files that are not executable', () => {
    const bin = mkdtempSync(join(scratch, 'path-'));
    writeFileSync(join(bin, 'ffmpeg'), 'not executable');
    const search = mkdtempSync(join(scratch, 'nowhere-'));
    // Searching from outside the checkout finds no package: PATH (Debian's) answers.
    expect(
      findBundledBinary('ffmpeg', { resourcesPath: undefined, searchFrom: search, pathEnv: `${bin}:/usr/bin` }),
    ).toEqual({
      path: '/usr/bin/ffmpeg',
      source: 'path',
    });
    expect(findBundledBinary('anvil', { resourcesPath: undefined, searchFrom: search, pathEnv: bin })).toBeNull();
    expect(binaryCommand('anvil', { resourcesPath: undefined, searchFrom: search, pathEnv: bin })).toBe('anvil');
  });

  it('names the packages, executables and packaged places per platform', () => {
    expect(anvilPackageName('linux', 'x64')).toBe('@foundry-rs/anvil-linux-amd64');
    expect(anvilPackageName('darwin', 'arm64')).toBe('@foundry-rs/anvil-darwin-arm64');
    expect(anvilPackageName('win32', 'x64')).toBe('@foundry-rs/anvil-win32-amd64');
    expect(anvilPackageName('win32', 'ia32')).toBeNull();
    expect(packageBinaryPath('/nm', 'anvil', 'win32', 'x64')).toBe('/nm/@foundry-rs/anvil-win32-amd64/bin/anvil.exe');
    expect(packageBinaryPath('/nm', 'ffmpeg', 'win32', 'x64')).toBe('/nm/ffmpeg-static/ffmpeg.exe');
    expect(packageBinaryPath('/nm', 'ffmpeg', 'darwin', 'arm64')).toBe('/nm/ffmpeg-static/ffmpeg');
    expect(packagedBinaryPath('/r', 'ffmpeg', 'win32')).toBe(
      '/r/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg.exe',
    );
    expect(packagedBinaryPath('/r', 'anvil', 'darwin')).toBe('/r/bin/anvil');
    expect(binaryPackageName('ffmpeg', 'linux', 'arm64')).toBe('ffmpeg-static');
    // ffmpeg-static has no Windows-on-ARM build.
    expect(binaryPackageName('ffmpeg', 'win32', 'arm64')).toBeNull();
    expect(binaryPackageName('ffmpeg', 'freebsd', 'x64')).toBeNull();
  });
});
