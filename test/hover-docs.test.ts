// What an editor shows on hover in a user's pilot.config.ts, from the declaration files the package
// ships (emitted as `prepare` emits them, into a stand-in node_modules): every field of the nested
// plain objects (repository, an app) has its doc comment, not only the top-level ones.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { emitTypes } from '../scripts/emit-types.mjs';
import type { ConfigInput, configSchema } from '../src/dsl/schema/config.ts';
import { ROOT } from './helpers/golden.ts';

// ConfigInput is spelt out with named interfaces (for their doc comments): `npm run typecheck` fails
// here if it ever accepts more or less than the schema.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsSchema: Same<ConfigInput, z.input<typeof configSchema>> = true;

const CONFIG = `import { aws, defineConfig, docker, ecs, secret } from '@pilot-framework/pilot';

export default defineConfig({
  name: 'acme',
  server: aws.server({ region: 'us-east-1', sshKey: 'ssh-ed25519 AAAA ops@acme', allowFrom: ['203.0.113.0/24'] }),
  projects: {
    shop: {
      repository: { url: 'https://github.com/acme/shop.git', ref: 'main', poll: '60s', credentials: { sshKey: secret('DEPLOY_KEY') } },
      apps: { api: { path: 'api', build: docker(), deploy: ecs(), env: { LOG_LEVEL: 'info' }, database: true } },
    },
  },
});
`;

const work = mkdtempSync(join(tmpdir(), 'pilot-hover-'));
const file = join(work, 'pilot.config.ts');
let service: ts.LanguageService;

test.before(async () => {
  const pkg = join(work, 'node_modules', '@pilot-framework', 'pilot');
  await emitTypes(join(pkg, 'dist', 'types'));
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@pilot-framework/pilot', type: 'module', types: './dist/types/index.d.ts' }));
  symlinkSync(join(ROOT, 'node_modules', 'zod'), join(work, 'node_modules', 'zod'));
  mkdirSync(join(work, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(work, 'node_modules', '@types', 'node'));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(file, CONFIG);
  const options: ts.CompilerOptions = { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true };
  service = ts.createLanguageService({
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f) ?? '') : undefined),
    getCurrentDirectory: () => work,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  });
});

/** The documentation the editor shows on hover over the key `key` (its first `key:` in the config). */
function hoverDoc(key: string): string {
  const at = CONFIG.indexOf(` ${key}:`) + 1;
  assert.ok(at > 0, key);
  const info = service.getQuickInfoAtPosition(file, at);
  return ts.displayPartsToString(info?.documentation);
}

test('the config type-checks against the emitted declarations', () => {
  assert.ok(sameAsSchema);
  const errors = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
  assert.equal(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
});

const EXPECTED: Record<string, RegExp> = {
  ref: /Branch, tag or commit/,
  poll: /Poll the repository/,
  url: /git clone/,
  credentials: /private repository/,
  build: /How to build it/,
  deploy: /Where it runs/,
  env: /Environment variables/,
  database: /database's connection/,
  repository: /git repository/,
  apps: /Apps by name/,
};
for (const [key, doc] of Object.entries(EXPECTED)) {
  test(`hovering "${key}" shows its doc comment`, () => {
    assert.match(hoverDoc(key), doc);
  });
}

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
