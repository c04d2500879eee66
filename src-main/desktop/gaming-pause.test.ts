import { describe, expect, it } from 'vitest';
import { createLogSink } from '../log/logger.ts';
import type { PauseWhileGaming } from '../../src-shared/contract/index.ts';
import {
  ACTIVE_WITHIN_SECONDS,
  decideGamingPause,
  describePause,
  normaliseProgram,
  runningListedProgram,
  startGamingWatcher,
} from './gaming-pause.ts';

const bools = [false, true] as const;
const RESUME_MIN = 5;
// Idle times around both thresholds: active (< 60 s), in between, and idle long enough to resume.
const IDLE_SAMPLES = [
  0,
  ACTIVE_WITHIN_SECONDS - 1,
  ACTIVE_WITHIN_SECONDS,
  RESUME_MIN * 60 - 1,
  RESUME_MIN * 60,
  86_400,
];

describe('pause while gaming: every combination', () => {
  it('pauses exactly when an enabled rule holds, with activity hysteresis', () => {
    let cases = 0;
    for (const enabled of bools)
      for (const whenUserActive of bools)
        for (const onBatterySetting of bools)
          for (const listed of bools)
            for (const gameRunning of bools)
              for (const battery of bools)
                for (const pausedForActivity of bools)
                  for (const idleSeconds of IDLE_SAMPLES) {
                    const settings: PauseWhileGaming = {
                      enabled,
                      whenUserActive,
                      resumeAfterIdleMinutes: RESUME_MIN,
                      programs: listed ? ['Game.exe'] : [],
                      onBattery: onBatterySetting,
                    };
                    const running = gameRunning ? ['explorer.exe', 'game.exe'] : ['explorer.exe'];
                    const decision = decideGamingPause(
                      settings,
                      { idleSeconds, runningPrograms: running, onBattery: battery },
                      pausedForActivity,
                    );
                    // The rules, stated independently of the implementation's structure.
                    const byProgram = enabled && listed && gameRunning;
                    const activeLimit = pausedForActivity ? RESUME_MIN * 60 : ACTIVE_WITHIN_SECONDS;
                    const byActivity = enabled && whenUserActive && idleSeconds < activeLimit;
                    const byBattery = enabled && onBatterySetting && battery;
                    expect(decision.pause, JSON.stringify({ settings, idleSeconds, battery, pausedForActivity })).toBe(
                      byProgram || byActivity || byBattery,
                    );
                    expect(decision.reasons.map((r) => r.kind).sort()).toEqual(
                      [
                        ...(byProgram ? ['program'] : []),
                        ...(byActivity ? ['user-active'] : []),
                        ...(byBattery ? ['battery'] : []),
                      ].sort(),
                    );
                    cases++;
                  }
    expect(cases).toBe(2 ** 7 * IDLE_SAMPLES.length);
  });
});

describe('program matching', () => {
  it('ignores case, paths and .exe, and copes with Linux 15-character names', () => {
    expect(normaliseProgram('C:\\Games\\Foo\\Foo.EXE')).toBe('foo');
    expect(normaliseProgram('/usr/games/steam')).toBe('steam');
    expect(runningListedProgram(['Steam'], ['STEAM.EXE'])).toBe('Steam');
    expect(runningListedProgram(['steam'], ['steamwebhelper'])).toBeNull();
    expect(runningListedProgram(['Cyberpunk2077.exe'], ['Cyberpunk2077'])).toBe('Cyberpunk2077.exe');
    // ps on Linux shows "Cyberpunk2077.e" for a 17-character name.
    expect(runningListedProgram(['Cyberpunk2077.exe'], ['cyberpunk2077'])).toBe('Cyberpunk2077.exe');
    expect(runningListedProgram(['eldenring-launcher'], ['eldenring-launc'])).toBe('eldenring-launcher');
    expect(runningListedProgram(['', '  '], ['', 'x'])).toBeNull();
  });

  it('describes the first reason in words', () => {
    expect(describePause([])).toBeNull();
    expect(describePause([{ kind: 'program', program: 'steam' }, { kind: 'battery' }])).toBe('steam is running');
    expect(describePause([{ kind: 'user-active' }])).toBe('you are using the computer');
    expect(describePause([{ kind: 'battery' }])).toBe('the computer runs on battery');
  });
});

describe('gaming watcher', () => {
  it('reports changes only, lists processes only when a list is set, and keeps the hysteresis', async () => {
    const settings: PauseWhileGaming = {
      enabled: true,
      whenUserActive: true,
      resumeAfterIdleMinutes: 5,
      programs: [],
      onBattery: false,
    };
    const senses = { idle: 0, battery: false };
    let listings = 0;
    const changes: (string | null)[] = [];
    const watcher = startGamingWatcher({
      settings: () => settings,
      senses: { idleSeconds: () => senses.idle, onBattery: () => senses.battery },
      lister: {
        list: async () => {
          listings++;
          return ['steam'];
        },
      },
      onChange: (reason) => changes.push(reason),
      log: createLogSink().root,
      intervalMs: 3_600_000,
    });
    try {
      await watcher.check();
      senses.idle = 120; // resting the mouse for two minutes does not resume
      await watcher.check();
      senses.idle = 300;
      await watcher.check();
      expect(changes).toEqual(['you are using the computer', null]);
      expect(listings).toBe(0);
      settings.programs = ['Steam'];
      await watcher.check();
      expect(listings).toBe(1);
      expect(changes.at(-1)).toBe('Steam is running');
    } finally {
      watcher.stop();
    }
  });
});
