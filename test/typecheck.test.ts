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

const PLAIN = `import { aws, defineConfig, docker, ecs, postgres, type ConfigInput } from '@pilot-framework/pilot';
const server = aws.server({ region: 'us-east-1', sshKey: 'ssh-ed25519 AAAA k', allowFrom: ['203.0.113.0/24'] });
export default defineConfig({
  name: 'acme',
  server,
  database: { engine: 'postgres', on: 'aws' },
  projects: {
    shop: {
      repository: { url: 'https://github.com/acme/shop.git', ref: 'main' },
      apps: { api: { path: 'api', build: { kind: 'docker' }, deploy: ecs() } },
    },
  },
});
export const later = defineConfig(async (env): Promise<ConfigInput> => ({ name: env.command, server, database: postgres({ on: 'aws' }) }));
`;

/** The lines of pilot.config.ts that tsc reports errors on, with the messages. */
function errorsIn(output: string): Array<{ line: number; text: string }> {
  return [...output.matchAll(/pilot\.config\.ts\((\d+),\d+\): error (.*)/g)].map((m) => ({ line: Number(m[1]), text: m[2] }));
}

test('plain objects inside defineConfig type-check', () => {
  const r = typecheck(PLAIN);
  assert.is(r.code, 0, r.output);
});

// Each misspelling alone: exactly one error, on its own line, naming the key.
const TYPOS: Array<[string, string, string]> = [
  ["database: { engine: 'postgres', on: 'aws' }", "databse: { engine: 'postgres', on: 'aws' }", 'databse'],
  ["ref: 'main'", "reff: 'main'", 'reff'],
  ["path: 'api'", "pth: 'api'", 'pth'],
  ["build: { kind: 'docker' }", "build: { kind: 'docker', dockerfil: 'Dockerfile' }", 'dockerfil'],
  ['deploy: ecs()', 'deploy: ecs({ prot: 3000 })', 'prot'],
  ["postgres({ on: 'aws' })", "postgres({ on: 'aws', sise: 'small' })", 'sise'],
];
for (const [from, to, key] of TYPOS) {
  test(`a misspelt "${key}" is one type error at its line`, () => {
    const config = PLAIN.replace(from, to);
    const line = config.split('\n').findIndex((l) => l.includes(key)) + 1;
    const r = typecheck(config);
    assert.is(r.code, 2, r.output);
    const errors = errorsIn(r.output);
    assert.is(errors.length, 1, r.output);
    assert.is(errors[0].line, line, r.output);
    assert.match(errors[0].text, new RegExp(`'${key}' does not exist`));
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
