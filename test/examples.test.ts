// Every example compiles through the real loader to exactly its golden files, and nothing else.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileConfig } from '../src/compiler/compile.ts';
import { loadConfig } from '../src/compiler/load.ts';
import { assertGolden, orphanedGoldens, ROOT } from './helpers/golden.ts';
import { EXAMPLES, examplePath } from './helpers/model.ts';

for (const name of EXAMPLES) {
  test(`examples/${name} compiles to its golden files with no diagnostics but expected warnings`, async () => {
    const loaded = await loadConfig({ cwd: ROOT, configPath: examplePath(name), command: 'compile' });
    const result = await compileConfig(loaded.raw, loaded.source);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors, [], 'no errors');
    assert.ok(result.artifacts.some((a) => a.path === 'manifest.json'), 'has a manifest');
    for (const a of result.artifacts) assertGolden(`${name}/${a.path}`, a.contents);
    assert.equal(orphanedGoldens(name, result.artifacts.map((a) => `${name}/${a.path}`)), [], 'no orphaned golden files');
  });
}

test.run();
