// A summary of a packaged app folder: its files with sizes, and what the asar holds.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import asar from '@electron/asar';

export interface PackagedLayout {
  appOutDir: string;
  /** Files outside the asar, relative to appOutDir, with their sizes in bytes. */
  files: { path: string; bytes: number }[];
  asar: { path: string; bytes: number; entries: number; files: number; topLevel: Record<string, number> };
}

function walk(dir: string, root: string, out: { path: string; bytes: number }[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else out.push({ path: relative(root, full), bytes: statSync(full).size });
  }
}

/** Entries of an asar archive as paths relative to its root, without the leading slash. */
export function asarEntries(asarPath: string): string[] {
  return asar
    .listPackage(asarPath, { isPack: false })
    .map((entry) => entry.replace(/^[\\/]/, '').replaceAll('\\', '/'));
}

export function describeLayout(appOutDir: string): PackagedLayout {
  const files: { path: string; bytes: number }[] = [];
  walk(appOutDir, appOutDir, files);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const asarPath = join(appOutDir, 'resources', 'app.asar');
  const entries = asarEntries(asarPath);
  const fileEntries = entries.filter((e) => {
    try {
      return !('files' in asar.statFile(asarPath, e));
    } catch {
      return false;
    }
  });
  const topLevel: Record<string, number> = {};
  for (const entry of fileEntries) {
    const parts = entry.split('/');
    const key =
      parts[0] === 'node_modules'
        ? `node_modules/${parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]}`
        : (parts[0] ?? entry);
    topLevel[key] = (topLevel[key] ?? 0) + 1;
  }
  return {
    appOutDir,
    files,
    asar: {
      path: asarPath,
      bytes: statSync(asarPath).size,
      entries: entries.length,
      files: fileEntries.length,
      topLevel,
    },
  };
}

export function formatLayout(layout: PackagedLayout): string {
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  const lines = [`Packaged layout of ${layout.appOutDir}:`];
  for (const f of layout.files)
    lines.push(`  ${f.path.padEnd(40)} ${f.bytes.toLocaleString('en-US').padStart(14)} bytes`);
  lines.push(`app.asar: ${mb(layout.asar.bytes)}, ${layout.asar.files} files (${layout.asar.entries} entries)`);
  for (const [key, count] of Object.entries(layout.asar.topLevel).sort()) lines.push(`  ${key}: ${count} files`);
  return `${lines.join('\n')}\n`;
}
