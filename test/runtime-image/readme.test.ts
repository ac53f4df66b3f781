// runtime-image/README.md shows the `docker run` commands the systemd units run; they must be the
// units' own (W-20: the README had drifted to flags the units never used).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../../src/backends/cloud-init/paths.ts';
import { renderCloudInit } from '../../src/backends/cloud-init/render.ts';
import { fileAt, parseDoc } from '../cloud-init/document.ts';
import { awsOnly } from '../cloud-init/fixtures.ts';
import { ROOT } from '../helpers/golden.ts';
import { modelOf } from '../helpers/model.ts';

const readme = readFileSync(join(ROOT, 'runtime-image/README.md'), 'utf8');

/** The ExecStart command of a unit, continuation lines included. */
function execStart(unit: string): string {
  const m = /^ExecStart=([\s\S]*?)\n(?=[A-Z][A-Za-z]+=)/m.exec(unit);
  if (!m) throw new Error('no ExecStart');
  return m[1];
}

test('the README shows exactly the server and runner commands of the units (t3.medium on AWS, eu-west-1)', () => {
  const doc = parseDoc(renderCloudInit(modelOf(awsOnly())));
  const block = /<!-- units:begin -->\n```sh\n([\s\S]*?)```\n<!-- units:end -->/.exec(readme)?.[1];
  assert.ok(block, 'the README has the units block');
  const expected = [P.SERVER_UNIT, P.RUNNER_UNIT].map((u) => `# ${u}\n${execStart(fileAt(doc, P.unitPath(u)).content)}\n`).join('\n');
  assert.fixture(block, expected);
});

test('the README no longer claims what the units do not do', () => {
  for (const stale of ['-accept-tos` and', '--group-add <gid', 'runner profile set', '-advertise-addr=']) assert.not.ok(readme.includes(stale), stale);
});

test.run();
