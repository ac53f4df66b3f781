// pilot init: a commented config that validates as written, the .gitignore line, the CI workflow;
// never over an existing config.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { CI_WORKFLOW } from '../../src/cli/commands/init-templates.ts';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/golden.ts';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz me@host';
const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'pilot-init-'));
  dirs.push(d);
  return d;
};

for (const cloud of ['aws', 'gcp']) {
  test(`init --cloud ${cloud}: the config is commented and validates; .gitignore and the workflow are written`, async () => {
    const d = fresh();
    writeFileSync(join(d, '.gitignore'), 'node_modules/');
    const r = await runCli(['init', '--name', 'demo', '--cloud', cloud, '--ssh-key', KEY, '--app', 'api'], d);
    assert.is(r.code, 0, r.stderr);
    const config = readFileSync(join(d, 'pilot.config.ts'), 'utf8');
    assert.match(config, /^\/\/ pilot\.config\.ts/);
    assert.ok(config.includes(KEY));
    assert.match(config, /secret\('API_API_KEY'\)/);
    const v = await runCli(['validate'], d);
    assert.is(v.code, 0, v.stderr);
    assert.equal(readFileSync(join(d, '.gitignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')), ['node_modules/', '.pilot/']);
    const wf = parse(readFileSync(join(d, '.github', 'workflows', 'pilot.yml'), 'utf8'));
    assert.ok(wf.jobs.plan.steps.some((s: { run?: string }) => s.run?.includes('pilot plan')));
    assert.ok(wf.jobs.apply.steps.some((s: { run?: string }) => s.run?.includes('pilot apply --yes')));
    assert.match(readFileSync(join(d, '.github', 'workflows', 'pilot.yml'), 'utf8'), /PILOT_SSH_KEY/);
  });
}

test('the workflow init writes is examples/ci/github-actions.yml, byte for byte', () => {
  assert.is(CI_WORKFLOW, readFileSync(join(ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8'));
});

test('init refuses to overwrite an existing config, and --no-ci skips the workflow', async () => {
  const d = fresh();
  assert.is((await runCli(['init', '--no-ci', '--ssh-key', KEY], d)).code, 0);
  assert.not.ok(existsSync(join(d, '.github')));
  const again = await runCli(['init'], d);
  assert.is(again.code, 1);
  assert.match(again.stderr, /already exists/);
  const gi = readFileSync(join(d, '.gitignore'), 'utf8');
  assert.is(gi.split('\n').filter((l) => l === '.pilot/').length, 1);
});

test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
test.run();
