// A user's pilot.config.ts type-checks against the package's exported types (what the exports map
// points editors at), and a misspelt field is a type error before pilot ever runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './helpers/golden.ts';

const dir = mkdtempSync(join(tmpdir(), 'pilot-types-'));

function typecheck(config: string): { code: number; output: string } {
  writeFileSync(join(dir, 'pilot.config.ts'), config);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: true,
        allowImportingTsExtensions: true, types: [], typeRoots: [join(ROOT, 'node_modules/@types')],
        // As in a user's repo where the package is installed: the name resolves to its "types" entry.
        paths: { '@pilot-framework/pilot': [join(ROOT, 'src/dsl/index.ts')] },
      },
      files: ['pilot.config.ts'],
    }),
  );
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  return { code: r.status ?? -1, output: r.stdout + r.stderr };
}

const GOOD = `import { aws, defineConfig, docker, ecs } from '@pilot-framework/pilot';
export default defineConfig({
  name: 'acme',
  server: aws.server({ region: 'us-east-1', sshKey: 'ssh-ed25519 AAAA k', allowFrom: ['203.0.113.0/24'] }),
  projects: { shop: { repository: { url: 'https://github.com/acme/shop.git' }, apps: { api: { build: docker(), deploy: ecs({ port: 3000 }) } } } },
});
`;

test('a config written with the builders type-checks', () => {
  const r = typecheck(GOOD);
  assert.is(r.code, 0, r.output);
});

test('a misspelt field and a wrong type are type errors', () => {
  const typo = typecheck(GOOD.replace('ecs({ port: 3000 })', 'ecs({ prot: 3000 })'));
  assert.is(typo.code, 2, typo.output);
  assert.match(typo.output, /'prot' does not exist/);
  const wrong = typecheck(GOOD.replace('ecs({ port: 3000 })', "ecs({ memory: '512' })"));
  assert.is(wrong.code, 2, wrong.output);
  assert.match(wrong.output, /Type 'string' is not assignable to type 'number'/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
