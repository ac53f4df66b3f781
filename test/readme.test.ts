// The first config the README walks a user through compiles as printed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './helpers/cli.ts';
import { ROOT } from './helpers/golden.ts';

test("the README's first config compiles without errors", async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const match = /```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, 'the README has a TypeScript config block');
  const dir = mkdtempSync(join(tmpdir(), 'pilot-readme-'));
  try {
    writeFileSync(join(dir, 'pilot.config.ts'), match[1]);
    const r = await runCli(['compile'], dir);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, /terraform\/main\.tf\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
