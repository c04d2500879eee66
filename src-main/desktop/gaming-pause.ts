// "Pause while gaming": decides from what the machine reports (idle time, running programs,
// battery) whether the node's work should hold back. Pure, so every combination is tested; the
// watcher below polls the senses, which the Electron glue supplies (powerMonitor, a process list).
import type { PauseWhileGaming } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { ProcessLister } from './process-list.ts';

/** Keyboard or mouse input within this many seconds means someone is at the computer. */
export const ACTIVE_WITHIN_SECONDS = 60;

export interface GamingSenses {
  /** Seconds since the last keyboard or mouse input (powerMonitor.getSystemIdleTime). */
  idleSeconds: number;
  /** Names of running programs, as the process lister reports them. */
  runningPrograms: readonly string[];
  onBattery: boolean;
}

export type PauseReason = { kind: 'program'; program: string } | { kind: 'user-active' } | { kind: 'battery' };

export interface PauseDecision {
  pause: boolean;
  reasons: PauseReason[];
}

/** "C:\Games\Foo.EXE" and "foo" name the same program; case and a trailing .exe do not matter. */
export function normaliseProgram(name: string): string {
  const base = name.trim().split(/[\\/]/).pop() ?? '';
  return base.toLowerCase().replace(/\.exe$/, '');
}

// Linux reports at most 15 characters of a process name (TASK_COMM_LEN - 1).
const LINUX_COMM_LENGTH = 15;

/** The first listed program that is running, or null. */
export function runningListedProgram(listed: readonly string[], running: readonly string[]): string | null {
  const names = new Set(running.map(normaliseProgram));
  for (const program of listed) {
    const wanted = normaliseProgram(program);
    if (!wanted) continue;
    if (names.has(wanted)) return program;
    if (wanted.length > LINUX_COMM_LENGTH && names.has(wanted.slice(0, LINUX_COMM_LENGTH))) return program;
  }
  return null;
}

/**
 * The decision, with hysteresis for activity: once paused because the user was active, the work
 * resumes only after `resumeAfterIdleMinutes` without input, not the moment the mouse rests.
 */
export function decideGamingPause(
  settings: PauseWhileGaming,
  senses: GamingSenses,
  pausedForActivity: boolean,
): PauseDecision {
  if (!settings.enabled) return { pause: false, reasons: [] };
  const reasons: PauseReason[] = [];
  const program = runningListedProgram(settings.programs, senses.runningPrograms);
  if (program !== null) reasons.push({ kind: 'program', program });
  if (settings.whenUserActive) {
    const active = pausedForActivity
      ? senses.idleSeconds < settings.resumeAfterIdleMinutes * 60
      : senses.idleSeconds < ACTIVE_WITHIN_SECONDS;
    if (active) reasons.push({ kind: 'user-active' });
  }
  if (settings.onBattery && senses.onBattery) reasons.push({ kind: 'battery' });
  return { pause: reasons.length > 0, reasons };
}

export function describePause(reasons: readonly PauseReason[]): string | null {
  const first = reasons[0];
  if (!first) return null;
  if (first.kind === 'program') return `${first.program} is running`;
  if (first.kind === 'user-active') return 'you are using the computer';
  return 'the computer runs on battery';
}

export interface GamingWatcher {
  /** Runs one check now (also what the interval does). */
  check(): Promise<PauseDecision>;
  stop(): void;
}

export function startGamingWatcher(options: {
  settings: () => PauseWhileGaming;
  senses: { idleSeconds(): number; onBattery(): boolean };
  lister: ProcessLister;
  /** Called with the reason to pause, or null to resume, whenever that changes. */
  onChange: (reason: string | null) => void;
  log: Logger;
  intervalMs?: number;
}): GamingWatcher {
  let pausedForActivity = false;
  let current: string | null = null;
  let running = false;

  async function check(): Promise<PauseDecision> {
    const settings = options.settings();
    let programs: string[] = [];
    // Listing processes costs a fork; skip it unless a program list is set.
    if (settings.enabled && settings.programs.length > 0) {
      try {
        programs = await options.lister.list();
      } catch (err) {
        options.log.warn(`Could not list running programs: ${String(err)}`);
      }
    }
    const decision = decideGamingPause(
      settings,
      { idleSeconds: options.senses.idleSeconds(), onBattery: options.senses.onBattery(), runningPrograms: programs },
      pausedForActivity,
    );
    pausedForActivity = decision.reasons.some((r) => r.kind === 'user-active');
    const reason = describePause(decision.reasons);
    if (reason !== current) {
      current = reason;
      options.log.info(reason === null ? 'Pause while gaming: resuming' : `Pause while gaming: pausing (${reason})`);
      options.onChange(reason);
    }
    return decision;
  }

  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void check().finally(() => (running = false));
  }, options.intervalMs ?? 15_000);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
