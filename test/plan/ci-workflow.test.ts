// examples/ci/github-actions.yml does what the README says: on a pull request, compile --check only
// when output is committed, plan --markdown as one updated comment, failing only on exit 1; on merge,
// pilot apply --yes. And the README shows it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '../../src/plan/render-markdown.ts';
import { ROOT } from '../helpers/golden.ts';

type Step = { name?: string; run?: string; if?: string; uses?: string; with?: { script?: string } };
const wf = parse(readFileSync(join(ROOT, 'examples/ci/github-actions.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, { if?: string; steps: Step[] }> };

test('pull request: compile --check when committed, plan --markdown, fail only on exit 1, one updated comment', () => {
  assert.ok('pull_request' in wf.on);
  const plan = wf.jobs.plan;
  assert.match(plan.if ?? '', /pull_request/);
  const check = plan.steps.find((s) => s.run?.includes('pilot compile --check'));
  assert.ok(check, 'a compile --check step');
  assert.match(check!.if ?? '', /hashFiles\('\.pilot\/build\/manifest\.json'\)/, 'only when the compiled output is committed');
  const run = plan.steps.find((s) => s.run?.includes('pilot plan --markdown'))!.run!;
  assert.match(run, /set \+e/);
  assert.match(run, /if \[ "\$code" -eq 1 \]; then exit 1; fi\s+exit 0/, 'exit 2 (changes) does not fail the job');
  const comment = plan.steps.find((s) => s.uses?.startsWith('actions/github-script'))!;
  assert.ok(comment.with?.script?.includes(COMMENT_MARKER), 'finds its own comment by the marker the Markdown starts with');
  assert.match(comment.with!.script!, /updateComment[\s\S]*createComment/);
});

test('merge: pilot apply --yes on the main branch; the README links the workflow', () => {
  assert.match(wf.jobs.apply.if ?? '', /push.*refs\/heads\/main/);
  assert.ok(wf.jobs.apply.steps.some((s) => /pilot apply --yes/.test(s.run ?? '')));
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.match(readme, /examples\/ci\/github-actions\.yml/);
  assert.match(readme, /npm ci && npx pilot plan --config examples\/acme\/pilot\.config\.ts/);
});

test.run();
