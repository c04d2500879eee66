// Packages the app as an unpacked Linux folder with a stub Electron (the only electron-builder
// target that works without GitHub downloads): builds dist/, writes the stub distribution, runs
// `electron-builder --linux dir` and prints the layout. The result has the real file layout
// (app.asar, resources/bin) but cannot run.
// Usage: node scripts/pack-dir.ts [--out DIR] [--skip-build] [--json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeLayout, formatLayout } from './packaging/layout.ts';
import { writeStubElectronDist } from './packaging/stub-electron.ts';

const projectDir = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out' },
    'skip-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});
const outDir = resolve(values.out);

if (!values['skip-build']) {
  execFileSync(process.execPath, ['scripts/build.ts'], { cwd: projectDir, stdio: ['ignore', 2, 2] });
}

const electronVersion = (
  JSON.parse(readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
// The updater feed names a GitHub repository (electron-builder.yml): the one this runs in on GitHub's
// runners, else a local name (a stub build is never published).
const [owner, repo] = (process.env['GITHUB_REPOSITORY'] ?? 'local/livepeer-miner').split('/');
const stubDir = writeStubElectronDist(mkdtempSync(join(tmpdir(), 'lpm-stub-electron-')), electronVersion);
try {
  const started = performance.now();
  execFileSync(
    process.execPath,
    [
      join(projectDir, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${stubDir}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${outDir}`,
      `-c.publish.owner=${owner}`,
      `-c.publish.repo=${repo}`,
    ],
    // electron-builder logs to stdout; send that to stderr and keep stdout for the --json document.
    {
      cwd: projectDir,
      stdio: ['ignore', 2, 2],
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    },
  );
  const layout = describeLayout(join(outDir, 'linux-unpacked'));
  process.stderr.write(`packed in ${Math.round(performance.now() - started)} ms\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(layout, null, 2)}\n`);
  else process.stderr.write(formatLayout(layout));
} finally {
  rmSync(stubDir, { recursive: true, force: true });
}
