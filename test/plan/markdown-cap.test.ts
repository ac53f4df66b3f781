// The pull-request comment of a 1,000-app config stays under 60,000 characters, cuts whole items
// from the end, keeps the summary and dangers, and says what it cut.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computePlan } from '../../src/plan/compute.ts';
import { MARKDOWN_LIMIT, renderMarkdown } from '../../src/plan/render-markdown.ts';
import { base, compile } from './_cases.ts';

test('Markdown of a 1,000-app plan: at most 60,000 characters, with a truncation note', async () => {
  const config = base() as any;
  config.projects = { big: { repository: { url: 'https://github.com/shop/big.git' }, apps: {} as Record<string, unknown> } };
  for (let i = 0; i < 1000; i++) {
    config.projects.big.apps[`a${i}`] = i % 2 ? { path: `apps/a${i}`, build: { kind: 'docker' }, deploy: { kind: 'ecs', port: 3000, memory: 512 } } : { path: `apps/a${i}`, build: { kind: 'yarn' }, deploy: { kind: 'cloudfront' } };
  }
  const compiled = await compile(config);
  const plan = computePlan({ record: null, artifacts: compiled.artifacts, model: compiled.model!, configPaths: compiled.configPaths!, secretFingerprints: {} });
  assert.ok(plan.resources.length > 5000, `${plan.resources.length} resources`);
  const md = renderMarkdown(plan);
  assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length} characters`);
  assert.ok(md.includes('<details><summary>add <code>cloud-init/user-data.yaml</code>'), 'diffs still get room after the capped lists');
  assert.match(md, /^<!-- pilot-plan -->\n### pilot plan: \d+ to create/);
  assert.match(md, /\| Terraform resources \| \d+ \|/);
  assert.match(md, /✂️ \*\*Truncated\*\* to fit a pull-request comment \(60000 characters\): .*\d+ resource rows.*not shown/);
  assert.match(md, /#### Terraform resources\n\n\| \| address/, 'every section gets room: resources are listed too');
  assert.is((md.match(/^```/gm) ?? []).length % 2, 0, 'no code fence left open');
  assert.is((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length, 'no <details> left open');
});

test('a small plan is not truncated', async () => {
  const compiled = await compile(base());
  const plan = computePlan({ record: null, artifacts: compiled.artifacts, model: compiled.model!, configPaths: compiled.configPaths!, secretFingerprints: {} });
  const md = renderMarkdown(plan, { limit: 1_000_000 });
  assert.not.match(md, /Truncated/);
  assert.is((md.match(/<details>/g) ?? []).length, plan.artifacts.length);
});

test.run();
