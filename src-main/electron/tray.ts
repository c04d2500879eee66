// The tray icon and its menu: src-main/desktop/tray-model.ts decides what they show; this file
// only draws them with Electron and routes clicks back.
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import {
  statusLine,
  tooltip,
  trayMenu,
  trayState,
  TRAY_STATES,
  type TrayAction,
  type TrayInputs,
  type TrayMenuItem,
  type TrayState,
} from '../desktop/tray-model.ts';

export function menuTemplate(
  items: TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'label':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, checked: item.checked, click: () => onAction(item.action) };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: menuTemplate(item.items, onAction) };
    }
  });
}

export interface AppTray {
  /** Redraws from the current inputs (call on every change; cheap when nothing changed). */
  update(): void;
  /** For the e2e test: what the tray shows now. */
  snapshot(): { state: TrayState; tooltip: string; status: string; menu: TrayMenuItem[] };
  destroy(): void;
}

export function createAppTray(options: {
  iconDir: string;
  inputs: () => TrayInputs;
  onAction: (action: TrayAction) => void;
  onClick: () => void;
}): AppTray {
  const icons = Object.fromEntries(
    TRAY_STATES.map((state) => [state, nativeImage.createFromPath(join(options.iconDir, `tray-${state}.png`))]),
  ) as Record<TrayState, NativeImage>;
  const tray = new Tray(icons.off);
  tray.on('click', options.onClick);
  let drawn = '';

  function update(): void {
    const inputs = options.inputs();
    const state = trayState(inputs);
    const menu = trayMenu(inputs);
    const key = JSON.stringify([state, tooltip(inputs), menu]);
    if (key === drawn || tray.isDestroyed()) return;
    drawn = key;
    tray.setImage(icons[state]);
    tray.setToolTip(tooltip(inputs));
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(menu, options.onAction)));
  }

  update();
  return {
    update,
    snapshot() {
      const inputs = options.inputs();
      return { state: trayState(inputs), tooltip: tooltip(inputs), status: statusLine(inputs), menu: trayMenu(inputs) };
    },
    destroy: () => tray.destroy(),
  };
}
