// computePlan details not covered by the golden cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fingerprintsFor } from '../../src/cli/commands/plan.ts';
import { computePlan } from '../../src/plan/compute.ts';
import { renderMarkdown } from '../../src/plan/render-markdown.ts';
import { renderText } from '../../src/plan/render-text.ts';
import { BASE_ENV, base, compile } from './_cases.ts';

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

test.run();
