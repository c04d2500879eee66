import { describe, expect, it } from 'vitest';
import type { NodeState } from '../../src-shared/contract/index.ts';
import {
  applyTrayAction,
  EARNING_WINDOW_MS,
  formatUntil,
  statusLine,
  trayMenu,
  trayState,
  type TrayInputs,
  type TrayMenuItem,
} from './tray-model.ts';
import { controlState } from '../orchestrator/transcoding-control.ts';

const NOW = new Date(2026, 10, 25, 14, 0, 0).getTime();
const on = controlState({ transcodingEnabled: true, pausedUntil: null }, null, NOW);

function inputs(patch: Partial<TrayInputs> & { state?: NodeState } = {}): TrayInputs {
  const { state = 'running', ...rest } = patch;
  return { node: { state, message: 'msg' }, control: on, lastEarningAt: null, attention: [], now: NOW, ...rest };
}

describe('tray state', () => {
  it('is off unless the node is starting or running', () => {
    for (const state of ['stopped', 'stopping'] as const) expect(trayState(inputs({ state }))).toBe('off');
    expect(trayState(inputs({ state: 'starting' }))).toBe('running');
    expect(trayState(inputs({ state: 'running' }))).toBe('running');
  });

  it('is earning while income is recent, running again once it is older than the window', () => {
    expect(trayState(inputs({ lastEarningAt: NOW - 60_000 }))).toBe('earning');
    expect(trayState(inputs({ lastEarningAt: NOW - EARNING_WINDOW_MS }))).toBe('earning');
    expect(trayState(inputs({ lastEarningAt: NOW - EARNING_WINDOW_MS - 1 }))).toBe('running');
    // Income does not make a stopped node "earning".
    expect(trayState(inputs({ state: 'stopped', lastEarningAt: NOW }))).toBe('off');
  });

  it('needs attention on a node error or any open problem, whatever else holds', () => {
    expect(trayState(inputs({ state: 'error' }))).toBe('attention');
    expect(trayState(inputs({ state: 'stopped', attention: ['low ETH for gas'] }))).toBe('attention');
    expect(trayState(inputs({ lastEarningAt: NOW, attention: ['GPU 0 is too hot'] }))).toBe('attention');
    expect(statusLine(inputs({ attention: ['GPU 0 is too hot', 'low ETH'] }))).toBe(
      'Needs attention: GPU 0 is too hot',
    );
    expect(statusLine(inputs({ state: 'error' }))).toBe('Needs attention: msg');
  });
});

describe('tray menu', () => {
  const labels = (items: TrayMenuItem[]): string[] =>
    items.map((i) => (i.type === 'separator' ? '---' : i.type === 'submenu' ? `${i.label} >` : i.label));

  it('offers the switch, a pause submenu, open and quit', () => {
    const menu = trayMenu(inputs());
    expect(labels(menu)).toEqual([
      'Running, waiting for work',
      '---',
      'Transcoding on',
      'Pause >',
      '---',
      'Open Livepeer Miner',
      'Quit',
    ]);
    expect(menu[2]).toMatchObject({ type: 'checkbox', action: 'toggle', checked: true });
    const pause = menu[3];
    if (pause?.type !== 'submenu') throw new Error('no pause submenu');
    expect(pause.enabled).toBe(true);
    expect(pause.items.map((i) => (i.type === 'action' ? i.action : null))).toEqual([
      'pause-15m',
      'pause-1h',
      'pause-tomorrow',
    ]);
  });

  it('greys out the pause when switched off and shows why', () => {
    const off = controlState({ transcodingEnabled: false, pausedUntil: null }, null, NOW);
    const menu = trayMenu(inputs({ control: off, state: 'stopped' }));
    expect(menu[0]).toEqual({ type: 'label', label: 'Off: transcoding is switched off' });
    expect(menu[2]).toMatchObject({ checked: false });
    expect(menu[3]).toMatchObject({ type: 'submenu', enabled: false });
  });

  it('replaces the pause choices with "resume" while paused, naming the end', () => {
    const until = new Date(2026, 10, 25, 14, 15).getTime();
    const paused = controlState({ transcodingEnabled: true, pausedUntil: until }, null, NOW);
    const menu = trayMenu(inputs({ control: paused, state: 'stopped' }));
    expect(menu[0]).toEqual({ type: 'label', label: 'Paused until 14:15' });
    expect(menu[3]).toEqual({
      type: 'action',
      action: 'resume',
      label: 'Resume now (paused until 14:15)',
      enabled: true,
    });
  });

  it('names an automatic pause', () => {
    const auto = controlState({ transcodingEnabled: true, pausedUntil: null }, 'steam is running', NOW);
    expect(statusLine(inputs({ control: auto, state: 'stopped' }))).toBe('Paused: steam is running');
  });

  it('formats pause ends in local time', () => {
    expect(formatUntil(new Date(2026, 10, 25, 9, 5).getTime(), NOW)).toBe('09:05');
    expect(formatUntil(new Date(2026, 10, 26, 0, 0).getTime(), NOW)).toBe('tomorrow 00:00');
    expect(formatUntil(new Date(2026, 11, 3, 18, 30).getTime(), NOW)).toBe('3 Dec 18:30');
  });
});

describe('tray actions', () => {
  it('drive the control, and leave open and quit to the shell', () => {
    const calls: string[] = [];
    let enabled = false;
    const control = {
      get: () => ({ enabled }),
      setEnabled: (v: boolean) => {
        calls.push(`enabled=${v}`);
        enabled = v;
      },
      pause: (c: string) => calls.push(`pause ${c}`),
      resume: () => calls.push('resume'),
    };
    expect(applyTrayAction('toggle', control)).toBeNull();
    expect(applyTrayAction('toggle', control)).toBeNull();
    applyTrayAction('pause-15m', control);
    applyTrayAction('pause-1h', control);
    applyTrayAction('pause-tomorrow', control);
    applyTrayAction('resume', control);
    expect(calls).toEqual(['enabled=true', 'enabled=false', 'pause 15m', 'pause 1h', 'pause tomorrow', 'resume']);
    expect(applyTrayAction('open', control)).toBe('open');
    expect(applyTrayAction('quit', control)).toBe('quit');
  });
});
