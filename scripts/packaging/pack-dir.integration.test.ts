// The packaged layout, from a real `electron-builder --linux dir` run with the stub Electron
// (scripts/pack-dir.ts): what the asar holds and leaves out, the helper programs outside it
// (ffmpeg-static's FFmpeg unpacked from the asar, anvil in resources/bin), nothing else
// FFmpeg-related, and that the run-time lookup finds them there. On our build machines
// ffmpeg-static's binary is Debian's ffmpeg, copied there by scripts/setup.sh (its download needs GitHub).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FuseV1Options } from '@electron/fuses';
import { getCurrentFuseWire } from '@electron/fuses';
import {
  findBundledBinary,
  packageBinaryPath,
  packagedBinaryPath,
  type BundledBinaryName,
} from '../../src-main/resources/bundled-binaries.ts';
import asar from '@electron/asar';
import { probeBundledRecovery } from './bundled-recovery.ts';
import { FUSE_SETTINGS } from './fuses.ts';
import { asarEntries, formatLayout, type PackagedLayout } from './layout.ts';
import { binarySource, bundledFfmpeg, stageBinaries } from './stage-binaries.ts';

const root = resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'lpm-pack-'));
const appOut = join(out, 'linux-unpacked');
const resources = join(appOut, 'resources');
// The fuse wire's states: ASCII '1' and '0'.
const ENABLE = 0x31;
const DISABLE = 0x30;
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
    const shipped = Object.keys(pkg.dependencies).filter((d) => d !== '@foundry-rs/anvil');
    expect(shipped.length).toBeGreaterThan(5);
    for (const dep of shipped) expect(entries, dep).toContain(`node_modules/${dep}/package.json`);
  });

  it('leaves out sources, tests, e2e, benches, source maps and TypeScript', () => {
    const forbidden = entries.filter(
      (e) =>
        /^(src-[^/]+|e2e|bench|tests?|scripts|assets)(\/|$)/.test(e) ||
        /\.(map|ts|tsx)$/.test(e) ||
        /(^|\/)[^/]+\.test\.[cm]?[jt]sx?$/.test(e) ||
        e.startsWith('node_modules/@foundry-rs/') ||
        /^node_modules\/ffmpeg-static\/(install|example)\.js$/.test(e) ||
        /^node_modules\/(electron|electron-builder|vitest|vite|typescript|react|playwright-core|@playwright)\//.test(e),
    );
    expect(forbidden).toEqual([]);
  });

  const HELPERS: BundledBinaryName[] = ['anvil', 'ffmpeg'];

  it("ships anvil in resources/bin and ffmpeg-static's FFmpeg unpacked from the asar, byte for byte, and they run", () => {
    const versionLine: Record<BundledBinaryName, [string[], RegExp]> = {
      anvil: [['--version'], /^anvil Version: /],
      ffmpeg: [['-version'], /^ffmpeg version /],
    };
    for (const name of HELPERS) {
      const shipped = packagedBinaryPath(resources, name, 'linux');
      const source = packageBinaryPath(join(root, 'node_modules'), name, 'linux', 'x64')!;
      expect(readFileSync(shipped).equals(readFileSync(source)), name).toBe(true);
      expect(statSync(shipped).mode & 0o111, `${name} is executable`).toBe(0o111);
      const [args, pattern] = versionLine[name];
      expect(execFileSync(shipped, args, { encoding: 'utf8' })).toMatch(pattern);
    }
    expect(readdirSync(join(resources, 'bin'))).toEqual(['anvil']);
    // The asar keeps a listing entry for the unpacked file (electron's fs redirects it).
    expect(entries).toContain('node_modules/ffmpeg-static/ffmpeg');
  });

  it('ships nothing else FFmpeg-related: no ffprobe, no other FFmpeg package or library', () => {
    const ffmpegish = /ffmpeg|ffprobe|libav(codec|format|util|filter|device)|libsw(scale|resample)/i;
    const inside = entries.filter((e) => ffmpegish.test(e) && !e.startsWith('node_modules/ffmpeg-static'));
    const outside = layout.files
      .map((f) => f.path)
      .filter((p) => ffmpegish.test(p) && !p.startsWith('resources/app.asar.unpacked/node_modules/ffmpeg-static/'));
    expect({ inside, outside }).toEqual({ inside: [], outside: [] });
    // ffmpeg-static's folder outside the asar: its binary, with the licence and the files electron-builder
    // unpacks beside it; its download script stays behind.
    expect(readdirSync(join(resources, 'app.asar.unpacked', 'node_modules', 'ffmpeg-static')).sort()).toEqual([
      'LICENSE',
      'ffmpeg',
      'index.js',
      'package.json',
    ]);
  });

  it('is found by the run-time lookup in that layout, before node_modules and PATH', () => {
    for (const name of HELPERS) {
      // searchFrom the checkout and PATH with Debian's ffmpeg: the packaged copy must still win.
      expect(findBundledBinary(name, { resourcesPath: resources, searchFrom: root, pathEnv: '/usr/bin' })).toEqual({
        path: packagedBinaryPath(resources, name, 'linux'),
        source: 'bundled',
      });
    }
  });

  it("ships libsecp256k1's N-API bindings unpacked from the asar, without its sources or pure-JS fallback", () => {
    const prebuilds = join(root, 'node_modules', 'secp256k1', 'prebuilds');
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'secp256k1', 'prebuilds');
    const bindings = readdirSync(prebuilds, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.node'));
    expect(bindings).toContain(join('linux-x64', 'secp256k1.glibc.node'));
    for (const file of bindings) {
      expect(readFileSync(join(unpacked, file)).equals(readFileSync(join(prebuilds, file))), file).toBe(true);
      // Electron's require reads the asar listing, sees `unpacked` and loads the real file beside it.
      const entry = `node_modules/secp256k1/prebuilds/${file.replaceAll('\\', '/')}`;
      expect(asar.statFile(join(resources, 'app.asar'), entry), file).toMatchObject({ unpacked: true });
    }
    const all = [...entries, ...layout.files.map((f) => f.path)];
    expect(
      all.filter((e) =>
        /node_modules\/(elliptic|node-addon-api)\/|secp256k1\/(src\/|binding\.gyp|(lib\/)?elliptic\.js)/.test(e),
      ),
    ).toEqual([]);
  });

  it("the bundle's loader, run from the packaged files in Node, recovers with the unpacked native binding", async () => {
    // Node cannot read an asar: extract it (unpacked files come from app.asar.unpacked) and run the
    // built signature worker, which carries the same loader as electron-main.cjs.
    const app = join(out, 'app-extracted');
    asar.extractAll(join(resources, 'app.asar'), app);
    const binding = join(app, 'node_modules', 'secp256k1', 'prebuilds', 'linux-x64', 'secp256k1.glibc.node');
    const shipped = join(resources, 'app.asar.unpacked', 'node_modules', 'secp256k1', 'prebuilds', 'linux-x64');
    expect(readFileSync(binding).equals(readFileSync(join(shipped, 'secp256k1.glibc.node')))).toBe(true);
    expect(await probeBundledRecovery(app)).toEqual({ path: 'native', valid: [1], loaded: [binding] });
    // Without a binding for the platform (node-gyp-build's override pointed at an empty folder), the
    // same bundle falls back to WebAssembly and still answers.
    const none = join(out, 'no-binding');
    mkdirSync(none);
    expect(await probeBundledRecovery(app, { SECP256K1_PREBUILD: none })).toEqual({
      path: 'wasm',
      valid: [1],
      loaded: [],
    });
  });

  it('has the fuses flipped in the packaged Electron binary, read back with @electron/fuses', async () => {
    // The stub carries Electron's fuse wire at Electron's defaults (stub-electron.ts); after-pack.ts
    // flipped it in the packaged copy. The stub in the Electron distribution itself is untouched.
    const wire = await getCurrentFuseWire(join(appOut, 'livepeer-miner'));
    const state = (fuse: FuseV1Options): string =>
      wire[fuse] === ENABLE ? 'on' : wire[fuse] === DISABLE ? 'off' : String(wire[fuse]);
    expect(Object.fromEntries(FUSE_SETTINGS.map((f) => [f.name, state(f.fuse)]))).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });

  it('has the updater feed (GitHub Releases) and the summary of the layout', () => {
    expect(readFileSync(join(resources, 'app-update.yml'), 'utf8')).toMatch(/^provider: github$/m);
    expect(layout.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'livepeer-miner',
        'resources/app.asar',
        'resources/bin/anvil',
        'resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
      ]),
    );
    expect(layout.asar.files).toBeGreaterThan(100);
    // For the record (docs/packaging.md quotes it).
    console.log(formatLayout(layout));
  });
});

describe('staging and checking of the helper programs', () => {
  it('says why a binary for another platform cannot come from this machine', () => {
    const none = undefined;
    expect(binarySource(root, 'anvil', { os: 'win', arch: 'x64' }, none)).toEqual({
      reason: expect.stringContaining('@foundry-rs/anvil-win32-amd64'),
    });
    expect(binarySource(root, 'anvil', { os: 'linux', arch: 'ia32' }, none)).toEqual({
      reason: 'no anvil package exists for linux-ia32',
    });
    // ffmpeg-static downloads the host's build: a mac or Windows package built here would carry a Linux FFmpeg.
    expect(bundledFfmpeg(root, { os: 'mac', arch: 'arm64' })).toEqual({
      reason: expect.stringContaining('is built for linux-x64, not mac-arm64'),
    });
    expect(bundledFfmpeg(root, { os: 'win', arch: 'x64' })).toEqual({
      reason: expect.stringContaining('is absent'),
    });
    expect(bundledFfmpeg(root, { os: 'win', arch: 'arm64' })).toEqual({
      reason: 'ffmpeg-static has no FFmpeg for win32-arm64',
    });
    expect(bundledFfmpeg(root, { os: 'linux', arch: 'x64' })).toEqual({
      path: join(root, 'node_modules', 'ffmpeg-static', 'ffmpeg'),
    });
  });

  it("takes another platform's anvil from a node_modules folder installed for it", () => {
    const modules = mkdtempSync(join(tmpdir(), 'lpm-modules-'));
    try {
      const exe = join(modules, '@foundry-rs', 'anvil-win32-amd64', 'bin', 'anvil.exe');
      mkdirSync(dirname(exe), { recursive: true });
      writeFileSync(exe, 'MZ');
      expect(binarySource(root, 'anvil', { os: 'win', arch: 'x64' }, modules)).toEqual({ path: exe });
      // This machine's own package still comes from the checkout.
      expect(binarySource(root, 'anvil', { os: 'linux', arch: 'x64' }, modules)).toEqual({
        path: join(root, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil'),
      });
    } finally {
      rmSync(modules, { recursive: true, force: true });
    }
  });

  it("uses a target's own ffmpeg-static download from build/ffmpeg-static/<platform>-<arch> (multi-arch builds)", () => {
    const project = mkdtempSync(join(tmpdir(), 'lpm-ffmpeg-'));
    try {
      mkdirSync(join(project, 'node_modules', 'ffmpeg-static'), { recursive: true });
      // A real Windows x64 executable stands in for ffmpeg-static's win32-x64 download.
      const download = join(project, 'build', 'ffmpeg-static', 'win32-x64', 'ffmpeg.exe');
      mkdirSync(dirname(download), { recursive: true });
      writeFileSync(download, readFileSync(join(root, 'node_modules/electron-winstaller/vendor/7z-x64.exe')));
      const shipped = join(project, 'node_modules', 'ffmpeg-static', 'ffmpeg.exe');
      expect(bundledFfmpeg(project, { os: 'win', arch: 'x64' })).toEqual({ path: shipped });
      expect(readFileSync(shipped).equals(readFileSync(download))).toBe(true);
      // The same file is wrong for another architecture, and the check says so.
      expect(bundledFfmpeg(project, { os: 'win', arch: 'ia32' })).toEqual({
        reason: expect.stringContaining('is built for win-x64, not win-ia32'),
      });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('stages into build/bin/<os>-<arch> and reports the gaps', () => {
    const project = mkdtempSync(join(tmpdir(), 'lpm-stage-'));
    try {
      const result = stageBinaries(project, { os: 'mac', arch: 'arm64' }, undefined);
      expect(result.dir).toBe(join(project, 'build', 'bin', 'mac-arm64'));
      expect(result.staged).toEqual([]);
      expect(result.missing.map((m) => m.name)).toEqual(['ffmpeg', 'anvil']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
