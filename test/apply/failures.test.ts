// SSH and Waypoint failures through the built CLI: a coded error with what was done and how to
// resume, never "internal error"; and apps that leave the config are destroyed through Waypoint
// (DestroyProject alone leaves their load balancers and services behind) BEFORE terraform apply:
// Terraform deletes an ECS app's task security group and its project's last cluster when the app
// leaves, which AWS refuses while Waypoint's service still runs there, and the AWS provider retries
// until its delete timeout, then fails (hashicorp/terraform-provider-aws
// internal/service/ec2/vpc_security_group.go resourceSecurityGroupDelete: DependencyViolation retried
// for the 15 min delete timeout; internal/service/ecs/cluster.go resourceClusterDelete:
// ClusterContainsServicesException / ClusterContainsTasksException retried for 10 min). A project
// that left the config with deployed apps is refused without --prune (PILOT4070).
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
const cli = (args: string[], env: Record<string, string> = {}) => runCli(['--config', world.config, ...args], dir, { ...world.env, ...env });
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
/** Jobs as [operation, project, config app name]. */
const described = (jobs: { operation?: string; application?: { project?: string; application?: string } }[]) => jobs.map((j) => [j.operation, j.application?.project, appName(j.application?.application)]);
const appNameIn = (hcl: Uint8Array | string | undefined, app: string) => new RegExp(`^app "${app}-[0-9a-z]{6}" \\{$`, 'm').test(Buffer.from(hcl ?? '').toString('utf8'));
/** The terraform apply runs since the log had `from` entries. */
const tfApplies = (from: number) => world.tfLog().slice(from).filter((c) => c.cmd === 'apply');

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
  const tf = world.tfLog().length;
  const r = await cli(APPLY);
  assert.is(r.code, 0, r.stderr);
  const queued = world.waypoint.jobs.slice(jobs);
  assert.equal(described(queued), [['destroy', 'acme', 'invoices']]);
  const methods = world.waypoint.calls.slice(calls).map((c) => c.method);
  assert.ok(methods.indexOf('QueueJob') >= 0 && methods.indexOf('QueueJob') < methods.indexOf('UpsertProject'), methods.join(' '));
  assert.match(r.stderr, /acme\/invoices-[0-9a-z]{6}: destroyed/);
  // The destroy job was queued and finished before terraform apply started (Terraform deletes the
  // app's task security group, which AWS refuses while its ECS service runs), and only once.
  const [apply] = tfApplies(tf);
  assert.ok(apply, 'terraform apply ran');
  assert.ok((queued[0].completedAt as number) <= apply.time, `destroy job completed (${queued[0].completedAt}) before terraform apply (${apply.time})`);
  assert.match(r.stderr, /Destroy 1 app that left the config through Waypoint, before Terraform deletes what it runs on: 1 destroyed/);
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

const OPS_TWO = OPS.replace("deploy: ecs({ port: 3000, memory: 512 }) } },", "deploy: ecs({ port: 3000, memory: 512 }) },\n        cron: { path: 'cron', build: docker(), deploy: ecs({ port: 3000, memory: 512 }) } },");

test('a rerun after a failure between the Waypoint destroy and terraform apply destroys again (a no-op) and converges', async () => {
  assert.ok(OPS_TWO !== OPS);
  editConfig(OPS, OPS_TWO);
  assert.is((await cli(APPLY)).code, 0);
  editConfig(OPS_TWO, OPS);
  const before = readFileSync(recordFile, 'utf8');
  const jobs = world.waypoint.jobs.length;
  const tf = world.tfLog().length;
  const failed = await cli(APPLY, { STANDIN_FAIL_APPLY: 'deleting Security Group (sg-0standin): DependencyViolation: resource sg-0standin has a dependent object' });
  assert.is(failed.code, 1);
  assert.match(failed.stderr, /terraform apply failed/);
  assert.match(failed.stderr, /PILOT4019/);
  assert.match(failed.stderr, /Done before the failure: terraform init, ops\/cron-[0-9a-z]{6} destroyed\. The record was not changed; rerunning pilot apply resumes/, failed.stderr);
  assert.is(readFileSync(recordFile, 'utf8'), before, 'the record is unchanged');
  assert.equal(described(world.waypoint.jobs.slice(jobs)), [['destroy', 'ops', 'cron']]);
  assert.is(tfApplies(tf).length, 1, 'terraform apply ran (and failed) after the destroy');
  assert.ok(appNameIn(world.waypoint.projects.get('ops')?.waypoint_hcl, 'cron'), 'the server still names cron: the project was not upserted');

  // The rerun: the server still names cron, so its destroy is queued again, which Waypoint runs as a
  // no-op (no deployment left in state CREATED, internal/core/app_destroy.go destroyAllDeploys).
  const jobs2 = world.waypoint.jobs.length;
  const tf2 = world.tfLog().length;
  const rerun = await cli(APPLY);
  assert.is(rerun.code, 0, rerun.stderr);
  const again = world.waypoint.jobs.slice(jobs2);
  assert.equal(described(again), [['destroy', 'ops', 'cron']]);
  assert.ok((again[0].completedAt as number) <= tfApplies(tf2)[0].time, 'before terraform apply again');
  assert.not.ok(appNameIn(world.waypoint.projects.get('ops')?.waypoint_hcl, 'cron'), 'the project no longer names cron');
  assert.ok(appNameIn(world.waypoint.projects.get('ops')?.waypoint_hcl, 'worker'));
  assert.is(record().serial, JSON.parse(before).serial + 1);

  // And once the record has it, nothing is destroyed again.
  const jobs3 = world.waypoint.jobs.length;
  assert.is((await cli(APPLY)).code, 0);
  assert.is(world.waypoint.jobs.length, jobs3);
});

test('a removed project without --prune is refused before Terraform or Waypoint is touched, naming the project', async () => {
  editConfig(OPS, '');
  const before = readFileSync(recordFile, 'utf8');
  const jobs = world.waypoint.jobs.length;
  const calls = world.waypoint.calls.length;
  const tf = world.tfLog().length;
  const r = await cli(APPLY);
  assert.is(r.code, 1);
  assert.match(r.stderr, /PILOT4070/);
  assert.match(r.stderr, /project ops left the config but its app ops\/worker-[0-9a-z]{6} is still deployed: terraform apply would delete the infrastructure it runs on/);
  assert.match(r.stderr, /pilot apply --prune to destroy it through Waypoint first/);
  assert.match(r.stderr, /or put the project back in the config/);
  assert.not.match(r.stderr, /internal error|Done before the failure/);
  assert.not.match(r.stderr, STACK);
  assert.equal(world.tfLog().slice(tf), [], 'terraform never ran');
  assert.is(world.waypoint.calls.length, calls, 'Waypoint never called');
  assert.is(world.waypoint.jobs.length, jobs);
  assert.is(readFileSync(recordFile, 'utf8'), before, 'the record is unchanged');
  assert.ok(world.waypoint.projects.has('ops'));
});

test('with --prune: the removed project\'s apps are destroyed before terraform apply, DestroyProject after it', async () => {
  const jobs = world.waypoint.jobs.length;
  const calls = world.waypoint.calls.length;
  const tf = world.tfLog().length;
  const pruned = await cli([...APPLY, '--prune']);
  assert.is(pruned.code, 0, pruned.stderr);
  const queued = world.waypoint.jobs.slice(jobs);
  assert.equal(described(queued), [['destroy', 'ops', 'worker']]);
  const [apply] = tfApplies(tf);
  assert.ok((queued[0].completedAt as number) <= apply.time, 'the app was destroyed before terraform apply');
  const destroyProject = world.waypoint.calls.slice(calls).find((c) => c.method === 'DestroyProject');
  assert.ok(destroyProject && destroyProject.time >= apply.time, 'DestroyProject after terraform apply');
  assert.equal(world.waypoint.destroyedProjects, ['ops']);
  assert.is(record().retainedApps, undefined);
  assert.is(record().waypointVariables.ops, undefined);
});

test('a record of an older pilot that kept a removed project (retainedApps): apply without --prune refuses; pilot destroy destroys those apps too', async () => {
  editConfig('  projects: {\n', `  projects: {\n${OPS}`);
  assert.is((await cli(APPLY)).code, 0);
  editConfig(OPS, '');
  // What an older pilot wrote after `pilot apply` without --prune: the project's apps as retainedApps,
  // its variables kept, its waypoint.hcl no longer among the artifacts.
  const old = record();
  const hcl = old.artifacts.find((a: { path: string }) => a.path === 'waypoint/ops.hcl').contents as string;
  const worker = /app "(worker-[0-9a-z]{6})"/.exec(hcl)?.[1];
  assert.ok(worker);
  writeFileSync(recordFile, JSON.stringify({ ...old, artifacts: old.artifacts.filter((a: { path: string }) => a.path !== 'waypoint/ops.hcl'), retainedApps: [{ project: 'ops', app: worker }] }, null, 2));
  const tf = world.tfLog().length;
  const refused = await cli(APPLY);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /PILOT4070/);
  assert.match(refused.stderr, new RegExp(`project ops left the config but its app ops/${worker} is still deployed`));
  assert.equal(world.tfLog().slice(tf), []);
  const jobs = world.waypoint.jobs.length;
  const r = await cli(['destroy', '--yes', '--terraform-bin', STAND_IN]);
  assert.is(r.code, 0, r.stderr);
  const destroyed = world.waypoint.jobs.slice(jobs).map((j) => `${j.application?.project}/${appName(j.application?.application)}`).sort();
  assert.equal(destroyed, ['acme/auth', 'acme/web', 'ops/worker']);
});

test.after(() => world.stop());
test.run();
