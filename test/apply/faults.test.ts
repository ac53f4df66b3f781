// Faults, through the built CLI against the stand-ins: a missing secret stops before anything is
// pushed; SIGKILL at every step leaves the old or the new record (never a partial one) and the
// rerun finishes; two concurrent applies: one fails cleanly on the lock, or waits with --wait; a
// stale saved plan is refused; a failing deploy job exits 1 with the job's error.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileConfig } from '../../src/compiler/compile.ts';
import { loadConfig } from '../../src/compiler/load.ts';
import { serializeSavedPlan } from '../../src/state/index.ts';
import { ROOT } from '../helpers/golden.ts';
import { runCli } from '../helpers/cli.ts';
import { STAND_IN, startWorld } from './helpers/world.ts';

const world = await startWorld({
  // Waypoint names apps <app>-<hash> (names.ts): the auth app's job fails.
  script: (job) => (job.application?.application?.startsWith('auth-') ? { lines: ['Building auth...'], error: 'build failed: builder is incompatible with this version of pack' } : { lines: ['ok'], result: { release_url: 'https://x.test' } }),
});
const dir = join(world.config, '..');
const recordFile = join(dir, '.pilot', 'state', 'record.json');
const APPLY = ['apply', '--yes', '--terraform-bin', STAND_IN, '--ready-timeout', '20s'];
const cli = (args: string[], env: Record<string, string> = {}) => runCli(['--config', world.config, ...args], dir, { ...world.env, ...env });
const readRecord = () => (existsSync(recordFile) ? readFileSync(recordFile, 'utf8') : null);

test('a missing secret stops apply before terraform, Secrets Manager or Waypoint is touched', async () => {
  const r = await cli(APPLY, { INVOICES_STRIPE_KEY: '' });
  assert.is(r.code, 1);
  assert.match(r.stderr, /secret\('INVOICES_STRIPE_KEY'\) has no value/);
  assert.match(r.stderr, /PILOT4021/);
  assert.not.match(r.stderr, /internal error|\n\s+at .*:\d+:\d+\)?\n/, 'no stack trace');
  assert.not.match(r.stderr, /aws_iam_role_policy/, 'stopped before showing the plan for confirmation');
  assert.equal(world.tfLog(), [], 'terraform never ran');
  assert.equal(world.waypoint.calls, [], 'Waypoint never called');
  assert.equal(world.secretsManager.puts, []);
  assert.is(readRecord(), null);
});

/** Runs apply with --json and SIGKILLs it as soon as it starts `step`. */
function applyKilledAt(step: string): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'pilot.cjs'), '--config', world.config, '--json', ...APPLY], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...world.env } });
    let out = '';
    let killed = false;
    child.stdout.on('data', (d) => {
      out += d;
      if (!killed && out.split('\n').some((l) => l.includes('"type":"step"') && l.includes(`"step":"${step}"`))) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('close', () => resolve({ killed, stdout: out }));
  });
}

for (const step of ['lock', 'terraform-init', 'terraform-apply', 'outputs', 'server', 'server-info', 'secrets', 'projects', 'record']) {
  test(`SIGKILL at "${step}": the record is the old or the new one, and the rerun finishes`, async () => {
    const before = readRecord();
    const beforeSerial = before ? JSON.parse(before).serial : 0;
    const k = await applyKilledAt(step);
    assert.ok(k.killed, `apply reached ${step} and was killed`);
    const after = readRecord();
    if (after !== before) {
      const r = JSON.parse(after as string);
      assert.is(r.serial, beforeSerial + 1, 'a record written by the killed run is complete');
    }
    const rerun = await cli(APPLY);
    assert.is(rerun.code, 0, rerun.stderr);
    const final = JSON.parse(readRecord() as string);
    assert.ok(final.serial > beforeSerial, 'the rerun wrote a newer record');
    assert.is(world.waypoint.projects.size, 1, 'no duplicate projects');
  });
}

test('two concurrent applies: one fails cleanly on the lock', async () => {
  const slow = { STANDIN_SLEEP_MS: '3000' };
  const [a, b] = await Promise.all([cli(APPLY, slow), new Promise((r) => setTimeout(r, 300)).then(() => cli(APPLY, slow))]);
  const ok = [a, b].filter((r) => r.code === 0);
  const failed = [a, b].filter((r) => r.code !== 0);
  assert.is(ok.length, 1, `${a.stderr}\n---\n${b.stderr}`);
  assert.is(failed.length, 1);
  assert.match(failed[0].stderr, /is locked by .* \(pid \d+, apply since/);
  assert.match(failed[0].stderr, /PILOT4013/);
  assert.not.match(failed[0].stderr, /internal error/);
});

test('two concurrent applies with --wait: the second waits, then both finish', async () => {
  const before = JSON.parse(readRecord() as string).serial;
  const slow = { STANDIN_SLEEP_MS: '2000' };
  const [a, b] = await Promise.all([cli([...APPLY, '--wait', '2m'], slow), new Promise((r) => setTimeout(r, 300)).then(() => cli([...APPLY, '--wait', '2m'], slow))]);
  assert.is(a.code, 0, a.stderr);
  assert.is(b.code, 0, b.stderr);
  assert.match(a.stderr + b.stderr, /waiting for the lock held by/);
  assert.is(JSON.parse(readRecord() as string).serial, before + 2);
});

test('a saved plan made against an older record is refused', async () => {
  const loaded = await loadConfig({ cwd: dir, configPath: world.config, command: 'test' });
  const c = await compileConfig(loaded.raw, loaded.source);
  const planFile = join(world.dir, 'plan.json');
  writeFileSync(planFile, serializeSavedPlan({
    pilotVersion: '0.1.0', createdAt: new Date().toISOString(), configHash: 'x', against: { hash: null, serial: null },
    artifacts: c.artifacts, configPaths: {}, model: c.model as unknown as Record<string, unknown>, plan: {},
  }));
  const tfCalls = world.tfLog().length;
  const r = await cli(['apply', planFile, '--terraform-bin', STAND_IN]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /was computed against no record, but the store now has record #\d+/);
  assert.match(r.stderr, /PILOT4018/);
  assert.is(world.tfLog().length, tfCalls, 'terraform did not run');
});

test('a failing deploy job: its output streamed, its error shown, exit 1', async () => {
  const r = await cli(['up', 'acme/auth']);
  assert.is(r.code, 1);
  assert.match(r.stdout, /acme\/auth \| Building auth\.\.\./);
  assert.match(r.stderr, /acme\/auth failed: build failed: builder is incompatible/);
});

test('pilot up of an unknown app names the real ones', async () => {
  const r = await cli(['up', 'acme/nope']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /has no app "nope"/);
  assert.match(r.stderr, /auth, invoices, web/);
});

test.after(() => world.stop());
test.run();
