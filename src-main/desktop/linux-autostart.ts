// "Start at login" on Linux, where Electron's app.setLoginItemSettings does nothing: an XDG
// autostart entry (~/.config/autostart/<id>.desktop), which GNOME, KDE and XFCE honour.
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function autostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
}

/** Quotes an Exec= argument per the Desktop Entry spec. */
function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(options: { name: string; exec: string; args: readonly string[] }): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${options.name}`,
    `Exec=${[options.exec, ...options.args].map(quoteArg).join(' ')}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}

export function setLinuxAutostart(
  enabled: boolean,
  options: { id: string; name: string; exec: string; args: readonly string[]; dir?: string },
): string {
  const dir = options.dir ?? autostartDir();
  const file = join(dir, `${options.id}.desktop`);
  if (enabled) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, autostartEntry(options));
  } else if (existsSync(file)) {
    rmSync(file);
  }
  return file;
}
