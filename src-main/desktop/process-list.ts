// The names of running programs, for "pause while gaming": `ps` on Linux and macOS, `tasklist`
// on Windows. Parsing is separate so it is tested against recorded output of both.
import { execFile } from 'node:child_process';

export interface ProcessLister {
  list(): Promise<string[]>;
}

/**
 * `ps -A -o comm=`: one name per line. macOS prints absolute paths (we keep the last part);
 * Linux names may contain slashes themselves (kernel threads such as "kworker/0:1").
 */
export function parsePsOutput(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (line.startsWith('/') ? (line.split('/').pop() ?? line) : line));
}

/** `tasklist /fo csv /nh`: "Image Name","PID","Session Name","Session#","Mem Usage" per line. */
export function parseTasklistCsv(output: string): string[] {
  const names: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^"((?:[^"]|"")*)"/.exec(line.trim());
    if (match?.[1]) names.push(match[1].replaceAll('""', '"'));
  }
  return names;
}

type Run = (file: string, args: string[]) => Promise<string>;

const runFile: Run = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 8 * 1024 * 1024, windowsHide: true, timeout: 10_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });

export function createProcessLister(platform: NodeJS.Platform = process.platform, run: Run = runFile): ProcessLister {
  return {
    async list() {
      if (platform === 'win32') return parseTasklistCsv(await run('tasklist', ['/fo', 'csv', '/nh']));
      return parsePsOutput(await run('ps', ['-A', '-o', 'comm=']));
    },
  };
}
