// Executable headers read for their target: real ELF and PE files on this machine, a Mach-O header
// written byte by byte (no macOS binary exists here).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executableTarget, executableTargetOf } from './binary-arch.ts';

const root = resolve(import.meta.dirname, '..', '..');
const winstaller = resolve(root, 'node_modules', 'electron-winstaller', 'vendor');

describe('executableTarget', () => {
  it('reads ELF and PE files for their OS and CPU', () => {
    expect(executableTargetOf('/usr/bin/ffmpeg')).toEqual({ os: 'linux', arch: 'x64' });
    expect(executableTargetOf(resolve(winstaller, '7z-x64.exe'))).toEqual({ os: 'win', arch: 'x64' });
    expect(executableTargetOf(resolve(winstaller, '7z-arm64.exe'))).toEqual({ os: 'win', arch: 'arm64' });
  });

  it('reads 64-bit Mach-O headers', () => {
    const head = (cpu: number): Buffer => {
      const b = Buffer.alloc(32);
      b.writeUInt32LE(0xfeedfacf, 0);
      b.writeUInt32LE(cpu, 4);
      return b;
    };
    expect(executableTarget(head(0x0100000c))).toEqual({ os: 'mac', arch: 'arm64' });
    expect(executableTarget(head(0x01000007))).toEqual({ os: 'mac', arch: 'x64' });
  });

  it('knows nothing of scripts, text or unknown CPUs', () => {
    expect(executableTarget(Buffer.from('#!/bin/sh\necho hi\n'))).toBeNull();
    expect(executableTarget(Buffer.alloc(0))).toBeNull();
    const elf = Buffer.alloc(64);
    elf.writeUInt32BE(0x7f454c46, 0);
    elf[5] = 1;
    elf.writeUInt16LE(0x08, 18); // MIPS
    expect(executableTarget(elf)).toBeNull();
  });
});
