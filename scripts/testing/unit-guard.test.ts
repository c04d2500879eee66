// The unit project's guard is in force: a unit test cannot start a process, use a socket or open
// an SQLite file (scripts/testing/unit-guard.ts).
import { execFile, spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';

describe('unit guard', () => {
  it('refuses child processes, named imports included', () => {
    expect(() => spawn('true')).toThrow(/starts a process \(child_process\.spawn\).*integration\.test\.ts/);
    expect(() => execFile('true')).toThrow(/child_process\.execFile/);
  });

  it('refuses sockets', () => {
    expect(() => createServer().listen(0)).toThrow(/listens on a socket/);
    expect(() => connect(9, '127.0.0.1')).toThrow(/opens a socket/);
  });

  it('allows an in-memory SQLite database and refuses a file', () => {
    const db = new DatabaseSync(':memory:');
    expect(db.prepare('select 1 + 1 as two').get()).toEqual({ two: 2 });
    db.close();
    expect(() => new DatabaseSync('/tmp/unit-guard.sqlite')).toThrow(/opens the SQLite file/);
  });
});
