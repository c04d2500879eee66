// Where the helper programs the app runs (anvil for the devnet, ffmpeg for transcoding, ffprobe for
// the gateway's pixel check) live. Each comes from a per-platform npm package that holds the binary
// in its tarball (optionalDependencies: npm installs the one for this machine). Packaged,
// electron-builder copies them unpacked to <resources>/bin (see electron-builder.yml and
// scripts/packaging/stage-binaries.ts); in a checkout they come from node_modules, and last from PATH.
// A path the user sets for ffmpeg wins over all of these: the media probe (src-main/media/probe.ts)
// puts it first. Plain Node, no Electron: the headless host and the CLI use the same lookup.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BundledBinaryName = 'anvil' | 'ffmpeg' | 'ffprobe';

export interface FoundBinary {
  readonly path: string;
  /** bundled: the packaged app's own copy; node_modules: a checkout's npm package; path: the system's. */
  readonly source: 'bundled' | 'node_modules' | 'path';
}

export interface BinaryLookupOptions {
  /** Electron's process.resourcesPath; undefined under plain Node (headless, CLI, tests). */
  resourcesPath?: string | undefined;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Folder to start the node_modules search from (default: this module's folder). */
  searchFrom?: string;
  /** The PATH value (default: process.env.PATH). */
  pathEnv?: string | undefined;
}

/** The folder under the resources directory that holds the bundled programs. */
export const BUNDLED_BIN_DIR = 'bin';

export function executableName(name: BundledBinaryName, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}

/** foundry names its per-platform npm packages with Go-style architectures. */
export function anvilPackageName(platform: NodeJS.Platform, arch: string): string | null {
  const goArch = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : null;
  if (goArch === null || !['linux', 'darwin', 'win32'].includes(platform)) return null;
  return `@foundry-rs/anvil-${platform}-${goArch}`;
}

/** The platforms the @ffmpeg-installer / @ffprobe-installer packages we depend on cover. */
const FFMPEG_PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];

/** The npm package that holds the binary for a platform, or null when none exists. */
export function binaryPackageName(name: BundledBinaryName, platform: NodeJS.Platform, arch: string): string | null {
  if (name === 'anvil') return anvilPackageName(platform, arch);
  if (!FFMPEG_PLATFORMS.includes(`${platform}-${arch}`)) return null;
  return `@${name}-installer/${platform}-${arch}`;
}

/** The binary's path inside one node_modules folder, per the package that provides it there. */
export function packageBinaryPath(
  nodeModules: string,
  name: BundledBinaryName,
  platform: NodeJS.Platform,
  arch: string,
): string | null {
  const pkg = binaryPackageName(name, platform, arch);
  if (pkg === null) return null;
  const file = executableName(name, platform);
  // foundry keeps its binary in bin/; the ffmpeg-installer packages at their root.
  return name === 'anvil' ? join(nodeModules, pkg, 'bin', file) : join(nodeModules, pkg, file);
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * Finds anvil, ffmpeg or ffprobe: the packaged copy first, then node_modules (walking up from the code),
 * then PATH. Returns null when none exists; callers say so to the user instead of guessing.
 */
export function findBundledBinary(name: BundledBinaryName, options: BinaryLookupOptions = {}): FoundBinary | null {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const file = executableName(name, platform);
  const resourcesPath = 'resourcesPath' in options ? options.resourcesPath : electronResourcesPath();

  if (resourcesPath) {
    const bundled = join(resourcesPath, BUNDLED_BIN_DIR, file);
    if (isExecutableFile(bundled, platform)) return { path: bundled, source: 'bundled' };
  }

  let dir = options.searchFrom ?? moduleDir();
  for (;;) {
    const candidate = packageBinaryPath(join(dir, 'node_modules'), name, platform, arch);
    if (candidate && isExecutableFile(candidate, platform)) return { path: candidate, source: 'node_modules' };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }

  const pathEnv = 'pathEnv' in options ? options.pathEnv : process.env.PATH;
  for (const entry of (pathEnv ?? '').split(delimiter)) {
    if (!entry) continue;
    const candidate = join(entry, file);
    if (isExecutableFile(candidate, platform)) return { path: candidate, source: 'path' };
  }
  return null;
}

/** Electron sets process.resourcesPath; plain Node does not have it. */
function electronResourcesPath(): string | undefined {
  return (process as { resourcesPath?: string }).resourcesPath;
}

/** What to spawn for a helper program: the lookup's answer, else the bare name (the OS then says it is missing). */
export function binaryCommand(name: BundledBinaryName, options: BinaryLookupOptions = {}): string {
  return findBundledBinary(name, options)?.path ?? name;
}
