// computePlan details not covered by the golden cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fingerprintsFor } from '../../src/cli/commands/plan.ts';
import { computePlan } from '../../src/plan/compute.ts';
import { renderMarkdown } from '../../src/plan/render-markdown.ts';
import { renderText } from '../../src/plan/render-text.ts';
import type { TerraformResourceChange } from '../../src/plan/types.ts';
import { BASE_ENV, base, baseRecord, compile } from './_cases.ts';

test('a resource with no known config path shows none (not a made-up path)', async () => {
  const compiled = await compile(base());
  const model = compiled.model!;
  const plan = computePlan({ record: null, artifacts: compiled.artifacts, model, configPaths: {}, secretFingerprints: fingerprintsFor(model, undefined, BASE_ENV) });
  const server = plan.resources.find((r) => r.address === 'aws_instance.server')!;
  assert.is(server.configPath, '');
  const text = renderText(plan, { color: false });
  assert.match(text, /\+\s+aws_instance\.server\s*\n/);
  assert.not.match(text, /\bat name\b|\s+name\s*\n/);
  assert.not.match(renderMarkdown(plan), /`name`/);
});

test("the compile's warnings (0.0.0.0/0) are in the plan: JSON, text and Markdown", async () => {
  const config = base() as { server: { allowFrom: string[] } };
  config.server.allowFrom = ['0.0.0.0/0'];
  const compiled = await compile(config as ReturnType<typeof base>);
  const model = compiled.model!;
  const warning = compiled.diagnostics.find((d) => d.code === 'PILOT3009');
  assert.ok(warning, 'the fixture produces the 0.0.0.0/0 warning');
  const plan = computePlan({ record: null, artifacts: compiled.artifacts, model, configPaths: compiled.configPaths!, secretFingerprints: fingerprintsFor(model, undefined, BASE_ENV), compileWarnings: compiled.diagnostics });
  assert.ok(plan.warnings.some((w) => w.code === 'PILOT3009' && w.message === warning.message && w.path === warning.path));
  assert.match(JSON.stringify(plan), /"code":"PILOT3009"/);
  assert.match(renderText(plan, { color: false }), /\[PILOT3009\]/);
  assert.match(renderMarkdown(plan), /#### Warnings\n\n- .*`PILOT3009`/);
});

async function againstBase(mutate: (c: any) => void, terraform: TerraformResourceChange[]) {
  const { record, hash } = await baseRecord();
  const config = base();
  mutate(config);
  const compiled = await compile(config);
  const model = compiled.model!;
  return computePlan({ record: { record, hash }, artifacts: compiled.artifacts, model, configPaths: compiled.configPaths!, secretFingerprints: fingerprintsFor(model, record.secrets.salt, BASE_ENV), terraform });
}

test("--terraform: a replacement only Terraform's real plan shows is a DANGER", async () => {
  const plan = await againstBase(() => {}, [
    { address: 'aws_db_instance.database', type: 'aws_db_instance', actions: ['delete', 'create'], replacedBy: ['engine'], configPath: 'database' },
    { address: 'aws_instance.server', type: 'aws_instance', actions: ['create', 'delete'], configPath: 'server' },
    { address: 'aws_security_group.server', type: 'aws_security_group', actions: ['update'], configPath: 'server' },
  ]);
  assert.is(plan.resources.length, 0, 'no static change');
  assert.ok(plan.changed);
  assert.equal(plan.dangers.map((d) => [d.kind, d.address]), [['data-loss', 'aws_db_instance.database'], ['server-replaced', 'aws_instance.server']]);
  assert.match(plan.dangers[0].message, /^Terraform's plan: DATA LOSS: the database aws_db_instance\.database will be destroyed and recreated empty \(engine cannot change in place\)/);
  assert.match(plan.dangers[1].message, /^Terraform's plan: The Pilot server aws_instance\.server will be destroyed and recreated: /);
  assert.not.match(plan.dangers[1].message, /Debian 12 image/, 'a pinned AMI is what the replacement boots');
  assert.is(plan.summary.dangers, 2);
  assert.match(renderText(plan, { color: false }), /DANGER \(2\)/);
});

test('--terraform: a danger the static plan already found is not repeated', async () => {
  const plan = await againstBase((c) => delete c.projects.tools, [{ address: 'aws_ecr_repository.tools_admin', type: 'aws_ecr_repository', actions: ['delete'], configPath: 'projects.tools.apps.admin.registry' }]);
  assert.is(plan.dangers.filter((d) => d.address === 'aws_ecr_repository.tools_admin').length, 1);
});

test.run();
