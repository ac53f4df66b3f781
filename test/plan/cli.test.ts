// `pilot plan` and `pilot history` through the real CLI: exit codes (0 no changes, 2 changes,
// 1 error), a second plan after recording the same artifacts, saved plans, secrets by fingerprint
// only, and clear errors for corrupt and newer records.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildRecord, openStore, parseSavedPlan, type PilotRecord } from '../../src/state/index.ts';
import { runCli } from '../helpers/cli.ts';
import { base, BASE_ENV } from './_cases.ts';

const work = mkdtempSync(join(tmpdir(), 'pilot-plan-cli-'));
const configText = (c: unknown) => `import { defineConfig } from '@pilot-framework/pilot';\nexport default defineConfig(${JSON.stringify(c, null, 2)});\n`;
const project = (name: string, c: unknown = base()) => {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pilot.config.ts'), configText(c));
  return dir;
};

/** Records what a saved plan would apply, as apply does after a successful run. */
async function recordFromSavedPlan(dir: string, file: string, env: Record<string, string>, previous: PilotRecord | null = null) {
  const saved = parseSavedPlan(readFileSync(join(dir, file), 'utf8'), file);
  const store = await openStore({ backend: 'local' }, dir);
  const current = await store.read();
  const record = buildRecord({
    previous,
    artifacts: saved.artifacts,
    configHash: saved.configHash,
    configPaths: saved.configPaths,
    pilotVersion: '0.1.0',
    appliedAt: '2026-12-01T12:00:00.000Z',
    appliedBy: { name: 'Ada Ops', email: 'ada@shop.example' },
    secretValues: env,
    newSalt: 'cli-test-salt-0123456789',
  });
  await store.write(record, current?.hash ?? null);
  return record;
}

test('first plan: no record, everything new, exit 2; a saved plan pins "no record"', async () => {
  const dir = project('first');
  const r = await runCli(['plan', '--out', 'plan.json'], dir, BASE_ENV);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stdout, /No applied record in .*\.pilot\/state yet/);
  assert.match(r.stdout, /Terraform: \d+ to create, 0 to update, 0 to replace, 0 to delete/);
  const saved = parseSavedPlan(readFileSync(join(dir, 'plan.json'), 'utf8'), 'plan.json');
  assert.equal(saved.against, { hash: null, serial: null });
  assert.ok(saved.artifacts.some((a) => a.path === 'terraform/main.tf.json'));
});

test('compile warnings reach every format (--json and --markdown too); a first plan says a set secret is set', async () => {
  const open = base() as any;
  open.server.allowFrom = ['0.0.0.0/0'];
  const dir = project('warnings', open);
  const json = await runCli(['plan', '--json'], dir, BASE_ENV);
  assert.is(json.code, 2, json.stderr);
  assert.ok(JSON.parse(json.stdout).warnings.some((w: { code: string }) => w.code === 'PILOT3009'), 'PILOT3009 in --json');
  const md = await runCli(['plan', '--markdown'], dir, BASE_ENV);
  assert.match(md.stdout, /#### Warnings[^]*`PILOT3009`/);
  const text = await runCli(['plan'], dir, BASE_ENV);
  assert.match(text.stdout, /\[PILOT3009\]/);
  assert.is(text.stdout.split('PILOT3009').length + text.stderr.split('PILOT3009').length - 2, 1, 'shown once, not also on stderr');
  assert.match(text.stdout, /\+\s+SHOP_STRIPE_KEY\s+value set \(fingerprinted at first apply\)/);
});

test('after recording the same artifacts, a second plan says "no changes" and exits 0', async () => {
  const dir = project('second');
  assert.is((await runCli(['plan', '--out', 'plan.json'], dir, BASE_ENV)).code, 2);
  await recordFromSavedPlan(dir, 'plan.json', BASE_ENV);
  const r = await runCli(['plan'], dir, BASE_ENV);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /No changes\./);
  const json = await runCli(['plan', '--json'], dir, BASE_ENV);
  assert.is(json.code, 0);
  const plan = JSON.parse(json.stdout);
  assert.is(plan.schema, 'pilot-plan');
  assert.is(plan.version, 1);
  assert.is(plan.changed, false);
  assert.is(plan.against.serial, 1);
});

test('a change exits 2 in every format; a secret value change shows only fingerprints', async () => {
  const dir = project('change');
  await runCli(['plan', '--out', 'plan.json'], dir, BASE_ENV);
  await recordFromSavedPlan(dir, 'plan.json', BASE_ENV);
  const changed = base() as any;
  changed.projects.shop.apps.api.deploy.memory = 1024;
  writeFileSync(join(dir, 'pilot.config.ts'), configText(changed));
  const rotated = { SHOP_STRIPE_KEY: 'sk_live_rotated_value_42' };
  for (const args of [['plan'], ['plan', '--json'], ['plan', '--markdown']]) {
    const r = await runCli(args, dir, rotated);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.not.ok(r.stdout.includes(rotated.SHOP_STRIPE_KEY) || r.stderr.includes(rotated.SHOP_STRIPE_KEY), 'the secret value never appears');
    assert.not.ok(r.stdout.includes(BASE_ENV.SHOP_STRIPE_KEY), 'nor the old one');
    assert.match(r.stdout, /SHOP_STRIPE_KEY/);
  }
  const md = await runCli(['plan', '--markdown'], dir, rotated);
  assert.match(md.stdout, /^<!-- pilot-plan -->\n### pilot plan:/);
  assert.match(md.stdout, /<details><summary>change <code>waypoint\/shop\.hcl<\/code>/);
  const text = await runCli(['plan'], dir, {});
  assert.match(text.stdout, /Secret SHOP_STRIPE_KEY \(used by shop\/api\) has no value in this environment/, 'a missing value is a warning, not a value');
});

test('errors exit 1: an invalid config, a corrupt record, a record from a newer pilot, --against a missing record', async () => {
  const bad = project('bad', { ...base(), name: 'Not Valid' });
  const r1 = await runCli(['plan'], bad);
  assert.is(r1.code, 1);
  assert.match(r1.stderr, /PILOT3002|PILOT2/);

  const dir = project('corrupt');
  mkdirSync(join(dir, '.pilot', 'state'), { recursive: true });
  writeFileSync(join(dir, '.pilot', 'state', 'record.json'), '{"schemaVersion":1,"serial":');
  const r2 = await runCli(['plan'], dir, BASE_ENV);
  assert.is(r2.code, 1);
  assert.match(r2.stderr, /record\.json is corrupt.*\[PILOT4010\]/);
  assert.not.match(r2.stderr, /\n\s+at /, 'no stack trace');

  writeFileSync(join(dir, '.pilot', 'state', 'record.json'), JSON.stringify({ schemaVersion: 3, pilotVersion: '2.0.0', serial: 9 }));
  const r3 = await runCli(['plan', '--json'], dir, BASE_ENV);
  assert.is(r3.code, 1);
  const out = JSON.parse(r3.stdout);
  assert.is(out.diagnostics[0].code, 'PILOT4011');
  assert.match(out.diagnostics[0].message, /written by pilot 2\.0\.0/);

  const fresh = project('against');
  const r4 = await runCli(['plan', '--against', '5'], fresh, BASE_ENV);
  assert.is(r4.code, 1);
  assert.match(r4.stderr, /PILOT4016/);
  const r5 = await runCli(['plan', '--against', 'latest'], fresh, BASE_ENV);
  assert.is(r5.code, 1);
  assert.match(r5.stderr, /--against takes a record number/);
});

test('pilot history lists applied records newest first; plan --against N compares with an older one', async () => {
  const dir = project('history');
  await runCli(['plan', '--out', 'plan.json'], dir, BASE_ENV);
  const first = await recordFromSavedPlan(dir, 'plan.json', BASE_ENV);
  const changed = base() as any;
  changed.server.instanceType = 't3.large';
  writeFileSync(join(dir, 'pilot.config.ts'), configText(changed));
  await runCli(['plan', '--out', 'plan.json'], dir, BASE_ENV);
  await recordFromSavedPlan(dir, 'plan.json', BASE_ENV, first);
  const h = await runCli(['history'], dir);
  assert.is(h.code, 0, h.stderr);
  assert.match(h.stdout, /#2 .*Ada Ops <ada@shop\.example>.*pilot 0\.1\.0\s+\d+ resources, 3 apps, 1 secret\n\s+#1 /);
  writeFileSync(join(dir, '.pilot', 'state', 'history', '00000001.json'), 'not json');
  const bad = await runCli(['history'], dir);
  assert.is(bad.code, 0, bad.stderr);
  assert.match(bad.stdout, /#2 .*\d+ resources, 3 apps, 1 secret\n\s+#1\s+UNREADABLE: .*00000001\.json is corrupt/);
  assert.is((await runCli(['plan'], dir, BASE_ENV)).code, 0, 'matches the latest record');
  writeFileSync(join(dir, '.pilot', 'state', 'history', '00000001.json'), JSON.stringify(first));
  const older = await runCli(['plan', '--against', '1'], dir, BASE_ENV);
  assert.is(older.code, 2);
  assert.match(older.stdout, /Compared with record #1/);
  assert.match(older.stdout, /aws_instance\.server\s+server\s+\(instance_type\)/);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
