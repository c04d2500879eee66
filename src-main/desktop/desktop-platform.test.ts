// Start at login on Linux, update support and the capabilities the Settings page shows.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DesktopCapabilities, DesktopSettings, DEFAULT_DESKTOP_SETTINGS } from '../../src-shared/contract/index.ts';
import { desktopCapabilities, HEADLESS_CAPABILITIES } from './capabilities.ts';
import { autostartDir, autostartEntry, setLinuxAutostart } from './linux-autostart.ts';
import { updateSupport } from './update-policy.ts';

describe('Linux autostart entry', () => {
  it('is written when enabled and removed when disabled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lpm-autostart-'));
    try {
      const options = {
        id: 'livepeer-miner',
        name: 'Livepeer Miner',
        exec: '/opt/Livepeer Miner/livepeer-miner',
        args: ['--hidden'],
        dir: join(dir, 'autostart'),
      };
      const file = setLinuxAutostart(true, options);
      expect(file).toBe(join(dir, 'autostart', 'livepeer-miner.desktop'));
      expect(readFileSync(file, 'utf8')).toBe(
        '[Desktop Entry]\nType=Application\nName=Livepeer Miner\nExec="/opt/Livepeer Miner/livepeer-miner" --hidden\nX-GNOME-Autostart-enabled=true\nNoDisplay=true\n',
      );
      setLinuxAutostart(false, options);
      expect(existsSync(file)).toBe(false);
      setLinuxAutostart(false, options); // already gone: no error
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('escapes what the Exec key would otherwise interpret', () => {
    expect(autostartEntry({ name: 'x', exec: '/a/b$c', args: [] })).toContain('Exec="/a/b\\$c"');
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/autostart');
  });
});

describe('update support', () => {
  it('never checks in development runs; on Linux only the AppImage updates itself', () => {
    expect(updateSupport({ isPackaged: false, platform: 'win32', appImage: undefined }).supported).toBe(false);
    expect(updateSupport({ isPackaged: true, platform: 'win32', appImage: undefined })).toEqual({
      supported: true,
      reason: null,
    });
    expect(updateSupport({ isPackaged: true, platform: 'darwin', appImage: undefined }).supported).toBe(true);
    expect(updateSupport({ isPackaged: true, platform: 'linux', appImage: undefined }).reason).toMatch(
      /package manager/,
    );
    expect(updateSupport({ isPackaged: true, platform: 'linux', appImage: '/home/u/LM.AppImage' }).supported).toBe(
      true,
    );
  });
});

describe('capabilities', () => {
  it('are all unavailable, with the reason, in the headless host', () => {
    expect(DesktopCapabilities.parse(HEADLESS_CAPABILITIES)).toEqual(HEADLESS_CAPABILITIES);
    expect(HEADLESS_CAPABILITIES.available).toBe(false);
    for (const key of ['tray', 'startAtLogin', 'notifications', 'pauseWhileGaming', 'autoUpdate'] as const) {
      expect(HEADLESS_CAPABILITIES[key]).toEqual({ supported: false, reason: expect.stringContaining('headless') });
    }
  });

  it('say what a desktop run can do', () => {
    const dev = desktopCapabilities({
      platform: 'linux',
      isPackaged: false,
      appImage: undefined,
      notificationsSupported: false,
    });
    expect(DesktopCapabilities.parse(dev)).toEqual(dev);
    expect(dev.available).toBe(true);
    expect(dev.tray.supported).toBe(true);
    expect(dev.startAtLogin.supported).toBe(false);
    expect(dev.notifications.supported).toBe(false);
    expect(dev.autoUpdate.supported).toBe(false);
    const installed = desktopCapabilities({
      platform: 'win32',
      isPackaged: true,
      appImage: undefined,
      notificationsSupported: true,
    });
    expect(Object.values(installed).filter((v) => typeof v === 'object' && v !== null && !v.supported)).toEqual([]);
  });
});

describe('desktop settings schema', () => {
  it('keeps stored choices when a notification kind is added later (the new one is off)', () => {
    const { gpuHot: _dropped, ...older } = { ...DEFAULT_DESKTOP_SETTINGS.notifications, lowEth: true };
    const parsed = DesktopSettings.parse({ ...DEFAULT_DESKTOP_SETTINGS, notifications: older });
    expect(parsed.notifications).toEqual({ ...DEFAULT_DESKTOP_SETTINGS.notifications, lowEth: true, gpuHot: false });
    expect(DesktopSettings.safeParse({ ...DEFAULT_DESKTOP_SETTINGS, notifications: { spam: true } }).success).toBe(
      false,
    );
  });
});
