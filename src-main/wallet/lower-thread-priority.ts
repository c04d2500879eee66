// Imported first by the keystore worker: lowers the priority of the worker's own thread (Linux
// schedules threads individually, and /proc/thread-self names this one), so that on a busy
// two-core machine the main thread, which serves the UI and the node, wins the CPU over scrypt.
// Best effort: elsewhere, or when not permitted, the worker runs at normal priority.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

const WORKER_NICE = 10;

try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, WORKER_NICE);
} catch {
  // Not Linux, or no /proc: nothing to do.
}
