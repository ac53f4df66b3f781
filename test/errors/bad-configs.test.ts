// Every config under test/fixtures/bad/ fails `pilot compile` with exit code 1, the expected code and
// config path, the line marked `// @error` in the fixture, a hint, no stack trace, no output, no file
// left next to it, and (with the time limit its expect.json passes as "args") within that limit.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Diagnostic } from '../../src/compiler/diagnostics.ts';
import { type CliResult, mapLimit, runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/golden.ts';

const DIR = join(ROOT, 'test', 'fixtures', 'bad');
/**
 * what: the mistake, for the reader of the fixture. file: where the `// @error` line is, when it is not
 * pilot.config.ts (a helper the config imports, e.g. lib/settings.ts). message: a regular expression the diagnostic's
 * message must match (what the user reads). absent: text that must appear nowhere in the output (a
 * secret the config holds).
 */
type Expect = { code: string; path: string | null; what: string; file?: string; message?: string; hint?: string; args?: string[]; absent?: string };
type Case = { name: string; file: string; expect: Expect; line?: number; json: CliResult; human: CliResult; out: string; ms: number; files: string[] };

const names = readdirSync(DIR).sort();
const work = mkdtempSync(join(tmpdir(), 'pilot-bad-'));

const cases: Promise<Case[]> = mapLimit(names, 4, async (name) => {
  const file = join(DIR, name, 'pilot.config.ts');
  const expect = JSON.parse(readFileSync(join(DIR, name, 'expect.json'), 'utf8')) as Expect;
  const marker = readFileSync(join(DIR, name, expect.file ?? 'pilot.config.ts'), 'utf8').split('\n').findIndex((l) => l.includes('// @error'));
  const out = join(work, name, 'out');
  const args = expect.args ?? [];
  const start = Date.now();
  const json = await runCli(['compile', '--config', file, '--out', out, '--json', ...args]);
  const ms = Date.now() - start;
  const human = await runCli(['compile', '--config', file, '--out', out, ...args]);
  return { name, file, expect, line: marker >= 0 ? marker + 1 : undefined, json, human, out, ms, files: readdirSync(join(DIR, name)).sort() };
});

test('there are at least 40 bad configs', () => {
  assert.ok(names.length >= 40, `${names.length} fixtures`);
});

for (const name of names) {
  test(`bad config "${name}" fails with its code, path and line`, async () => {
    const c = (await cases).find((x) => x.name === name)!;
    assert.is(c.json.code, 1, 'exit code 1');
    const result = JSON.parse(c.json.stdout) as { status: string; diagnostics: Diagnostic[] };
    assert.is(result.status, 'error');
    const d = result.diagnostics.find((x) => x.code === c.expect.code && (x.path ?? null) === c.expect.path);
    assert.ok(d, `expected ${c.expect.code} at ${c.expect.path}, got ${JSON.stringify(result.diagnostics, null, 2)}`);
    const where = c.expect.file ?? 'pilot.config.ts';
    assert.ok(d.loc?.file.endsWith(join('bad', name, where)), `names the file: ${d.loc?.file}`);
    assert.is(d.loc?.line, c.line, 'points at the marked line');
    assert.ok(d.hint && d.hint.length > 10, 'has a hint');
    if (c.expect.hint) assert.is(d.hint, c.expect.hint);
    if (c.expect.message) assert.match(d.message, new RegExp(c.expect.message), 'says what is wrong');

    assert.is(c.human.code, 1);
    const text = c.human.stderr;
    assert.not.match(text, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
    assert.ok(text.includes(`${where}${c.line ? `:${c.line}` : ''}`), `names file:line\n${text}`);
    if (c.expect.path) assert.ok(text.includes(c.expect.path), 'names the config path');
    if (c.expect.message) assert.ok(text.includes(d.message), `prints what is wrong: ${d.message}\n${text}`);
    assert.match(text, /hint: /);
    assert.ok(text.split('\n').length <= 24, 'fits on one screen');
    assert.not.ok(existsSync(c.out), 'no output directory');
    assert.is(c.human.stdout, '', 'nothing on stdout');
    const helpers = c.expect.file ? [c.expect.file.split('/')[0]] : [];
    assert.equal(c.files, ['expect.json', ...helpers, 'pilot.config.ts'].sort(), 'no file left next to the config');
    if (c.expect.absent) assert.not.ok(`${c.json.stdout}${c.json.stderr}${text}`.includes(c.expect.absent), 'does not echo the secret');
    const at = c.expect.args?.indexOf('--timeout') ?? -1;
    if (at >= 0) {
      // Without the limit these would hang. The margin is the slowest run without one, plus 2 s: the
      // start-up of node and pilot on a busy machine is not the time limit's business.
      const slowest = Math.max(...(await cases).filter((x) => !x.expect.args?.includes('--timeout')).map((x) => x.ms));
      assert.ok(c.ms < Number(c.expect.args![at + 1]) * 1000 + slowest + 2000, `finished in ${c.ms} ms (slowest other: ${slowest} ms)`);
    }
  });
}

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
