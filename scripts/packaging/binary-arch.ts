// Which OS and CPU an executable is built for, from its header (ELF, Mach-O or PE), so a release
// cannot ship, say, the arm64 FFmpeg of the build machine inside the x64 dmg.
import { closeSync, openSync, readSync } from 'node:fs';
import type { BuilderOs } from './stage-binaries.ts';

export interface ExecutableTarget {
  os: BuilderOs;
  arch: string;
}

const ELF_MACHINES: Record<number, string> = { 0x03: 'ia32', 0x28: 'armv7l', 0x3e: 'x64', 0xb7: 'arm64' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES: Record<number, string> = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64' };

/** The target of the executable in `head` (its first bytes; 4 KiB is plenty), or null when unknown. */
export function executableTarget(head: Buffer): ExecutableTarget | null {
  if (head.length >= 20 && head.readUInt32BE(0) === 0x7f454c46) {
    const arch = ELF_MACHINES[head[5] === 2 ? head.readUInt16BE(18) : head.readUInt16LE(18)];
    return arch ? { os: 'linux', arch } : null;
  }
  if (head.length >= 8 && head.readUInt32LE(0) === 0xfeedfacf) {
    const arch = MACHO_CPUS[head.readUInt32LE(4)];
    return arch ? { os: 'mac', arch } : null;
  }
  if (head.length >= 0x40 && head.toString('latin1', 0, 2) === 'MZ') {
    const pe = head.readUInt32LE(0x3c);
    if (pe + 6 > head.length || head.readUInt32BE(pe) !== 0x50450000) return null;
    const arch = PE_MACHINES[head.readUInt16LE(pe + 4)];
    return arch ? { os: 'win', arch } : null;
  }
  return null;
}

export function executableTargetOf(path: string): ExecutableTarget | null {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    return executableTarget(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
  } finally {
    closeSync(fd);
  }
}
