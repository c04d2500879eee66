// App-wide locks that apply to every web contents and session, not only the main window.
import { app, session, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol.ts';

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

export function installHardening(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('session-created', denyAllPermissions);
  denyAllPermissions(session.defaultSession);
}
