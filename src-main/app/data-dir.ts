// The default data folder, the same one Electron's app.getPath('userData') gives the desktop app,
// so the headless host and the desktop window share settings, keystore and store on one machine.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_NAME } from './app-meta.ts';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
