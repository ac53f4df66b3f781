// The loader as a user meets it outside the happy path: found from a subdirectory, stopped by its time
// limit (flag or PILOT_TIMEOUT), killed outright, and never leaving a file in the user's tree.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/golden.ts';

const work = mkdtempSync(join(tmpdir(), 'pilot-loader-'));

/** Every path under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

test('run from a nested directory, pilot finds the config above it and says which file it used', async () => {
  const repo = join(work, 'repo');
  cpSync(join(ROOT, 'examples', 'acme'), repo, { recursive: true });
  mkdirSync(join(repo, '.git'));
  const nested = join(repo, 'services', 'api', 'src');
  mkdirSync(nested, { recursive: true });
  const human = await runCli(['validate'], nested);
  assert.is(human.code, 0, human.stderr);
  assert.match(human.stderr, /^using \.\.\/\.\.\/\.\.\/pilot\.config\.ts$/m);
  const json = await runCli(['validate', '--json'], nested);
  assert.is(json.code, 0, json.stderr);
  assert.is((JSON.parse(json.stdout) as { config: string }).config, join('..', '..', '..', 'pilot.config.ts'));
});

test('the search stops at the repository root (.git)', async () => {
  const outer = join(work, 'outer');
  cpSync(join(ROOT, 'examples', 'acme'), outer, { recursive: true });
  const inner = join(outer, 'vendor', 'other-repo');
  mkdirSync(join(inner, '.git'), { recursive: true });
  mkdirSync(join(inner, 'lib'));
  const r = await runCli(['validate'], join(inner, 'lib'));
  assert.is(r.code, 1);
  assert.match(r.stderr, /No pilot\.config\.ts in .*other-repo\/lib or a parent directory up to .*other-repo .*\[PILOT1001\]/);
});

test('PILOT_TIMEOUT sets the limit; a bad --timeout is a coded error', async () => {
  const file = join(ROOT, 'test', 'fixtures', 'bad', 'loop-forever', 'pilot.config.ts');
  const start = Date.now();
  const r = await runCli(['validate', '--config', file], ROOT, { PILOT_TIMEOUT: '0.5' });
  assert.is(r.code, 1);
  assert.match(r.stderr, /did not finish within 0\.5 s .*\[PILOT1007\]/);
  assert.ok(Date.now() - start < 5500, `${Date.now() - start} ms`);
  const bad = await runCli(['validate', '--config', file, '--timeout', 'soon']);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /\[PILOT1013\]/);
});

test('code a config leaves running after its value is known (a timer that never ends) does not hang pilot', async () => {
  const project = join(work, 'runaway-timer');
  cpSync(join(ROOT, 'examples', 'acme'), project, { recursive: true });
  const config = join(project, 'pilot.config.ts');
  writeFileSync(config, `setTimeout(() => { for (;;) {} }, 50);\n${readFileSync(config, 'utf8')}`);
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'pilot.cjs'), 'validate'], { cwd: project, stdio: 'ignore', timeout: 60_000 });
  const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('close', (c, s) => r([c, s])));
  assert.equal([code, signal], [0, null]);
});

test('pilot killed with SIGKILL while the config runs leaves no file in the tree', async () => {
  const project = join(work, 'killed');
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  writeFileSync(join(project, 'pilot.config.ts'), 'while (true) {}\nexport default {};\n');
  const before = tree(project);
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'pilot.cjs'), 'validate'], { cwd: project, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1500)); // long enough to be evaluating, well before 10 s
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  assert.equal(tree(project), before);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
