// pilot apply without a terminal and without --yes: the plan is shown, then the run is refused
// before the lock, terraform or the record is touched.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/golden.ts';
import { SECRET_VALUES, STAND_IN } from './helpers/world.ts';

const d = mkdtempSync(join(tmpdir(), 'pilot-confirm-'));
copyFileSync(join(ROOT, 'examples', 'acme', 'pilot.config.ts'), join(d, 'pilot.config.ts'));
const log = join(d, 'terraform.log');
writeFileSync(log, '');

test('apply with no terminal and no --yes shows the plan, then refuses; nothing runs', async () => {
  // runCli's stdin and stderr are pipes, not a terminal.
  const r = await runCli(['apply', '--terraform-bin', STAND_IN], d, { ...SECRET_VALUES, STANDIN_LOG: log });
  assert.is(r.code, 1);
  assert.match(r.stderr, /Terraform: \d+ to create/, 'the plan was shown first');
  assert.match(r.stderr, /refusing to apply without confirmation: no terminal to ask on/);
  assert.match(r.stderr, /rerun with --yes/);
  assert.match(r.stderr, /PILOT4051/);
  assert.not.match(r.stderr, /internal error/);
  assert.is(readFileSync(log, 'utf8'), '', 'terraform never ran');
  assert.not.ok(existsSync(join(d, '.pilot', 'state', 'record.json')), 'no record');
  assert.not.ok(existsSync(join(d, '.pilot', 'state', 'lock.json')), 'no lock left');
});

test.after(() => rmSync(d, { recursive: true, force: true }));
test.run();
