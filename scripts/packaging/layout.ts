// A summary of a packaged app folder: its files with sizes, and what the asar holds.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import asar from '@electron/asar';

export interface PackagedLayout {
  appOutDir: string;
  /** Files outside the asar, relative to appOutDir, with their sizes in bytes. */
  files: { path: string; bytes: number }[];
  asar: {
    path: string;
    bytes: number;
    entries: number;
    files: number;
    /** Per top-level part (dist/…, each node_modules package): file count and unpacked bytes. */
    topLevel: Record<string, { files: number; bytes: number }>;
  };
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
  const topLevel: Record<string, { files: number; bytes: number }> = {};
  let fileCount = 0;
  for (const entry of entries) {
    let stat: ReturnType<typeof asar.statFile>;
    try {
      stat = asar.statFile(asarPath, entry);
    } catch {
      continue; // a link pointing outside the archive
    }
    if ('files' in stat || !('size' in stat)) continue; // folders and links
    fileCount++;
    const parts = entry.split('/');
    const key =
      parts[0] === 'node_modules'
        ? `node_modules/${parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]}`
        : parts[0] === 'dist'
          ? `dist/${parts[1]}`
          : (parts[0] ?? entry);
    const part = (topLevel[key] ??= { files: 0, bytes: 0 });
    part.files++;
    part.bytes += stat.size;
  }
  return {
    appOutDir,
    files,
    asar: {
      path: asarPath,
      bytes: statSync(asarPath).size,
      entries: entries.length,
      files: fileCount,
      topLevel,
    },
  };
}

export function formatLayout(layout: PackagedLayout): string {
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
  const bytes = (n: number): string => n.toLocaleString('en-US').padStart(14);
  const lines = [`Packaged layout of ${layout.appOutDir}:`];
  const outside = layout.files.reduce((n, f) => n + f.bytes, 0);
  lines.push(`${layout.files.length} files outside the asar, ${mb(outside)}:`);
  for (const f of layout.files) lines.push(`  ${f.path.padEnd(40)} ${bytes(f.bytes)} bytes`);
  lines.push(
    `app.asar: ${mb(layout.asar.bytes)}, ${layout.asar.files} files (${layout.asar.entries} entries), by part:`,
  );
  // The app's own parts, node_modules as one part, then its largest packages.
  const coarse = new Map<string, { files: number; bytes: number }>();
  for (const [key, part] of Object.entries(layout.asar.topLevel)) {
    const name = key.startsWith('node_modules/') ? 'node_modules' : key;
    const sum = coarse.get(name) ?? { files: 0, bytes: 0 };
    coarse.set(name, { files: sum.files + part.files, bytes: sum.bytes + part.bytes });
  }
  const row = (key: string, part: { files: number; bytes: number }): string =>
    `  ${key.padEnd(44)} ${String(part.files).padStart(5)} files ${bytes(part.bytes)} bytes`;
  for (const [key, part] of [...coarse].sort(([, a], [, b]) => b.bytes - a.bytes)) lines.push(row(key, part));
  const packages = Object.entries(layout.asar.topLevel).filter(([key]) => key.startsWith('node_modules/'));
  lines.push(`  largest of the ${packages.length} packages:`);
  for (const [key, part] of packages.sort(([, a], [, b]) => b.bytes - a.bytes).slice(0, 10)) {
    lines.push(row(`  ${key}`, part));
  }
  return `${lines.join('\n')}\n`;
}
