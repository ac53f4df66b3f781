// SSH and Waypoint failures through the built CLI: a coded error with what was done and how to
// resume, never "internal error"; and apps that leave the config are destroyed through Waypoint
// (DestroyProject alone leaves their load balancers and services behind).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { makeCert } from './helpers/certs.ts';
import { STAND_IN, startWorld } from './helpers/world.ts';

const world = await startWorld();
const dir = join(world.config, '..');
const APPLY = ['apply', '--yes', '--terraform-bin', STAND_IN, '--ready-timeout', '20s'];
const cli = (args: string[]) => runCli(['--config', world.config, ...args], dir, world.env);
const serverJson = join(world.remoteRoot, 'etc', 'pilot', 'server.json');
const recordFile = join(dir, '.pilot', 'state', 'record.json');
const record = () => JSON.parse(readFileSync(recordFile, 'utf8'));
const editConfig = (from: string, to: string) => {
  const text = readFileSync(world.config, 'utf8');
  assert.ok(text.includes(from), `config has ${from}`);
  writeFileSync(world.config, text.replace(from, to));
};
const STACK = /\n\s+at .*:\d+:\d+\)?\n/;
const appName = (a?: string) => a?.replace(/-[0-9a-z]{6}$/, '');

test('a server.json whose certificate does not match its fingerprint: apply, up and destroy fail with a code and a resume hint', async () => {
  assert.is((await cli(APPLY)).code, 0);
  editConfig("size: 'small' })", "size: 'small', deletionProtection: false })");
  assert.is((await cli(APPLY)).code, 0);
  const good = readFileSync(serverJson, 'utf8');
  writeFileSync(serverJson, JSON.stringify({ ...JSON.parse(good), certificateSha256: makeCert().sha256 }));
  try {
    const a = await cli(APPLY);
    assert.is(a.code, 1);
    assert.match(a.stderr, /does not match its recorded SHA-256 fingerprint/);
    assert.match(a.stderr, /PILOT4059/, a.stderr);
    assert.match(a.stderr, /Done before the failure: terraform init, terraform apply, server ready, runner files(, secrets)?\. The record was not changed; rerunning pilot apply resumes/, a.stderr);
    assert.not.match(a.stderr, /internal error|this is a bug/);
    assert.not.match(a.stderr, STACK);

    const u = await cli(['up', 'acme/web']);
    assert.is(u.code, 1);
    assert.match(u.stderr, /PILOT4059/);
    assert.match(u.stderr, /Nothing was changed\. Rerun pilot up/);
    assert.not.match(u.stderr, /internal error/);

    const tfBefore = world.tfLog().length;
    const d = await cli(['destroy', '--yes', '--terraform-bin', STAND_IN]);
    assert.is(d.code, 1);
    assert.match(d.stderr, /PILOT4059/);
    assert.match(d.stderr, /Nothing was changed\. The record was not changed; rerunning pilot destroy resumes/);
    assert.not.match(d.stderr, /internal error/);
    assert.not.ok(world.tfLog().slice(tfBefore).some((c) => c.cmd === 'destroy'), 'terraform destroy did not run');
  } finally {
    writeFileSync(serverJson, good);
  }
});

test('a missing SSH key for up is a coded error, not a bug', async () => {
  const r = await runCli(['--config', world.config, 'up', 'acme/web'], dir, { ...world.env, PILOT_SSH_KEY: join(world.dir, 'no-such-key') });
  assert.is(r.code, 1);
  assert.match(r.stderr, /SSH key file .* does not exist/);
  assert.match(r.stderr, /PILOT4056/);
  assert.not.match(r.stderr, /internal error/);
});

const OPS = `    ops: {
      repository: { url: 'https://github.com/acme/ops.git', ref: 'main', poll: '60s' },
      apps: { worker: { path: 'worker', build: docker(), deploy: ecs({ port: 3000, memory: 512 }) } },
    },
`;

test('an app removed from a project is destroyed through Waypoint before the project is replaced', async () => {
  editConfig('  projects: {\n', `  projects: {\n${OPS}`);
  const first = await cli(APPLY);
  assert.is(first.code, 0, first.stderr);
  const text = readFileSync(world.config, 'utf8');
  const start = text.indexOf('        invoices: {');
  const end = text.indexOf('        web: {');
  writeFileSync(world.config, text.slice(0, start) + text.slice(end));
  const plan = await cli(['plan']);
  assert.match(plan.stdout + plan.stderr, /-\s+app invoices \(Waypoint: invoices-[0-9a-z]{6}\)\s+\(its deployments are destroyed through Waypoint\)/, 'the plan says so');
  const calls = world.waypoint.calls.length;
  const jobs = world.waypoint.jobs.length;
  const r = await cli(APPLY);
  assert.is(r.code, 0, r.stderr);
  const queued = world.waypoint.jobs.slice(jobs);
  assert.equal(queued.map((j) => [j.operation, j.application?.project, appName(j.application?.application)]), [['destroy', 'acme', 'invoices']]);
  const methods = world.waypoint.calls.slice(calls).map((c) => c.method);
  assert.ok(methods.indexOf('QueueJob') >= 0 && methods.indexOf('QueueJob') < methods.indexOf('UpsertProject'), methods.join(' '));
  assert.match(r.stderr, /acme\/invoices-[0-9a-z]{6}: destroyed/);
});

test('a rerun after a run that destroyed the app but did not write its record does not queue that destroy again', async () => {
  // As if the last apply had failed after UpsertProject: the previous record, which still has the app.
  const history = join(dir, '.pilot', 'state', 'history');
  const serial = record().serial;
  writeFileSync(recordFile, readFileSync(join(history, `${String(serial - 1).padStart(8, '0')}.json`), 'utf8'));
  assert.ok(JSON.stringify(record().artifacts).includes('app \\"invoices-'), 'the restored record names invoices');
  const jobs = world.waypoint.jobs.length;
  const r = await cli(APPLY);
  assert.is(r.code, 0, r.stderr);
  assert.is(world.waypoint.jobs.length, jobs, 'no destroy job for an app the server no longer names');
});

test('a removed project without --prune: its apps stay and are recorded; with --prune they are destroyed before DestroyProject', async () => {
  editConfig(OPS, '');
  const jobs = world.waypoint.jobs.length;
  const kept = await cli(APPLY);
  assert.is(kept.code, 0, kept.stderr);
  assert.is(world.waypoint.jobs.length, jobs, 'nothing destroyed without --prune');
  assert.match(kept.stderr, /app ops\/worker-[0-9a-z]{6} is no longer in the config but stays deployed; rerun with --prune/);
  assert.equal(record().retainedApps.map((a: { project: string; app: string }) => [a.project, appName(a.app)]), [['ops', 'worker']]);

  const calls = world.waypoint.calls.length;
  const pruned = await cli([...APPLY, '--prune']);
  assert.is(pruned.code, 0, pruned.stderr);
  assert.equal(world.waypoint.jobs.slice(jobs).map((j) => [j.operation, j.application?.project, appName(j.application?.application)]), [['destroy', 'ops', 'worker']]);
  const methods = world.waypoint.calls.slice(calls).map((c) => c.method);
  assert.ok(methods.indexOf('QueueJob') < methods.indexOf('DestroyProject'), methods.join(' '));
  assert.equal(world.waypoint.destroyedProjects, ['ops']);
  assert.is(record().retainedApps, undefined);
});

test('pilot destroy also destroys the apps of a removed project still on the server', async () => {
  editConfig('  projects: {\n', `  projects: {\n${OPS}`);
  assert.is((await cli(APPLY)).code, 0);
  editConfig(OPS, '');
  assert.is((await cli(APPLY)).code, 0);
  const jobs = world.waypoint.jobs.length;
  const r = await cli(['destroy', '--yes', '--terraform-bin', STAND_IN]);
  assert.is(r.code, 0, r.stderr);
  const destroyed = world.waypoint.jobs.slice(jobs).map((j) => `${j.application?.project}/${appName(j.application?.application)}`).sort();
  assert.equal(destroyed, ['acme/auth', 'acme/web', 'ops/worker']);
});

test.after(() => world.stop());
test.run();
