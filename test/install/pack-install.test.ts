// What a team gets from `npm pack` of pilot, set up by running the README's own install steps (read
// from README.md, so the two cannot drift) in an empty directory that holds only the tarball: the
// tarball (built by `prepare` in a copy of this checkout, so this repository's dist/ is left alone)
// installs from the npm cache, `npx pilot validate` passes there, the README's `npx tsc --init && npx
// tsc --noEmit` passes, the user's own `tsc --noEmit` passes with skipLibCheck off under common
// tsconfig settings, and a misspelt key is exactly one type error at its line. One install, shared by
// every case: it is the slow part (about 40 s on a busy machine).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/golden.ts';

const work = mkdtempSync(join(tmpdir(), 'pilot-install-'));
const project = join(work, 'project');
const started = Date.now();

// prefer-offline, not offline: a fresh machine's npm cache holds the tarballs `npm ci` fetched but
// not every package's full metadata, which npm then asks the registry for (--offline passes only on a
// machine whose cache already has it). Set through the environment, so the README's commands run as
// printed.
const NPM_ENV = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...NPM_ENV } });
}
const sh = (line: string, cwd: string) => run('sh', ['-c', line], cwd);

/** The command lines (not comments) of the README's install section's shell blocks. */
function readmeBlocks(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Install pilot in your repository\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].split('\n'));
}
/** What a user types in their own repository: the lines after "# in your infrastructure repository", up to "# or …". */
function readmeInstallSteps(): string[] {
  const lines = readmeBlocks()[0] ?? [];
  const from = lines.findIndex((l) => l.startsWith('# in your infrastructure repository'));
  const to = lines.findIndex((l, i) => i > from && l.startsWith('# or'));
  return lines.slice(from + 1, to < 0 ? undefined : to).filter((l) => l.trim() && !l.startsWith('#'));
}
const README_TSC = readmeBlocks()[1]?.filter((l) => l.trim() && !l.startsWith('#')) ?? [];
const output = (r: SpawnSyncReturns<string>) => `${r.stdout}${r.stderr}`;

const CONFIG = `import { aws, defineConfig, docker, ecs, postgres } from '@pilot-framework/pilot';

export default defineConfig({
  name: 'acme',
  server: aws.server({
    region: 'us-east-1',
    sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops@acme',
    allowFrom: ['203.0.113.0/24'],
  }),
  clouds: { aws: { region: 'us-east-1' } },
  database: postgres({ on: 'aws' }),
  projects: {
    shop: {
      repository: { url: 'https://github.com/acme/shop.git', ref: 'main' },
      apps: { api: { path: 'api', build: docker(), deploy: ecs({ port: 3000 }) } },
    },
  },
});
`;
const TYPO_LINE = CONFIG.split('\n').findIndex((l) => l.includes("ref: 'main'")) + 1;

test.before(() => {
  // A copy of the checkout with this repository's node_modules: `npm pack` runs `prepare` there.
  const pkg = join(work, 'pkg');
  mkdirSync(pkg);
  for (const name of ['package.json', 'README.md', 'bin', 'scripts', 'src']) cpSync(join(ROOT, name), join(pkg, name), { recursive: true });
  cpSync(join(ROOT, 'plugins', 'pilot-static'), join(pkg, 'plugins', 'pilot-static'), { recursive: true, filter: (p) => !p.includes('node_modules') });
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  // The user's new repository: empty but for the tarball the README installs from ./
  mkdirSync(project);
  const packed = run('npm', ['pack', '--pack-destination', project], pkg);
  assert.is(packed.status, 0, output(packed));
  const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote a tarball');
  assert.equal(readdirSync(project), [tarball], 'the project starts empty');

  const steps = readmeInstallSteps();
  assert.ok(steps.some((l) => l.includes(`./${tarball}`)), `the README installs ./${tarball}: ${steps.join('; ')}`);
  for (const line of steps) {
    const r = sh(line, project);
    assert.is(r.status, 0, `${line}\n${output(r)}`);
  }
  writeFileSync(join(project, 'pilot.config.ts'), CONFIG);
});

test('the tarball ships the CLI, the SDK and its declaration files, not the sources', () => {
  const files = readdirSync(join(project, 'node_modules', '@pilot-framework', 'pilot'), { recursive: true, encoding: 'utf8' });
  assert.ok(files.includes(join('dist', 'types', 'index.d.ts')), files.join(', '));
  assert.ok(files.includes(join('dist', 'sdk.mjs')));
  assert.not.ok(files.some((f) => f.startsWith(`src${'/'}`)), 'no src/');
});

test('npx pilot validate passes in the new project', () => {
  const r = run('npx', ['--offline', 'pilot', 'validate'], project);
  assert.is(r.status, 0, output(r));
  assert.match(r.stdout, /config is valid/);
});

test("the README's type check passes: npm install --save-dev typescript, npx tsc --init && npx tsc --noEmit", () => {
  assert.equal(README_TSC, ['npm install --save-dev typescript', 'npx tsc --init && npx tsc --noEmit']);
  // The one change: the version the npm cache holds, so the test needs no registry.
  for (const line of README_TSC) {
    const r = sh(line.replace(/ typescript$/, ' typescript@5.9.3'), project);
    assert.is(r.status, 0, `${line}\n${output(r)}`);
  }
  const strict = run('npx', ['tsc', '--noEmit', '--skipLibCheck', 'false'], project);
  assert.is(strict.status, 0, output(strict));
});

const TSCONFIGS: Record<string, object | 'init'> = {
  'tsc --init': 'init',
  bundler: { compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', noEmit: true }, files: ['pilot.config.ts'] },
  node16: { compilerOptions: { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', noEmit: true }, files: ['pilot.config.ts'] },
};

function tsc(name: string): SpawnSyncReturns<string> {
  const setting = TSCONFIGS[name];
  const dir = join(project, 'tsconfigs', name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  if (setting === 'init') assert.is(run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '--init'], dir).status, 0);
  else writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(setting));
  cpSync(join(project, 'pilot.config.ts'), join(dir, 'pilot.config.ts'));
  return run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', dir, '--noEmit', '--skipLibCheck', 'false'], project);
}

for (const name of Object.keys(TSCONFIGS)) {
  test(`the user's tsc --noEmit passes (${name}, skipLibCheck off)`, () => {
    writeFileSync(join(project, 'pilot.config.ts'), CONFIG);
    const r = tsc(name);
    assert.is(r.status, 0, output(r));
  });
}

test('a misspelt key is exactly one type error, at its line; pilot validate names the same line', () => {
  writeFileSync(join(project, 'pilot.config.ts'), CONFIG.replace("ref: 'main'", "reff: 'main'"));
  const r = tsc('bundler');
  assert.is(r.status, 2, output(r));
  const errors = output(r).split('\n').filter((l) => /error TS\d+/.test(l));
  assert.is(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], new RegExp(`pilot\\.config\\.ts\\(${TYPO_LINE},\\d+\\): error TS2561: .*'reff' does not exist.*Did you mean to write 'ref'\\?`));
  const v = run('npx', ['--offline', 'pilot', 'validate'], project);
  assert.is(v.status, 1);
  assert.match(v.stderr, new RegExp(`pilot\\.config\\.ts:${TYPO_LINE}:\\d+ +projects\\.shop\\.repository\\.reff .*\\[PILOT2003\\]`));
});

test.after(() => {
  process.stderr.write(`  pack + offline install + checks: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  rmSync(work, { recursive: true, force: true });
});
test.run();
