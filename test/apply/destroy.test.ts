// pilot destroy through the CLI against the stand-ins: refused while deletion protection is on
// (the database's; a GCP server's is checked on its emitted Terraform, before anything is touched),
// confirmation names the database and its final snapshot, Waypoint destroys every app's deployments
// before terraform destroy runs, and the record leaves the current slot but stays in history.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { destroyAll, type DestroyDeps } from '../../src/apply/destroy.ts';
import { PilotError } from '../../src/compiler/diagnostics.ts';
import type { PilotRecord } from '../../src/state/index.ts';
import { runCli } from '../helpers/cli.ts';
import { modelOf } from '../helpers/model.ts';
import { emitGcp, EVERY_GCP_OPTION } from '../terraform-gcp/emit-gcp.ts';
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

/** A record whose Terraform is the GCP emitter's output for EVERY_GCP_OPTION with this server protection. */
function gcpRecord(deletionProtection: boolean): PilotRecord {
  const config = { ...EVERY_GCP_OPTION, server: { ...EVERY_GCP_OPTION.server, deletionProtection } } as typeof EVERY_GCP_OPTION;
  const { json } = emitGcp(modelOf(config));
  return { artifacts: [{ path: 'terraform/main.tf.json', contents: JSON.stringify(json) }] } as unknown as PilotRecord;
}

test('a GCP server with deletion protection on: destroy refuses before taking the lock, touching Waypoint or Terraform', async () => {
  const touched: string[] = [];
  const deps = {
    store: { lock: async () => { touched.push('lock'); throw new Error('lock'); }, read: async () => undefined },
    workDir: dir,
    terraform: () => { touched.push('terraform'); throw new Error('terraform'); },
    waypoint: async () => { touched.push('waypoint'); throw new Error('waypoint'); },
    progress: { step: () => touched.push('step'), line: () => undefined, warn: () => undefined, done: () => undefined },
    lock: { holder: 't', host: 'h', pid: 1, waitMs: 0 },
  } as unknown as DestroyDeps;
  const err = await destroyAll({ record: gcpRecord(true), hash: 'h' }, deps).catch((e: unknown) => e);
  assert.instance(err, PilotError);
  const d = (err as PilotError).diagnostics[0];
  assert.is(d.code, 'PILOT4064');
  assert.is(d.path, 'server.deletionProtection');
  assert.match(d.message, /server every-pilot has deletion protection on/);
  assert.match(d.hint ?? '', /deletionProtection: false.*pilot apply, then pilot destroy/);
  assert.equal(touched, []);
  // Turned off (and applied), the same record gets past the check to the lock.
  await destroyAll({ record: gcpRecord(false), hash: 'h' }, deps).catch(() => undefined);
  assert.equal(touched.slice(0, 2), ['step', 'lock']);
});

test.after(() => world.stop());
test.run();
