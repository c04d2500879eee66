// The packaged layout, from a real `electron-builder --linux dir` run with the stub Electron
// (scripts/pack-dir.ts): what the asar holds and leaves out, the unpacked helper programs, and
// that the run-time lookup finds them there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBundledBinary, packageBinaryPath } from '../../src-main/resources/bundled-binaries.ts';
import { asarEntries, type PackagedLayout } from './layout.ts';
import { binarySource, stageBinaries } from './stage-binaries.ts';

const root = resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'lpm-pack-'));
const appOut = join(out, 'linux-unpacked');
const resources = join(appOut, 'resources');
let layout: PackagedLayout;
let entries: string[];

beforeAll(() => {
  const json = execFileSync(process.execPath, ['scripts/pack-dir.ts', '--out', out, '--json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  layout = JSON.parse(json) as PackagedLayout;
  entries = asarEntries(join(resources, 'app.asar'));
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('packaged app (stub Electron, --linux dir)', () => {
  it('holds the built app and the production dependencies in the asar', () => {
    for (const file of [
      'dist/main/electron-main.cjs',
      'dist/main/preload.cjs',
      'dist/renderer/index.html',
      'package.json',
    ]) {
      expect(entries).toContain(file);
    }
    expect(entries.some((e) => e.startsWith('dist/main/tray/tray-attention'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // The binary packages ship unpacked under resources/bin instead (checked below).
    const shipped = Object.keys(pkg.dependencies).filter((d) => d !== '@foundry-rs/anvil' && d !== 'ffmpeg-static');
    for (const dep of shipped) expect(entries, dep).toContain(`node_modules/${dep}/package.json`);
  });

  it('leaves out sources, tests, e2e, benches, source maps and TypeScript', () => {
    const forbidden = entries.filter(
      (e) =>
        /^(src-[^/]+|e2e|bench|tests?|scripts|assets)(\/|$)/.test(e) ||
        /\.(map|ts|tsx)$/.test(e) ||
        /(^|\/)[^/]+\.test\.[cm]?[jt]sx?$/.test(e) ||
        e.startsWith('node_modules/@foundry-rs/') ||
        e.startsWith('node_modules/ffmpeg-static/') ||
        /^node_modules\/(electron|electron-builder|vitest|vite|typescript|react|playwright-core|@playwright)\//.test(e),
    );
    expect(forbidden).toEqual([]);
    expect(existsSync(join(resources, 'app.asar.unpacked'))).toBe(false);
  });

  it('ships anvil for linux-x64 unpacked, byte for byte the npm package binary', () => {
    const anvil = join(resources, 'bin', 'anvil');
    const source = packageBinaryPath(join(root, 'node_modules'), 'anvil', 'linux', 'x64')!;
    expect(readFileSync(anvil).equals(readFileSync(source))).toBe(true);
    expect(execFileSync(anvil, ['--version'], { encoding: 'utf8' })).toMatch(/^anvil Version: /);
  });

  it('ships ffmpeg exactly when ffmpeg-static provides one for this platform, never a placeholder', () => {
    const provided = binarySource(root, 'ffmpeg', { os: 'linux', arch: 'x64' }, { platform: 'linux', arch: 'x64' });
    const shipped = join(resources, 'bin', 'ffmpeg');
    expect(existsSync(shipped)).toBe('path' in provided);
    if ('path' in provided) expect(readFileSync(shipped).equals(readFileSync(provided.path))).toBe(true);
    else expect(provided.reason).toMatch(/ffmpeg-static installed no binary/);
  });

  it('is found by the run-time lookup in that layout', () => {
    expect(findBundledBinary('anvil', { resourcesPath: resources, pathEnv: '' })).toEqual({
      path: join(resources, 'bin', 'anvil'),
      source: 'bundled',
    });
    const ffmpeg = findBundledBinary('ffmpeg', { resourcesPath: resources, searchFrom: out, pathEnv: '' });
    expect(ffmpeg === null ? null : ffmpeg.source).toBe(
      existsSync(join(resources, 'bin', 'ffmpeg')) ? 'bundled' : null,
    );
  });

  it('has the updater feed and the summary of the layout', () => {
    expect(readFileSync(join(resources, 'app-update.yml'), 'utf8')).toContain('provider: generic');
    expect(layout.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['livepeer-miner', 'resources/app.asar', 'resources/bin/anvil']),
    );
    expect(layout.asar.files).toBeGreaterThan(100);
  });
});

describe('staging of the helper programs', () => {
  it('says why a binary for another platform cannot come from this machine', () => {
    const host = { platform: 'linux' as const, arch: 'x64' };
    expect(binarySource(root, 'ffmpeg', { os: 'win', arch: 'x64' }, host)).toEqual({
      reason: expect.stringContaining('not win32-x64'),
    });
    expect(binarySource(root, 'anvil', { os: 'win', arch: 'x64' }, host)).toEqual({
      reason: expect.stringContaining('@foundry-rs/anvil-win32-amd64'),
    });
    expect(binarySource(root, 'anvil', { os: 'linux', arch: 'ia32' }, host)).toEqual({
      reason: 'no anvil package exists for linux-ia32',
    });
  });

  it('stages into build/bin/<os>-<arch> and reports the gaps', () => {
    const project = mkdtempSync(join(tmpdir(), 'lpm-stage-'));
    try {
      const result = stageBinaries(project, { os: 'mac', arch: 'arm64' }, { platform: 'linux', arch: 'x64' });
      expect(result.dir).toBe(join(project, 'build', 'bin', 'mac-arm64'));
      expect(result.staged).toEqual([]);
      expect(result.missing.map((m) => m.name)).toEqual(['anvil', 'ffmpeg']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
