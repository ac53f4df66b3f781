// The first plan (no record yet): a secret whose value is set is shown as set, not as missing —
// there is no salt to fingerprint it with until the first apply writes the record.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fingerprintsFor } from '../../src/cli/commands/plan.ts';
import { computePlan } from '../../src/plan/compute.ts';
import { renderMarkdown } from '../../src/plan/render-markdown.ts';
import { renderText } from '../../src/plan/render-text.ts';
import { BASE_ENV, base, compile } from './_cases.ts';

async function firstPlan(env: Record<string, string>) {
  const compiled = await compile(base());
  const model = compiled.model!;
  return computePlan({ record: null, artifacts: compiled.artifacts, model, configPaths: compiled.configPaths!, secretFingerprints: fingerprintsFor(model, undefined, env) });
}

test('first plan: a set secret says it is set, in text and Markdown', async () => {
  const plan = await firstPlan(BASE_ENV);
  const text = renderText(plan, { color: false });
  assert.match(text, /\+\s+SHOP_STRIPE_KEY\s+value set \(fingerprinted at first apply\)/);
  assert.not.match(text, /no value here/);
  assert.not.ok(plan.warnings.some((w) => w.code === 'PILOT4021'));
  const md = renderMarkdown(plan);
  assert.match(md, /add `SHOP_STRIPE_KEY` \(value set; fingerprinted at first apply\)/);
  assert.not.match(md, /no value where the plan ran/);
});

test('first plan: a missing secret is still unknown, with its warning', async () => {
  const plan = await firstPlan({});
  const text = renderText(plan, { color: false });
  assert.match(text, /\?\s+SHOP_STRIPE_KEY\s+no value here/);
  assert.ok(plan.warnings.some((w) => w.code === 'PILOT4021'));
});

test.run();
