// Paths the user names for imports, exports and backup checks: only absolute ones, never inside the
// app's own keystore folder where that would defeat the purpose, and a keystore read from a file or
// from a folder holding one (geth / go-livepeer layout).
import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { getAddress } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { readKeystoreFile, scanUserFolder, type KeystoreEntry } from './keystore-files.ts';

export function absolute(path: string): string {
  if (!isAbsolute(path)) throw new AppError(ErrorCode.BadInput, 'Enter a full path (starting at the root of the disk)');
  return resolve(path);
}

export function addressFromFileName(file: string): string | null {
  const hex = /--([0-9a-fA-F]{40})$/.exec(file)?.[1];
  return hex ? getAddress(`0x${hex.toLowerCase()}`) : null;
}

/** Whether `path` is `folder` or inside it, after resolving symbolic links. */
export function insideFolder(folder: string, path: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const rel = relative(real(folder), real(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Linux's virtual file systems: never a keystore, and some of their files block or never end. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

function refuseSystemFolder(path: string): void {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = path;
  }
  if (SYSTEM_FOLDERS.some((root) => real === root || real.startsWith(`${root}/`)))
    throw new AppError(ErrorCode.BadInput, `${real} is a system folder of the operating system, not a keystore folder`);
}

/** What a user-named path is: a folder, a regular file, or something else (pipe, device, socket). */
async function kindOf(path: string): Promise<'folder' | 'file' | 'other'> {
  refuseSystemFolder(path);
  try {
    const st = await stat(path);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    throw new AppError(ErrorCode.NotFound, 'No file or folder at this path');
  }
}

/** The keystores in a folder the user named (a clear error for anything that is not a folder). */
export async function scanNamedFolder(path: string): Promise<KeystoreEntry[]> {
  if ((await kindOf(path)) !== 'folder') throw new AppError(ErrorCode.BadInput, 'This path is not a folder');
  try {
    return await scanUserFolder(path);
  } catch (err) {
    throw new AppError(
      ErrorCode.BadInput,
      `This folder cannot be scanned: ${err instanceof Error ? err.message : 'unreadable'}`,
    );
  }
}

/** A keystore's text from a file, or from a folder holding it (geth / go-livepeer layout). */
export async function readKeystoreSource(path: string, wanted: string | undefined): Promise<string> {
  const kind = await kindOf(path);
  if (kind === 'other') throw new AppError(ErrorCode.BadInput, 'This path is not a regular file or a folder');
  if (kind === 'file') {
    try {
      return await readKeystoreFile(path);
    } catch {
      throw new AppError(ErrorCode.CorruptKeystore, 'This file cannot be read as a keystore');
    }
  }
  const candidates = (await scanNamedFolder(path)).flatMap((e) =>
    e.summary !== null && (wanted === undefined || e.summary.address === getAddress(wanted))
      ? [{ path: e.path, address: e.summary.address }]
      : [],
  );
  const [only] = candidates;
  if (!only) throw new AppError(ErrorCode.NotFound, 'No keystore file in this folder');
  if (candidates.length > 1) {
    throw new AppError(ErrorCode.BadInput, 'This folder holds several keystores; choose the account to import', {
      addresses: candidates.map((c) => c.address),
    });
  }
  return readKeystoreFile(only.path);
}
