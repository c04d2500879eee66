// The helper programs a package ships, checked before electron-builder packs:
// - anvil, from foundry's per-platform npm package, is staged into build/bin/<os>-<arch>/, which
//   electron-builder ships unpacked as extraResources (<resources>/bin; see electron-builder.yml);
// - FFmpeg is ffmpeg-static's file in node_modules, unpacked from the asar by asarUnpack; here we
//   check it is there and built for the target (its install script downloads the host's build, or
//   the one npm_config_platform/npm_config_arch name). A build of several architectures in one run
//   (the macOS dmgs: one latest-mac.yml lists both) puts each one's download in
//   build/ffmpeg-static/<platform>-<arch>/, and it is copied into ffmpeg-static's folder first.
// What is missing or wrong for the target is reported (and fails the build when
// LPM_REQUIRE_BUNDLED_BINARIES=1, for releases); the app then falls back to node_modules or PATH
// (src-main/resources/bundled-binaries.ts).
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { executableTargetOf } from './binary-arch.ts';
import {
  binaryPackageName,
  executableName,
  packageBinaryPath,
  type BundledBinaryName,
} from '../../src-main/resources/bundled-binaries.ts';

/** electron-builder's ${os} macro: its configuration keys. */
export type BuilderOs = 'linux' | 'mac' | 'win';

const NODE_PLATFORM: Record<BuilderOs, NodeJS.Platform> = { linux: 'linux', mac: 'darwin', win: 'win32' };
export const BINARIES: readonly BundledBinaryName[] = ['anvil'];

export interface StageTarget {
  os: BuilderOs;
  arch: string;
}

export interface StageResult {
  dir: string;
  /** Copied into `dir` (anvil). */
  staged: { name: BundledBinaryName; from: string; to: string }[];
  /** Shipped from node_modules by asarUnpack (ffmpeg-static's FFmpeg), checked for the target. */
  unpacked: { name: BundledBinaryName; path: string }[];
  /** Missing or built for another target (anvil, or ffmpeg-static's FFmpeg). */
  missing: { name: BundledBinaryName; reason: string }[];
}

export function stagingDir(projectDir: string, target: StageTarget): string {
  return join(projectDir, 'build', 'bin', `${target.os}-${target.arch}`);
}

/**
 * Where a binary for the target comes from, or why there is none. Each comes from its per-platform
 * npm package (an optional dependency): npm installs only the host's, so a build for another
 * platform looks in `extraModules` too, a node_modules folder filled for that platform with
 * `npm install --force --ignore-scripts <packages>` (LPM_PLATFORM_MODULES; docs/packaging.md).
 */
export function binarySource(
  projectDir: string,
  name: BundledBinaryName,
  target: StageTarget,
  extraModules: string | undefined = process.env.LPM_PLATFORM_MODULES,
): { path: string } | { reason: string } {
  const platform = NODE_PLATFORM[target.os];
  const folders = [join(projectDir, 'node_modules'), ...(extraModules ? [extraModules] : [])];
  const candidates = folders.map((dir) => packageBinaryPath(dir, name, platform, target.arch));
  if (candidates[0] === null) return { reason: `no ${name} package exists for ${platform}-${target.arch}` };
  const found = candidates.find((path) => path !== null && existsSync(path));
  if (found) return { path: found };
  return {
    reason: `${candidates[0]} is absent (npm installs the optional dependency ${binaryPackageName(name, platform, target.arch)} only on ${platform}-${target.arch}; set LPM_PLATFORM_MODULES to a node_modules folder that holds it)`,
  };
}

/** Where a multi-architecture build keeps ffmpeg-static's download for one target. */
export function ffmpegDownloadDir(projectDir: string, target: StageTarget): string {
  return join(projectDir, 'build', 'ffmpeg-static', `${NODE_PLATFORM[target.os]}-${target.arch}`);
}

/**
 * ffmpeg-static's binary for the target (first copied from ffmpegDownloadDir when a download is
 * there), or why the package would ship none or the wrong one.
 */
export function bundledFfmpeg(projectDir: string, target: StageTarget): { path: string } | { reason: string } {
  const platform = NODE_PLATFORM[target.os];
  const path = packageBinaryPath(join(projectDir, 'node_modules'), 'ffmpeg', platform, target.arch);
  if (path === null) return { reason: `ffmpeg-static has no FFmpeg for ${platform}-${target.arch}` };
  const download = join(ffmpegDownloadDir(projectDir, target), executableName('ffmpeg', platform));
  if (existsSync(download)) {
    copyFileSync(download, path);
    chmodSync(path, 0o755);
  }
  if (!existsSync(path)) {
    return {
      reason: `${path} is absent (ffmpeg-static's install script downloads it: run node node_modules/ffmpeg-static/install.js with npm_config_platform=${platform} npm_config_arch=${target.arch})`,
    };
  }
  const built = executableTargetOf(path);
  if (built?.os !== target.os || built.arch !== target.arch) {
    const what = built ? `${built.os}-${built.arch}` : 'not an executable we recognise';
    return {
      reason: `${path} is built for ${what}, not ${target.os}-${target.arch} (delete it and run ffmpeg-static's install.js with npm_config_arch=${target.arch})`,
    };
  }
  return { path };
}

export function stageBinaries(projectDir: string, target: StageTarget, extraModules?: string): StageResult {
  const dir = stagingDir(projectDir, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result: StageResult = { dir, staged: [], unpacked: [], missing: [] };
  const ffmpeg = bundledFfmpeg(projectDir, target);
  if ('reason' in ffmpeg) result.missing.push({ name: 'ffmpeg', reason: ffmpeg.reason });
  else result.unpacked.push({ name: 'ffmpeg', path: ffmpeg.path });
  for (const name of BINARIES) {
    const source = binarySource(projectDir, name, target, extraModules);
    if ('reason' in source) {
      result.missing.push({ name, reason: source.reason });
      continue;
    }
    const to = join(dir, executableName(name, NODE_PLATFORM[target.os]));
    copyFileSync(source.path, to);
    chmodSync(to, 0o755);
    result.staged.push({ name, from: source.path, to });
  }
  return result;
}

/** Prints what was staged and what is missing; throws on a gap when a release asks for all. */
export function reportStaging(
  result: StageResult,
  requireAll: boolean,
  write = (line: string) => process.stderr.write(line),
): void {
  for (const { name, from } of result.staged) write(`  • staged ${name} from ${from}\n`);
  for (const { name, path } of result.unpacked) write(`  • ${name}: ${path}, unpacked from the asar\n`);
  for (const { name, reason } of result.missing) {
    write(`  • WARNING: ${name} is NOT bundled: ${reason}. The app will look in node_modules and PATH instead.\n`);
  }
  if (requireAll && result.missing.length > 0) {
    throw new Error(`Bundled binaries missing: ${result.missing.map((m) => m.name).join(', ')}`);
  }
}
