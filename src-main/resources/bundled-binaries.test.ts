// The lookup against real files: the anvil, ffmpeg and ffprobe npm packages of this checkout,
// Debian's ffmpeg on PATH,
// and packaged-style resource folders built in a temp directory.
import { copyFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  anvilPackageName,
  binaryCommand,
  binaryPackageName,
  findBundledBinary,
  packageBinaryPath,
} from './bundled-binaries.ts';

const root = resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'lpm-binaries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function resourcesWith(names: string[]): string {
  const dir = mkdtempSync(join(scratch, 'resources-'));
  mkdirSync(join(dir, 'bin'));
  for (const name of names) {
    copyFileSync('/bin/true', join(dir, 'bin', name));
    chmodSync(join(dir, 'bin', name), 0o755);
  }
  return dir;
}

describe('bundled binary lookup', () => {
  it('prefers the packaged copy in <resources>/bin', () => {
    const resourcesPath = resourcesWith(['anvil', 'ffmpeg']);
    expect(findBundledBinary('anvil', { resourcesPath })).toEqual({
      path: join(resourcesPath, 'bin', 'anvil'),
      source: 'bundled',
    });
    expect(findBundledBinary('ffmpeg', { resourcesPath })?.source).toBe('bundled');
  });

  it("falls back to the checkout's node_modules (the per-platform packages), before PATH", () => {
    const resourcesPath = resourcesWith([]);
    expect(findBundledBinary('anvil', { resourcesPath, pathEnv: '' })).toEqual({
      path: join(root, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil'),
      source: 'node_modules',
    });
    // Debian's ffmpeg and ffprobe are on PATH here; the package copies still come first.
    expect(findBundledBinary('ffmpeg', { resourcesPath, pathEnv: '/usr/bin' })).toEqual({
      path: join(root, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg'),
      source: 'node_modules',
    });
    expect(binaryCommand('ffprobe', { resourcesPath, pathEnv: '/usr/bin' })).toBe(
      join(root, 'node_modules', '@ffprobe-installer', 'linux-x64', 'ffprobe'),
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

  it('names the per-platform packages and executables', () => {
    expect(anvilPackageName('linux', 'x64')).toBe('@foundry-rs/anvil-linux-amd64');
    expect(anvilPackageName('darwin', 'arm64')).toBe('@foundry-rs/anvil-darwin-arm64');
    expect(anvilPackageName('win32', 'x64')).toBe('@foundry-rs/anvil-win32-amd64');
    expect(anvilPackageName('win32', 'ia32')).toBeNull();
    expect(packageBinaryPath('/nm', 'anvil', 'win32', 'x64')).toBe('/nm/@foundry-rs/anvil-win32-amd64/bin/anvil.exe');
    expect(packageBinaryPath('/nm', 'ffmpeg', 'win32', 'x64')).toBe('/nm/@ffmpeg-installer/win32-x64/ffmpeg.exe');
    expect(packageBinaryPath('/nm', 'ffmpeg', 'linux', 'x64')).toBe('/nm/@ffmpeg-installer/linux-x64/ffmpeg');
    expect(packageBinaryPath('/nm', 'ffprobe', 'darwin', 'arm64')).toBe('/nm/@ffprobe-installer/darwin-arm64/ffprobe');
    expect(binaryPackageName('ffprobe', 'win32', 'x64')).toBe('@ffprobe-installer/win32-x64');
    expect(binaryPackageName('ffmpeg', 'win32', 'arm64')).toBeNull();
    expect(binaryPackageName('ffmpeg', 'linux', 'ia32')).toBeNull();
  });
});
