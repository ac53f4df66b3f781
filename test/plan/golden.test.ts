// Golden plans: a record of the base config, then each case's changed config. Text, JSON and
// Markdown are compared with snapshots/plans/<case>.{txt,json,md}; each case also states what a
// reviewer must see, and no secret value appears anywhere.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderMarkdown } from '../../src/plan/render-markdown.ts';
import { renderText } from '../../src/plan/render-text.ts';
import { assertGolden, orphanedGoldens } from '../helpers/golden.ts';
import { BASE_ENV, CASES, planCase } from './_cases.ts';

const WHERE = '.pilot/state';

for (const name of Object.keys(CASES)) {
  test(`plan golden: ${name}`, async () => {
    const { plan, env } = await planCase(name);
    const text = renderText(plan, { color: false, where: WHERE });
    const json = `${JSON.stringify(plan, null, 2)}\n`;
    const md = renderMarkdown(plan, { where: WHERE });
    for (const re of CASES[name].says) assert.match(text, re, `${name}: text should say ${re}`);
    assert.is(plan.changed, name !== 'no-change');
    for (const value of new Set([...Object.values(env), ...Object.values(BASE_ENV)])) {
      for (const [kind, out] of [['text', text], ['json', json], ['markdown', md]]) assert.not.ok(out.includes(value), `${name}: a secret value appears in the ${kind} output`);
    }
    assert.not.match(text, /\u001b\[/, 'no colour without a TTY');
    assertGolden(`plans/${name}.txt`, text);
    assertGolden(`plans/${name}.json`, json);
    assertGolden(`plans/${name}.md`, md);
  });
}

test('dangers come before details: a major database upgrade in place', async () => {
  const { plan } = await planCase('db-version');
  const text = renderText(plan, { color: false });
  assert.ok(text.indexOf('DANGER') < text.indexOf('Terraform resources'));
  assert.ok(plan.dangers.some((d) => d.kind === 'database-upgrade' && d.configPath === 'database'));
  assert.not.ok(plan.dangers.some((d) => d.kind === 'data-loss'), 'an in-place upgrade is not data loss');
});

test('dangers come before details: data loss when the database is replaced', async () => {
  const { plan } = await planCase('db-replace');
  const text = renderText(plan, { color: false });
  assert.ok(text.indexOf('DANGER') < text.indexOf('Terraform resources'));
  assert.ok(plan.dangers.some((d) => d.kind === 'data-loss' && d.address === 'aws_db_instance.database' && d.configPath === 'database'));
});

test('colour only when asked (the CLI asks on a TTY without NO_COLOR); the words are the same', async () => {
  const { plan } = await planCase('widen-allow-from');
  const coloured = renderText(plan, { color: true });
  assert.match(coloured, /\u001b\[33m/);
  assert.is(coloured.replace(/\u001b\[[0-9;]*m/g, ''), renderText(plan, { color: false }));
});

test('no orphaned plan goldens', () => {
  const expected = Object.keys(CASES).flatMap((n) => ['txt', 'json', 'md'].map((e) => `plans/${n}.${e}`));
  assert.equal(orphanedGoldens('plans', expected), []);
});

test.run();
