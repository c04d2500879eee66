import { describe, expect, it } from 'vitest';
import { createProcessLister, parsePsOutput, parseTasklistCsv } from './process-list.ts';

describe('process list', () => {
  it('parses ps output from Linux and macOS', () => {
    expect(parsePsOutput('systemd\nkworker/0:1\n  node\n\n')).toEqual(['systemd', 'kworker/0:1', 'node']);
    expect(
      parsePsOutput('/sbin/launchd\n/Applications/Steam.app/Contents/MacOS/steam_osx\n/usr/libexec/logd\n'),
    ).toEqual(['launchd', 'steam_osx', 'logd']);
  });

  it('parses tasklist CSV from Windows', () => {
    const recorded =
      '"System Idle Process","0","Services","0","8 K"\r\n' +
      '"explorer.exe","5124","Console","1","152,344 K"\r\n' +
      '"Cyberpunk2077.exe","9912","Console","1","9,801,212 K"\r\n' +
      '"odd ""name"".exe","1","Console","1","1 K"\r\n';
    expect(parseTasklistCsv(recorded)).toEqual([
      'System Idle Process',
      'explorer.exe',
      'Cyberpunk2077.exe',
      'odd "name".exe',
    ]);
    expect(parseTasklistCsv('INFO: No tasks are running which match the specified criteria.\r\n')).toEqual([]);
  });

  it('lists the programs running on this machine (real ps)', async () => {
    const names = await createProcessLister().list();
    // This test runs inside Node.
    expect(names.some((n) => n === 'node' || n.startsWith('node'))).toBe(true);
  });

  it('calls tasklist on Windows', async () => {
    const calls: string[][] = [];
    const lister = createProcessLister('win32', async (file, args) => {
      calls.push([file, ...args]);
      return '"steam.exe","1","Console","1","1 K"\r\n';
    });
    expect(await lister.list()).toEqual(['steam.exe']);
    expect(calls).toEqual([['tasklist', '/fo', 'csv', '/nh']]);
  });
});
