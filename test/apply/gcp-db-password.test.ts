// The generated Cloud SQL password lives only on the server (/etc/pilot/gcp-db-password). Once the
// database exists, Terraform never sends a new one (password_wo_version is unchanged), so a lost file
// must stop apply rather than hand the apps a password Cloud SQL does not know.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { STAND_IN, startWorld } from './helpers/world.ts';

const world = await startWorld({ example: 'gcp-only' });
const dir = join(world.config, '..');
// The example keeps its record in GCS; here it stays in the project's local store.
writeFileSync(world.config, readFileSync(world.config, 'utf8').replace("  state: { backend: 'gcs', bucket: 'birch-terraform-state' },\n", ''));
const APPLY = ['apply', '--yes', '--terraform-bin', STAND_IN, '--ready-timeout', '20s'];
const env = { ...world.env, SHOP_SESSION_KEY: 'shop-session-TOPSECRET-1' };
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(['--config', world.config, ...args], dir, { ...env, ...extra });
const passwordFile = join(world.remoteRoot, 'etc', 'pilot', 'gcp-db-password');

test('the first apply generates the password and keeps it on the server; the wait shows seconds', async () => {
  const r = await cli(APPLY);
  assert.is(r.code, 0, r.stderr);
  assert.ok(existsSync(passwordFile));
  assert.match(r.stderr, /up to 20 s\)/);
  assert.not.match(r.stderr, /up to 0 min/);
});

test('with the record there and the password file gone, apply refuses before any project is registered', async () => {
  const before = readFileSync(passwordFile, 'utf8');
  rmSync(passwordFile);
  const upserts = world.waypoint.calls.filter((c) => c.method === 'UpsertProject').length;
  const r = await cli(APPLY);
  assert.is(r.code, 1);
  assert.match(r.stderr, /the Cloud SQL password is not on the server/);
  assert.match(r.stderr, /PILOT4069/);
  assert.match(r.stderr, /PILOT_GCP_DB_PASSWORD/);
  assert.match(r.stderr, /gcloud sql users set-password \S+ --instance=\S+-db/);
  assert.not.match(r.stderr, /internal error/);
  assert.is(world.waypoint.calls.filter((c) => c.method === 'UpsertProject').length, upserts, 'no project got a new password');
  assert.not.ok(existsSync(passwordFile), 'no new password was written');

  const given = await cli(APPLY, { PILOT_GCP_DB_PASSWORD: before.trim() });
  assert.is(given.code, 0, given.stderr);
});

test.after(() => world.stop());
test.run();
