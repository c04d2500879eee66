// Paths the user names for imports, exports and backup checks: only absolute ones, never inside the
// app's own keystore folder where that would defeat the purpose, and a keystore read from a file or
// from a folder holding one (geth / go-livepeer layout).
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { getAddress } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { readKeystoreText, scanKeystoreFolder } from './keystore-files.ts';

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

/** A keystore's text from a file, or from a folder holding it (geth / go-livepeer layout). */
export function readKeystoreSource(path: string, wanted: string | undefined): string {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new AppError(ErrorCode.NotFound, 'No file or folder at this path');
  }
  if (!isDir) {
    try {
      return readKeystoreText(path);
    } catch {
      throw new AppError(ErrorCode.CorruptKeystore, 'This file cannot be read as a keystore');
    }
  }
  const candidates = scanKeystoreFolder(path).flatMap((e) =>
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
  return readKeystoreText(only.path);
}
