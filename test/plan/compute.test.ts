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

test.run();
