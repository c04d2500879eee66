// Against the real settings store (SQLite in a temp folder); only time is simulated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import { createSettingsStore, SETTINGS_MIGRATIONS } from '../settings/settings-store.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { controlState, createTranscodingControl, pauseEnd, type ControlState } from './transcoding-control.ts';

describe('pause ends', () => {
  const at = (...parts: [number, number, number, number, number]) => new Date(...parts).getTime();

  it('are 15 minutes, an hour, or the next local midnight', () => {
    const now = at(2026, 10, 25, 14, 7);
    expect(pauseEnd('15m', now)).toBe(at(2026, 10, 25, 14, 22));
    expect(pauseEnd('1h', now)).toBe(at(2026, 10, 25, 15, 7));
    expect(pauseEnd('tomorrow', now)).toBe(at(2026, 10, 26, 0, 0));
    // One minute before midnight, at the end of a month and of a year.
    expect(pauseEnd('tomorrow', at(2026, 10, 25, 23, 59))).toBe(at(2026, 10, 26, 0, 0));
    expect(pauseEnd('tomorrow', at(2026, 10, 30, 8, 0))).toBe(at(2026, 11, 1, 0, 0));
    expect(pauseEnd('tomorrow', at(2026, 11, 31, 0, 0))).toBe(at(2027, 0, 1, 0, 0));
  });

  it('count only while they are in the future', () => {
    expect(controlState({ transcodingEnabled: true, pausedUntil: 1000 }, null, 999)).toEqual({
      enabled: true,
      pausedUntil: 1000,
      autoPause: null,
      active: false,
    });
    expect(controlState({ transcodingEnabled: true, pausedUntil: 1000 }, null, 1000).active).toBe(true);
    expect(controlState({ transcodingEnabled: true, pausedUntil: null }, 'steam is running', 0).active).toBe(false);
    expect(controlState({ transcodingEnabled: false, pausedUntil: null }, null, 0).active).toBe(false);
  });
});

describe('transcoding control', () => {
  const dirs: string[] = [];
  const dbs: Database[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function setup(startAt: number) {
    const dir = mkdtempSync(join(tmpdir(), 'lpm-control-'));
    dirs.push(dir);
    const db = openDatabase(dir, [...SETTINGS_MIGRATIONS]);
    dbs.push(db);
    const settings = createSettingsStore(db, createLogSink().root);
    const clock = { now: startAt };
    const pending: { fn: () => void; at: number }[] = [];
    const timers = {
      setTimeout: (fn: () => void, ms: number) => {
        const entry = { fn, at: clock.now + ms };
        pending.push(entry);
        return entry;
      },
      clearTimeout: (handle: unknown) => {
        const i = pending.indexOf(handle as (typeof pending)[number]);
        if (i >= 0) pending.splice(i, 1);
      },
    };
    const advance = (ms: number): void => {
      clock.now += ms;
      for (const entry of pending.filter((e) => e.at <= clock.now)) {
        pending.splice(pending.indexOf(entry), 1);
        entry.fn();
      }
    };
    const control = createTranscodingControl(settings, { now: () => clock.now, timers });
    const seen: ControlState[] = [];
    control.onChange((s) => seen.push(s));
    return {
      dir,
      settings,
      control,
      seen,
      advance,
      pending,
      reopen: () => createSettingsStore(db, createLogSink().root),
    };
  }

  it('persists the switch and the pause in settings', () => {
    const t = setup(1_000_000);
    expect(t.control.get().active).toBe(false); // off until the user switches it on
    t.control.setEnabled(true);
    t.control.pause('1h');
    const stored = t.reopen().get();
    expect(stored.transcodingEnabled).toBe(true);
    expect(stored.pausedUntil).toBe(1_000_000 + 3_600_000);
    expect(t.seen.map((s) => s.active)).toEqual([true, false]);
  });

  it('ends a pause by itself when its time comes, clearing it for every UI', () => {
    const t = setup(1_000_000);
    t.control.setEnabled(true);
    t.control.pause('15m');
    t.advance(15 * 60_000 - 1);
    expect(t.control.get().pausedUntil).not.toBeNull();
    t.advance(1);
    expect(t.settings.get().pausedUntil).toBeNull();
    expect(t.seen.at(-1)).toMatchObject({ active: true, pausedUntil: null });
    expect(t.pending).toHaveLength(0);
  });

  it('resumes early, and switching on ends a pause', () => {
    const t = setup(5_000);
    t.control.setEnabled(true);
    t.control.pause('tomorrow');
    t.control.resume();
    expect(t.control.get()).toMatchObject({ active: true, pausedUntil: null });
    expect(t.pending).toHaveLength(0);
    t.control.pause('1h');
    t.control.setEnabled(false);
    expect(t.settings.get().pausedUntil).not.toBeNull(); // switching off keeps the pause's record
    t.control.setEnabled(true);
    expect(t.control.get()).toMatchObject({ active: true, pausedUntil: null });
  });

  it('combines the automatic pause without persisting it', () => {
    const t = setup(0);
    t.control.setEnabled(true);
    t.control.setAutoPause('steam is running');
    expect(t.control.get()).toMatchObject({ active: false, autoPause: 'steam is running' });
    expect(t.reopen().get().transcodingEnabled).toBe(true);
    t.control.setAutoPause(null);
    expect(t.control.get().active).toBe(true);
    expect(t.seen.map((s) => s.active)).toEqual([true, false, true]);
  });

  it('clears a pause that ended while the app was closed', async () => {
    const t = setup(10_000);
    const order: (number | null)[] = [];
    t.settings.onChange((next) => order.push(next.pausedUntil));
    t.settings.update({ transcodingEnabled: true, pausedUntil: 9_000 });
    await Promise.resolve();
    expect(t.settings.get().pausedUntil).toBeNull();
    // Every listener sees the stale value first and the cleared one last.
    expect(order).toEqual([9_000, null]);
    expect(t.control.get().active).toBe(true);
  });
});
