// pilot destroy through the CLI against the stand-ins: refused while deletion protection is on,
// confirmation names the database and its final snapshot, Waypoint destroys every app's deployments
// before terraform destroy runs, and the record leaves the current slot but stays in history.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { STAND_IN, startWorld } from './helpers/world.ts';

const world = await startWorld();
const dir = join(world.config, '..');
const cli = (args: string[]) => runCli(['--config', world.config, ...args], dir, world.env);
const APPLY = ['apply', '--yes', '--terraform-bin', STAND_IN, '--ready-timeout', '20s'];

test('destroy is refused while the applied database has deletion protection on', async () => {
  assert.is((await cli(APPLY)).code, 0);
  const r = await cli(['destroy', '--yes', '--terraform-bin', STAND_IN]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /database acme-db has deletion protection on/);
  assert.match(r.stderr, /deletionProtection: false.*pilot apply/);
  assert.match(r.stderr, /PILOT4064/);
  assert.ok(!world.tfLog().some((c) => c.cmd === 'destroy'));
});

test('after turning protection off and applying, the confirmation names the database and its final snapshot', async () => {
  const text = readFileSync(world.config, 'utf8').replace("postgres({ on: 'aws', version: '16', size: 'small' })", "postgres({ on: 'aws', version: '16', size: 'small', deletionProtection: false })");
  assert.ok(text.includes('deletionProtection: false'));
  writeFileSync(world.config, text);
  assert.is((await cli(APPLY)).code, 0);
  const r = await cli(['destroy', '--terraform-bin', STAND_IN]);
  assert.is(r.code, 1, 'no terminal and no --yes: refused');
  assert.match(r.stderr, /the database acme-db; its final snapshot acme-db-final-<creation time> is kept/);
  assert.match(r.stderr, /refusing to destroy without confirmation/);
});

test('destroy --yes: every app destroyed through Waypoint first, then terraform destroy; the record kept in history', async () => {
  const before = world.tfLog().length;
  const r = await cli(['destroy', '--yes', '--terraform-bin', STAND_IN]);
  assert.is(r.code, 0, r.stderr);
  const destroys = world.waypoint.jobs.filter((j) => j.operation === 'destroy');
  // Jobs name the apps by their Waypoint names (names.ts): <app>-<hash>.
  assert.equal(destroys.map((j) => j.application?.application?.replace(/-[0-9a-z]{6}$/, '')).sort(), ['auth', 'invoices', 'web']);
  const tfDestroy = world.tfLog().slice(before).find((c) => c.cmd === 'destroy') as { time: number } | undefined;
  assert.ok(tfDestroy, 'terraform destroy ran');
  assert.ok(destroys.every((j) => (j.queuedAt as number) < tfDestroy.time), 'Waypoint before Terraform');
  assert.not.ok(existsSync(join(dir, '.pilot', 'state', 'record.json')));
  assert.equal(readdirSync(join(dir, '.pilot', 'state', 'history')).length, 2);
  const outputs = await cli(['outputs']);
  assert.is(outputs.code, 1);
  assert.match(outputs.stderr, /nothing has been applied yet/);
  const history = await cli(['history']);
  assert.match(history.stdout, /\b2\b/);
});

test.after(() => world.stop());
test.run();
