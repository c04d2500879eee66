// The user's wish for the node's work: the on/off switch and the timed pause (both persisted in
// settings), plus an automatic pause from "pause while gaming" (not persisted: it is re-decided
// from the machine's state). The node runtime follows `active`; the tray and UI show the rest.
import type { Settings } from '../../src-shared/contract/index.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export const PAUSE_CHOICES = ['15m', '1h', 'tomorrow'] as const;
export type PauseChoice = (typeof PAUSE_CHOICES)[number];

/** When a pause chosen at `now` ends: 15 minutes, an hour, or the coming local midnight. */
export function pauseEnd(choice: PauseChoice, now: number): number {
  if (choice === '15m') return now + 15 * 60_000;
  if (choice === '1h') return now + 60 * 60_000;
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1, 0, 0, 0, 0).getTime();
}

export interface ControlState {
  enabled: boolean;
  /** Set only while the pause lasts. */
  pausedUntil: number | null;
  /** Why pause-while-gaming holds the work back, or null. */
  autoPause: string | null;
  /** Whether the node should be doing work now. */
  active: boolean;
}

export function controlState(
  settings: Pick<Settings, 'transcodingEnabled' | 'pausedUntil'>,
  autoPause: string | null,
  now: number,
): ControlState {
  const pausedUntil = settings.pausedUntil !== null && settings.pausedUntil > now ? settings.pausedUntil : null;
  return {
    enabled: settings.transcodingEnabled,
    pausedUntil,
    autoPause,
    active: settings.transcodingEnabled && pausedUntil === null && autoPause === null,
  };
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TranscodingControl {
  get(): ControlState;
  setEnabled(enabled: boolean): void;
  pause(choice: PauseChoice): void;
  resume(): void;
  setAutoPause(reason: string | null): void;
  onChange(listener: (state: ControlState) => void): () => void;
  close(): void;
}

// setTimeout holds at most 2^31-1 ms; longer pauses are re-armed when that fires.
const MAX_TIMER_MS = 2_147_483_647;

export function createTranscodingControl(
  settings: SettingsStore,
  options: { now?: () => number; timers?: Timers } = {},
): TranscodingControl {
  const now = options.now ?? Date.now;
  const timers: Timers = options.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  const listeners = new Set<(state: ControlState) => void>();
  let autoPause: string | null = null;
  let timer: unknown = null;
  let last = JSON.stringify(controlState(settings.get(), autoPause, now()));

  const publish = (): void => {
    const state = controlState(settings.get(), autoPause, now());
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    for (const listener of listeners) listener(state);
  };

  // Wakes up when the pause ends: clears it from settings (so every UI sees it end) and publishes.
  const arm = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const until = settings.get().pausedUntil;
    if (until === null) return;
    const delay = until - now();
    if (delay <= 0) {
      // Not inside the settings change that brought us here: the other listeners of that
      // change must see it before they see this one.
      queueMicrotask(() => {
        if (settings.get().pausedUntil === until) settings.update({ pausedUntil: null });
      });
      return;
    }
    timer = timers.setTimeout(
      () => {
        timer = null;
        if (until <= now()) settings.update({ pausedUntil: null });
        else arm(); // a clamped long delay, or a clock that ran slow
      },
      Math.min(delay, MAX_TIMER_MS),
    );
  };

  const offSettings = settings.onChange((next, previous) => {
    if (next.pausedUntil !== previous.pausedUntil) arm();
    publish();
  });
  arm();

  return {
    get: () => controlState(settings.get(), autoPause, now()),
    setEnabled(enabled) {
      // Switching on also ends a pause: "on" should mean on.
      settings.update(enabled ? { transcodingEnabled: true, pausedUntil: null } : { transcodingEnabled: false });
    },
    pause(choice) {
      settings.update({ pausedUntil: pauseEnd(choice, now()) });
    },
    resume() {
      settings.update({ pausedUntil: null });
    },
    setAutoPause(reason) {
      autoPause = reason;
      publish();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      offSettings();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      listeners.clear();
    },
  };
}
