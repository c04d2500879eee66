// `serve --password-file FILE`: the operating account's password for an unattended start, as
// go-livepeer's -ethPassword takes a file. Refused unless the file is a regular file owned by this
// user and readable by nobody else (mode 0600 or 0400): a password others can read is no secret.
import { constants, openSync, closeSync, fstatSync, readSync } from 'node:fs';

/** A password is short; anything bigger is not a password file. */
const MAX_BYTES = 4096;

export function readPasswordFile(path: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO named by mistake must not hang the start; it is refused below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    throw new Error(`--password-file ${path}: cannot open it (${(err as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: err,
    });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`--password-file ${path}: not a regular file`);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid())
      throw new Error(`--password-file ${path}: owned by another user`);
    if ((st.mode & 0o077) !== 0)
      throw new Error(
        `--password-file ${path}: readable by others (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 on it`,
      );
    if (st.size > MAX_BYTES) throw new Error(`--password-file ${path}: larger than ${MAX_BYTES} bytes`);
    const buf = Buffer.alloc(MAX_BYTES + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    buf.fill(0);
    // One line: the password; only the line break after it is dropped (spaces may be part of it).
    const password = text.replace(/\r?\n$/, '');
    if (!password || password.includes('\n'))
      throw new Error(`--password-file ${path}: put the password alone on one line`);
    return password;
  } finally {
    closeSync(fd);
  }
}
