// What the tray shows, as plain data: the icon state, the tooltip and the menu. The Electron glue
// (src-main/electron/tray.ts) only turns this into a Tray and a Menu and routes clicks back.
import type { NodeStatus } from '../../src-shared/contract/index.ts';
import type { ControlState } from '../orchestrator/transcoding-control.ts';

export const TRAY_STATES = ['off', 'running', 'earning', 'attention'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** Income this recent counts as "earning" (tickets arrive in bursts; rewards once a round). */
export const EARNING_WINDOW_MS = 30 * 60_000;

export interface TrayInputs {
  node: Pick<NodeStatus, 'state' | 'message'>;
  control: ControlState;
  /**
   * Epoch ms of the last sign of income the node reported (a winning ticket received or
   * redeemed, a reward called), or null. The node runtime provides it once it exists.
   */
  lastEarningAt: number | null;
  /** Problems waiting for the user (low ETH for gas, failed reward call, hot GPU), newest first. */
  attention: readonly string[];
  now: number;
}

export function trayState(input: TrayInputs): TrayState {
  if (input.node.state === 'error' || input.attention.length > 0) return 'attention';
  if (input.node.state !== 'running' && input.node.state !== 'starting') return 'off';
  if (input.lastEarningAt !== null && input.now - input.lastEarningAt <= EARNING_WINDOW_MS) return 'earning';
  return 'running';
}

export const TRAY_ACTIONS = ['toggle', 'pause-15m', 'pause-1h', 'pause-tomorrow', 'resume', 'open', 'quit'] as const;
export type TrayAction = (typeof TRAY_ACTIONS)[number];

export type TrayMenuItem =
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { type: 'checkbox'; action: TrayAction; label: string; checked: boolean }
  | { type: 'submenu'; label: string; enabled: boolean; items: TrayMenuItem[] };

const two = (n: number): string => String(n).padStart(2, '0');

/** "14:30" today, "tomorrow 00:00", or "25 Nov 14:30" further out; local time. */
export function formatUntil(until: number, now: number): string {
  const end = new Date(until);
  const start = new Date(now);
  const time = `${two(end.getHours())}:${two(end.getMinutes())}`;
  const dayDiff = Math.round(
    (new Date(end.getFullYear(), end.getMonth(), end.getDate()).getTime() -
      new Date(start.getFullYear(), start.getMonth(), start.getDate()).getTime()) /
      86_400_000,
  );
  if (dayDiff === 0) return time;
  if (dayDiff === 1) return `tomorrow ${time}`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][end.getMonth()];
  return `${end.getDate()} ${month} ${time}`;
}

/** One line saying what the app is doing: the first menu entry and the tooltip. */
export function statusLine(input: TrayInputs): string {
  const state = trayState(input);
  if (state === 'attention') return `Needs attention: ${input.attention[0] ?? input.node.message}`;
  if (!input.control.enabled) return 'Off: transcoding is switched off';
  if (input.control.pausedUntil !== null) return `Paused until ${formatUntil(input.control.pausedUntil, input.now)}`;
  if (input.control.autoPause !== null) return `Paused: ${input.control.autoPause}`;
  if (state === 'earning') return 'Earning';
  if (state === 'running') return input.node.state === 'starting' ? 'Starting…' : 'Running, waiting for work';
  return `Off: ${input.node.message}`;
}

export function tooltip(input: TrayInputs): string {
  return `Livepeer Miner: ${statusLine(input)}`;
}

export function trayMenu(input: TrayInputs): TrayMenuItem[] {
  const { control } = input;
  const pause: TrayMenuItem =
    control.pausedUntil !== null
      ? {
          type: 'action',
          action: 'resume',
          label: `Resume now (paused until ${formatUntil(control.pausedUntil, input.now)})`,
          enabled: true,
        }
      : {
          type: 'submenu',
          label: 'Pause',
          enabled: control.enabled,
          items: [
            { type: 'action', action: 'pause-15m', label: 'For 15 minutes', enabled: true },
            { type: 'action', action: 'pause-1h', label: 'For 1 hour', enabled: true },
            { type: 'action', action: 'pause-tomorrow', label: 'Until tomorrow', enabled: true },
          ],
        };
  return [
    { type: 'label', label: statusLine(input) },
    { type: 'separator' },
    { type: 'checkbox', action: 'toggle', label: 'Transcoding on', checked: control.enabled },
    pause,
    { type: 'separator' },
    { type: 'action', action: 'open', label: 'Open Livepeer Miner', enabled: true },
    { type: 'action', action: 'quit', label: 'Quit', enabled: true },
  ];
}

/** What a click does, against the control; 'open' and 'quit' belong to the Electron glue. */
export function applyTrayAction(
  action: TrayAction,
  control: {
    setEnabled(on: boolean): void;
    pause(choice: '15m' | '1h' | 'tomorrow'): void;
    resume(): void;
    get(): { enabled: boolean };
  },
): 'open' | 'quit' | null {
  switch (action) {
    case 'toggle':
      control.setEnabled(!control.get().enabled);
      return null;
    case 'pause-15m':
      control.pause('15m');
      return null;
    case 'pause-1h':
      control.pause('1h');
      return null;
    case 'pause-tomorrow':
      control.pause('tomorrow');
      return null;
    case 'resume':
      control.resume();
      return null;
    case 'open':
    case 'quit':
      return action;
  }
}
