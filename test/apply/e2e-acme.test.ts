// The "done when", end to end through the built CLI, with stand-ins only where a cloud or
// the Waypoint server would be: `pilot apply --yes` on examples/acme runs every step and writes a
// record; `pilot up acme/invoices` streams a deploy to completion. No secret value reaches stdout,
// stderr, the record, any file under .pilot/ or the Terraform state.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allApps } from '../../src/compiler/model.ts';
import { waypointAppName } from '../../src/compiler/names.ts';
import { runCli } from '../helpers/cli.ts';
import { exampleModel } from '../helpers/model.ts';
import { SECRET_VALUES, STAND_IN, startWorld } from './helpers/world.ts';

const world = await startWorld({
  script: (job) => ({ lines: [`Building ${job.application?.application}...`, 'Pushing image...', 'Deploying...', 'Release URL ready'], result: { release_url: `https://${job.application?.application}.acme.test` } }),
});
const dir = join(world.config, '..');
const cli = (args: string[], env: Record<string, string> = {}) => runCli(['--config', world.config, ...args], dir, { ...world.env, ...env });

/** The Waypoint name of an acme app (names.ts), as the jobs carry it. */
async function waypointName(app: string): Promise<string> {
  const model = await exampleModel('acme');
  return waypointAppName(model, allApps(model).find((a) => a.name === app)!);
}
const filesUnder = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? filesUnder(join(d, n)) : [join(d, n)]));
const assertNoSecret = (where: string, text: string) => {
  for (const [name, v] of Object.entries(SECRET_VALUES)) assert.not.ok(text.includes(v), `${name}'s value appears in ${where}`);
};

let applied = { code: -1, stdout: '', stderr: '' };

test('pilot apply --yes runs every step, in order, and writes record #1', async () => {
  applied = await cli(['apply', '--yes', '--terraform-bin', STAND_IN, '--ready-timeout', '20s']);
  assert.is(applied.code, 0, applied.stderr);
  const steps = [...applied.stderr.matchAll(/✔ ([^:(\n]+)/g)].map((m) => m[1].trim());
  for (const s of ['Take the apply lock', 'terraform init', 'terraform apply', 'Read Terraform outputs', 'Wait for the server', "Read /etc/pilot/server.json and write the runner's files", 'Store 1 secret value in Secrets Manager', 'Register 1 project on the Waypoint server', 'Write the record'])
    assert.ok(steps.some((x) => x.startsWith(s)), `step "${s}" ran (saw: ${steps.join(' | ')})`);
  assert.match(applied.stdout, /applied acme: record #1/);
  assert.match(applied.stderr, /Apply complete! Resources:/, 'terraform output is streamed');
  const record = JSON.parse(readFileSync(join(dir, '.pilot', 'state', 'record.json'), 'utf8'));
  assert.is(record.serial, 1);
  assert.match(record.sshHostKey, /^ssh-ed25519 /);
  assert.equal(record.waypointVariables.acme.includes('aws_app_subnet_ids'), true);
});

test('the Waypoint project got every declared variable, lists as HCL, the secret as a sensitive variable', () => {
  const p = world.waypoint.projects.get('acme');
  assert.ok(p, 'project acme registered');
  const hcl = p.waypoint_hcl.toString();
  const declared = [...hcl.matchAll(/^variable "([^"]+)" \{$/gm)].map((m) => m[1]).sort();
  assert.equal(p.variables.map((v) => v.name).sort(), declared);
  const subnets = p.variables.find((v) => v.name === 'aws_app_subnet_ids') as { hcl?: string; str?: string };
  assert.is(subnets.hcl, '["subnet-standin0","subnet-standin1"]');
  assert.is(subnets.str, undefined);
  const jwt = p.variables.find((v) => v.name === 'secret_AUTH_JWT_SECRET') as { str?: string; sensitive?: boolean };
  assert.is(jwt.str, SECRET_VALUES.AUTH_JWT_SECRET);
  assert.is(jwt.sensitive, true);
  assert.equal(p.data_source_poll, { enabled: true, interval: '60s' });
  assert.is(p.remote_enabled, true);
  assert.equal(p.data_source.git, { url: 'https://github.com/acme/acme.git', ref: 'main', path: '' });
  for (const c of world.waypoint.calls) {
    if (c.method === 'GetVersionInfo') continue;
    assert.is(c.authorization, world.waypoint.token);
    assert.is(c.protocol, '1,1');
  }
});

test('the ECS secret went to Secrets Manager by its ARN output', () => {
  assert.equal(world.secretsManager.puts, [{ SecretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:secret_INVOICES_STRIPE_KEY_arn-AbCdEf', SecretString: SECRET_VALUES.INVOICES_STRIPE_KEY }]);
});

test('the runner got its Google credential file with the IMDSv2 session token URL', () => {
  const cred = JSON.parse(readFileSync(join(world.remoteRoot, 'etc', 'pilot', 'gcp', 'credentials.json'), 'utf8'));
  assert.is(cred.type, 'external_account');
  assert.is(cred.credential_source.imdsv2_session_token_url, 'http://169.254.169.254/latest/api/token');
  assert.is(cred.audience, '//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/acme-pilot/providers/acme-aws');
});

test('no secret value in stdout, stderr, the record, .pilot/ files, the Terraform state or terraform\'s environment', () => {
  assertNoSecret('stdout', applied.stdout);
  assertNoSecret('stderr', applied.stderr);
  const files = filesUnder(join(dir, '.pilot'));
  assert.ok(files.some((f) => f.endsWith('terraform.tfstate')), 'the state is under .pilot/');
  assert.ok(files.some((f) => f.endsWith('record.json')));
  for (const f of files) assertNoSecret(f, readFileSync(f, 'utf8'));
  for (const call of world.tfLog()) assertNoSecret(`terraform ${call.cmd}'s environment`, JSON.stringify(call.env));
});

test('pilot plan after the apply reports no changes (exit 0)', async () => {
  const r = await cli(['plan']);
  assert.is(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /[Nn]o changes/);
});

test('a second apply changes no artifacts and converges without pushing the unchanged secret again', async () => {
  const r = await cli(['apply', '--yes', '--terraform-bin', STAND_IN]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /No changes\. The compiled artifacts and secrets match the record/);
  assert.match(r.stdout, /record #2/);
  assert.is(world.secretsManager.puts.length, 1, 'unchanged secret not written again');
  assert.is(world.waypoint.projects.size, 1);
});

test('pilot up acme/invoices streams the deploy to completion and prints the release URL', async () => {
  const r = await cli(['up', 'acme/invoices']);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  // The job names the app by its Waypoint name (names.ts); pilot prints the config's acme/invoices.
  const invoices = await waypointName('invoices');
  const order = [`Building ${invoices}...`, 'Pushing image...', 'Deploying...'].map((t) => lines.findIndex((l) => l.endsWith(`| ${t}`)));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `terminal lines in order:\n${r.stdout}`);
  assert.match(r.stdout, new RegExp(`✔ acme/invoices: https://${invoices}\\.acme\\.test`));
  const job = world.waypoint.jobs.at(-1)!;
  assert.equal(job.application, { project: 'acme', application: invoices });
  assert.equal(job.workspace, { workspace: 'default' });
  assert.equal((job.target_runner as { any?: object }).any, {});
  assert.is(job.operation, 'up');
});

test('pilot outputs shows the server and where the database password is, never a password', async () => {
  const r = await cli(['outputs']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /server_address\s+127\.0\.0\.1/);
  assert.match(r.stdout, /database password\s+Secrets Manager secret arn:aws:secretsmanager/);
  const one = await cli(['outputs', 'waypoint_url']);
  assert.is(one.stdout, 'https://127.0.0.1:9702\n');
});

test('pilot up PROJECT deploys every app of the project', async () => {
  const before = world.waypoint.jobs.length;
  const r = await cli(['up', 'acme']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(world.waypoint.jobs.slice(before).map((j) => j.application?.application), [await waypointName('auth'), await waypointName('invoices'), await waypointName('web')]);
});

test('a project that left the config: apply refuses without --prune; with it, its apps are destroyed before terraform apply and the project after', async () => {
  const original = readFileSync(world.config, 'utf8');
  writeFileSync(world.config, original.replace(/^    acme: \{$/m, '    billing: {'));
  try {
    const tf = world.tfLog().length;
    const refused = await cli(['apply', '--yes', '--terraform-bin', STAND_IN]);
    assert.is(refused.code, 1);
    assert.match(refused.stderr, /project acme left the config but its apps acme\/auth-[0-9a-z]{6}, acme\/invoices-[0-9a-z]{6} and acme\/web-[0-9a-z]{6} are still deployed/, refused.stderr);
    assert.match(refused.stderr, /PILOT4070/);
    assert.equal(world.tfLog().slice(tf), [], 'terraform never ran');
    assert.equal(world.waypoint.destroyedProjects, []);
    const jobs = world.waypoint.jobs.length;
    const pruned = await cli(['apply', '--yes', '--prune', '--terraform-bin', STAND_IN]);
    assert.is(pruned.code, 0, pruned.stderr);
    const destroys = world.waypoint.jobs.slice(jobs);
    assert.equal(destroys.map((j) => `${j.operation} ${j.application?.project}/${j.application?.application}`), [`destroy acme/${await waypointName('auth')}`, `destroy acme/${await waypointName('invoices')}`, `destroy acme/${await waypointName('web')}`]);
    const apply = world.tfLog().slice(tf).find((c) => c.cmd === 'apply');
    assert.ok(apply && destroys.every((j) => (j.completedAt as number) <= apply.time), 'every destroy finished before terraform apply');
    assert.equal(world.waypoint.destroyedProjects, ['acme']);
    assert.equal([...world.waypoint.projects.keys()], ['billing']);
  } finally {
    writeFileSync(world.config, original);
  }
});

test.after(() => world.stop());
test.run();
