// The Electron glue, tested without the Electron binary: 'electron' is replaced by a recorder so
// the security decisions (sender checks, window options, navigation and permission locks, the
// preload's surface) are checked on every machine. e2e/electron.spec.ts covers the real window.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeState } from '../../src-shared/contract/index.ts';

const recorded = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  exposed: new Map<string, unknown>(),
  windowOptions: [] as Record<string, unknown>[],
  invokes: [] as unknown[][],
  opened: [] as string[],
  trays: [] as { image: string; tooltip: string; menu: unknown[]; destroyed: boolean }[],
  dialogs: [] as { message: string; buttons: string[] }[],
  dialogAnswer: 0,
  updater: {
    listeners: new Map<string, (info: { version: string }) => void>(),
    checks: 0,
    installs: 0,
  },
}));

vi.mock('electron-updater', () => ({
  default: {
    autoUpdater: {
      on: (event: string, fn: (info: { version: string }) => void) => recorded.updater.listeners.set(event, fn),
      checkForUpdates: () => (recorded.updater.checks++, Promise.resolve(null)),
      quitAndInstall: () => recorded.updater.installs++,
    },
  },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { mainFrame: {}, send: vi.fn() };
    constructor(options: Record<string, unknown>) {
      recorded.windowOptions.push(options);
    }
    once(): void {}
    on(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return false;
    }
  }
  return {
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => recorded.handlers.set(channel, fn),
      removeHandler: (channel: string) => recorded.handlers.delete(channel),
    },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => recorded.exposed.set(key, value) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        recorded.invokes.push(args);
        return Promise.resolve({ ok: true, result: 'forwarded' });
      },
      on: vi.fn(),
      removeListener: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    Tray: class {
      record = { image: '', tooltip: '', menu: [] as unknown[], destroyed: false };
      constructor(image: { path: string }) {
        this.record.image = image.path;
        recorded.trays.push(this.record);
      }
      on(): void {}
      isDestroyed(): boolean {
        return this.record.destroyed;
      }
      setImage(image: { path: string }): void {
        this.record.image = image.path;
      }
      setToolTip(text: string): void {
        this.record.tooltip = text;
      }
      setContextMenu(menu: { template: unknown[] }): void {
        this.record.menu = menu.template;
      }
      destroy(): void {
        this.record.destroyed = true;
      }
    },
    app: { on: vi.fn(), getVersion: () => '0.1.0' },
    dialog: {
      showMessageBox: (options: { message: string; buttons: string[] }) => {
        recorded.dialogs.push(options);
        return Promise.resolve({ response: recorded.dialogAnswer });
      },
    },
    shell: { openExternal: (url: string) => (recorded.opened.push(url), Promise.resolve()) },
    session: { defaultSession: {} },
  };
});

const { isTrustedSender } = await import('./sender.ts');
const { registerIpc } = await import('./ipc.ts');
const { SECURE_WEB_PREFERENCES, createMainWindow } = await import('./window.ts');
const { hardenWebContents, denyAllPermissions } = await import('./hardening.ts');
const { createAppTray } = await import('./tray.ts');
const { startUpdater } = await import('./updater.ts');
const { createLogSink } = await import('../log/logger.ts');
const { createHost } = await import('../app/host.ts');
const { IPC_INVOKE_CHANNEL } = await import('../../src-shared/contract/index.ts');

type FakeFrame = { url: string; parent: unknown };
const frame = (url: string, parent: unknown = null): FakeFrame => ({ url, parent });
const windowShowing = (mainFrame: FakeFrame) =>
  ({ isDestroyed: () => false, webContents: { mainFrame, send: vi.fn() } }) as never;

beforeEach(() => {
  recorded.invokes.length = 0;
});

describe('IPC sender validation', () => {
  const ours = frame('app://ui/#/settings');
  const windows = new Set([windowShowing(ours)]);

  it('trusts only the main frame of our own window on the app:// origin', () => {
    expect(isTrustedSender(ours as never, windows)).toBe(true);
    expect(isTrustedSender(null, windows)).toBe(false);
    expect(isTrustedSender(frame('app://ui/', ours) as never, windows)).toBe(false); // a subframe
    expect(isTrustedSender(frame('https://evil.example/') as never, windows)).toBe(false);
    expect(isTrustedSender(frame('app://ui/') as never, windows)).toBe(false); // not a window we made
    expect(isTrustedSender(frame('file:///etc/passwd') as never, windows)).toBe(false);
  });

  it('answers untrusted senders with UNAUTHORIZED and trusted ones with results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpm-ipc-'));
    const host = createHost({ dataDir: dir, mode: 'desktop' });
    const off = registerIpc(host, windows);
    const handler = recorded.handlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no IPC handler registered');
    const request = { service: 'settings', method: 'get', input: {} };
    expect(await handler({ senderFrame: frame('https://evil.example/') }, request)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(await handler({ senderFrame: ours }, request)).toMatchObject({ ok: true });
    off();
    expect(recorded.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('main window', () => {
  it('uses the secure web preferences and our preload', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    createMainWindow('/app/dist/main/preload.cjs');
    const prefs = recorded.windowOptions.at(-1)?.webPreferences;
    expect(prefs).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/dist/main/preload.cjs' });
  });

  it('blocks navigation away from the app, redirects, webviews and new windows', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    hardenWebContents({
      on: (name: string, fn: (event: { preventDefault: () => void }, url?: string) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => (openHandler = fn),
    } as never);
    recorded.opened.length = 0;
    const attempt = (name: string, url?: string): boolean => {
      const preventDefault = vi.fn();
      listeners.get(name)?.({ preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-navigate', 'app://ui/#/logs')).toBe(false);
    expect(attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(attempt('will-attach-webview')).toBe(true);
    expect(openHandler).not.toBeNull();
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(recorded.opened).toEqual([]);
  });

  it('sends only allowlisted https links to the browser, from new windows and navigation alike', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    hardenWebContents({
      on: (name: string, fn: (event: { preventDefault: () => void }, url?: string) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => (openHandler = fn),
    } as never);
    recorded.opened.length = 0;
    expect(openHandler!({ url: 'https://docs.livepeer.org/orchestrators' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'http://docs.livepeer.org/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://livepeer.org.evil.example/' })).toEqual({ action: 'deny' });
    const preventDefault = vi.fn();
    listeners.get('will-navigate')!({ preventDefault }, 'https://arbiscan.io/tx/0x01');
    expect(preventDefault).toHaveBeenCalled();
    listeners.get('will-navigate')!({ preventDefault }, 'file:///etc/passwd');
    expect(recorded.opened).toEqual(['https://docs.livepeer.org/orchestrators', 'https://arbiscan.io/tx/0x01']);
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let device: (() => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setDevicePermissionHandler: (fn: typeof device) => (device = fn),
    } as never);
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      request!(null, permission, (ok) => answers.push(ok));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });
});

describe('preload bridge', () => {
  it('exposes one frozen object with invoke and subscribe only', async () => {
    await import('./preload.ts');
    const bridge = recorded.exposed.get('livepeerMiner') as Record<string, unknown>;
    expect([...recorded.exposed.keys()]).toEqual(['livepeerMiner']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('forwards contract methods and refuses other names without touching IPC', async () => {
    const bridge = recorded.exposed.get('livepeerMiner') as {
      invoke: (s: string, m: string, i: unknown) => Promise<unknown>;
    };
    expect(await bridge.invoke('settings', 'get', {})).toEqual({ ok: true, result: 'forwarded' });
    expect(recorded.invokes).toEqual([[IPC_INVOKE_CHANNEL, { service: 'settings', method: 'get', input: {} }]]);
    expect(await bridge.invoke('wallet', 'exportPrivateKey', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await bridge.invoke('settings', '__proto__', {})).toMatchObject({ ok: false });
    expect(recorded.invokes).toHaveLength(1);
  });
});

describe('tray', () => {
  type Item = {
    label?: string;
    type?: string;
    checked?: boolean;
    enabled?: boolean;
    click?: () => void;
    submenu?: Item[];
  };

  it('draws the model: icon per state, tooltip, menu; clicks come back as actions', () => {
    const inputs = {
      node: { state: 'stopped' as NodeState, message: 'The node is stopped.' },
      control: { enabled: false, pausedUntil: null, autoPause: null, active: false },
      lastEarningAt: null as number | null,
      attention: [] as string[],
      now: Date.now(),
    };
    const actions: string[] = [];
    const tray = createAppTray({
      iconDir: '/icons',
      inputs: () => inputs,
      onAction: (a) => actions.push(a),
      onClick: () => actions.push('click'),
    });
    const drawn = recorded.trays.at(-1)!;
    expect(drawn.image).toBe('/icons/tray-off.png');
    expect(drawn.tooltip).toBe('Livepeer Miner: Off: transcoding is switched off');
    const menu = drawn.menu as Item[];
    expect(menu.map((i) => i.label ?? i.type)).toEqual([
      'Off: transcoding is switched off',
      'separator',
      'Transcoding on',
      'Pause',
      'separator',
      'Open Livepeer Miner',
      'Quit',
    ]);
    expect(menu[0]!.enabled).toBe(false);
    menu[2]!.click!();
    menu[5]!.click!();
    menu[6]!.click!();
    expect(actions).toEqual(['toggle', 'open', 'quit']);

    inputs.node = { state: 'running', message: 'ok' };
    inputs.control = { enabled: true, pausedUntil: null, autoPause: null, active: true };
    inputs.lastEarningAt = inputs.now;
    tray.update();
    expect(drawn.image).toBe('/icons/tray-earning.png');
    const pause = (drawn.menu as Item[])[3]!;
    expect(pause.submenu!.map((i) => i.label)).toEqual(['For 15 minutes', 'For 1 hour', 'Until tomorrow']);
    pause.submenu![0]!.click!();
    expect(actions.at(-1)).toBe('pause-15m');

    inputs.attention = ['low ETH for gas'];
    tray.update();
    expect(drawn.image).toBe('/icons/tray-attention.png');
    expect(tray.snapshot().status).toBe('Needs attention: low ETH for gas');
    tray.destroy();
    expect(drawn.destroyed).toBe(true);
  });
});

describe('auto-update', () => {
  it('reports an available update and restarts only when the user says so', async () => {
    const available: string[] = [];
    let marked = 0;
    const stop = startUpdater({
      log: createLogSink({ printLevel: 'error' }).root,
      onAvailable: (v) => available.push(v),
      beforeRestart: () => marked++,
    });
    expect(recorded.updater.checks).toBe(1);
    recorded.updater.listeners.get('update-available')!({ version: '0.2.0' });
    expect(available).toEqual(['0.2.0']);

    // "Later": nothing restarts (it installs on the next quit).
    recorded.dialogAnswer = 1;
    recorded.updater.listeners.get('update-downloaded')!({ version: '0.2.0' });
    await vi.waitFor(() => expect(recorded.dialogs).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(recorded.dialogs[0]).toMatchObject({ buttons: ['Restart now', 'Later'] });
    expect(recorded.dialogs[0]!.message).toContain('0.2.0');
    expect([marked, recorded.updater.installs]).toEqual([0, 0]);

    // "Restart now": the quit is marked deliberate first, then the update installs.
    recorded.dialogAnswer = 0;
    recorded.updater.listeners.get('update-downloaded')!({ version: '0.2.0' });
    await vi.waitFor(() => expect(recorded.updater.installs).toBe(1));
    expect(marked).toBe(1);
    stop();
  });
});
