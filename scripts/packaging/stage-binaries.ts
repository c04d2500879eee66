// Stages the per-platform helper programs (anvil, ffmpeg) that electron-builder ships unpacked as
// extraResources: build/bin/<os>-<arch>/ -> <resources>/bin/ (see electron-builder.yml).
// Only real binaries from their npm packages are staged. What a package does not provide for the
// target is reported (and fails the build when LPM_REQUIRE_BUNDLED_BINARIES=1, for releases);
// the app then falls back to node_modules or PATH (src-main/resources/bundled-binaries.ts).
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  executableName,
  packageBinaryPath,
  type BundledBinaryName,
} from '../../src-main/resources/bundled-binaries.ts';

/** electron-builder's ${os} macro: its configuration keys. */
export type BuilderOs = 'linux' | 'mac' | 'win';

const NODE_PLATFORM: Record<BuilderOs, NodeJS.Platform> = { linux: 'linux', mac: 'darwin', win: 'win32' };
export const BINARIES: readonly BundledBinaryName[] = ['anvil', 'ffmpeg'];

export interface StageTarget {
  os: BuilderOs;
  arch: string;
}

export interface StageResult {
  dir: string;
  staged: { name: BundledBinaryName; from: string; to: string }[];
  missing: { name: BundledBinaryName; reason: string }[];
}

export function stagingDir(projectDir: string, target: StageTarget): string {
  return join(projectDir, 'build', 'bin', `${target.os}-${target.arch}`);
}

/**
 * Where a binary for the target comes from, or why there is none. ffmpeg-static holds one binary,
 * for the platform it was installed on, so it is used only when the target is this machine.
 */
export function binarySource(
  projectDir: string,
  name: BundledBinaryName,
  target: StageTarget,
  host: { platform: NodeJS.Platform; arch: string } = { platform: process.platform, arch: process.arch },
): { path: string } | { reason: string } {
  const platform = NODE_PLATFORM[target.os];
  const nodeModules = join(projectDir, 'node_modules');
  if (name === 'ffmpeg' && (platform !== host.platform || target.arch !== host.arch)) {
    return {
      reason: `ffmpeg-static holds the binary of the machine it was installed on (${host.platform}-${host.arch}), not ${platform}-${target.arch}; stage it on that platform`,
    };
  }
  const path = packageBinaryPath(nodeModules, name, platform, target.arch);
  if (path === null) return { reason: `no ${name} package exists for ${platform}-${target.arch}` };
  if (!existsSync(path)) {
    return name === 'ffmpeg'
      ? {
          reason: `ffmpeg-static installed no binary (${path} is absent: its install script downloads from GitHub, which failed or was skipped)`,
        }
      : { reason: `${path} is absent (the optional dependency for ${platform}-${target.arch} is not installed)` };
  }
  return { path };
}

export function stageBinaries(
  projectDir: string,
  target: StageTarget,
  host?: { platform: NodeJS.Platform; arch: string },
): StageResult {
  const dir = stagingDir(projectDir, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result: StageResult = { dir, staged: [], missing: [] };
  for (const name of BINARIES) {
    const source = binarySource(projectDir, name, target, host);
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
  for (const { name, reason } of result.missing) {
    write(`  • WARNING: ${name} is NOT bundled: ${reason}. The app will look in node_modules and PATH instead.\n`);
  }
  if (requireAll && result.missing.length > 0) {
    throw new Error(`Bundled binaries missing: ${result.missing.map((m) => m.name).join(', ')}`);
  }
}
