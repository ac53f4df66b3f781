// Which configs the loader evaluates in its own thread (fast: no worker to start) and which take the
// worker, whose time limit also covers code that runs after the config's value is known.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canEvaluateInline } from '../../src/compiler/evaluate-inline.ts';
import { bundleConfig } from '../../src/compiler/load.ts';
import { ROOT } from '../helpers/golden.ts';

const SDK_URL = pathToFileURL(join(ROOT, 'src/dsl/index.ts')).href;
const work = mkdtempSync(join(tmpdir(), 'pilot-inline-'));

async function inline(file: string): Promise<boolean> {
  const b = await bundleConfig(file, 'cjs', ROOT);
  return canEvaluateInline(b.code, b.metafile, SDK_URL);
}

async function inlineSource(name: string, source: string): Promise<boolean> {
  const file = join(work, `${name}.ts`);
  writeFileSync(file, source);
  return inline(file);
}

test('the examples, a helper file and process.env reads are evaluated in this thread', async () => {
  for (const example of ['acme', 'gcp-only']) assert.ok(await inline(join(ROOT, 'examples', example, 'pilot.config.ts')), example);
  writeFileSync(join(work, 'settings.ts'), 'export const region = process.env.REGION ?? "us-east-1";\n');
  assert.ok(await inlineSource('with-helper', 'import { defineConfig } from "@pilot-framework/pilot";\nimport { region } from "./settings.ts";\nexport default defineConfig(() => ({ name: region } as never));\n'));
});

test('a config that can run code later, or imports anything but pilot, takes the worker', async () => {
  // A package's top-level code runs when it is loaded, outside the call the time limit covers.
  mkdirSync(join(work, 'node_modules', 'settings-package'), { recursive: true });
  writeFileSync(join(work, 'node_modules', 'settings-package', 'package.json'), '{ "name": "settings-package", "type": "module", "exports": "./index.js" }\n');
  writeFileSync(join(work, 'node_modules', 'settings-package', 'index.js'), 'export const name = "acme";\n');
  const later = {
    timer: 'setTimeout(() => { for (;;) {} }, 10);\nexport default {};\n',
    microtask: 'queueMicrotask(() => {});\nexport default {};\n',
    promise: 'export default Promise.resolve({});\n',
    thenable: 'export default { then(resolve: (v: object) => void) { resolve({}); } };\n',
    async: 'export default async () => ({});\n',
    exit: 'if (!process.env.X) process.exit(3);\nexport default {};\n',
    console: 'console.log("hello");\nexport default {};\n',
    global: 'export default { n: (globalThis as { n?: number }).n };\n',
    builtin: 'import { readFileSync } from "node:fs";\nexport default { key: readFileSync("/etc/hostname", "utf8") };\n',
    package: 'import { name } from "settings-package";\nexport default { name };\n',
  };
  for (const [name, source] of Object.entries(later)) assert.not.ok(await inlineSource(name, source), name);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
