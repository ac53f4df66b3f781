// The CLI as a user and a CI job meet it: exit codes, files written, --check, --json, --help.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeArtifacts } from '../src/cli/write-artifacts.ts';
import { runCli } from './helpers/cli.ts';
import { ROOT } from './helpers/golden.ts';

const work = mkdtempSync(join(tmpdir(), 'pilot-cli-'));
const ACME = join(ROOT, 'examples', 'acme', 'pilot.config.ts');

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.isDirectory()) walk(join(d, n.name), `${rel}${n.name}/`);
      else out[`${rel}${n.name}`] = readFileSync(join(d, n.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

test('compile writes the manifest and one waypoint.hcl per project', async () => {
  const out = join(work, 'a');
  const r = await runCli(['compile', '--config', ACME, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  const tree = readTree(out);
  assert.ok(tree['manifest.json'] && tree['waypoint/acme.hcl'], Object.keys(tree).join(', '));
  const manifest = JSON.parse(tree['manifest.json']) as { configHash: string; files: Record<string, { sha256: string }> };
  assert.equal(Object.keys(manifest.files).sort(), Object.keys(tree).filter((p) => p !== 'manifest.json').sort());
  assert.match(manifest.configHash, /^[0-9a-f]{64}$/);
});

test('compiling twice, and from another working directory, gives identical bytes', async () => {
  const a = join(work, 'det-a');
  const b = join(work, 'det-b');
  const elsewhere = join(work, 'elsewhere');
  mkdirSync(elsewhere, { recursive: true });
  assert.is((await runCli(['compile', '--config', ACME, '--out', a])).code, 0);
  assert.is((await runCli(['compile', '--config', ACME, '--out', b], elsewhere)).code, 0);
  const first = readTree(a);
  assert.equal(readTree(b), first);
  assert.is((await runCli(['compile', '--config', ACME, '--out', a])).code, 0);
  assert.equal(readTree(a), first);
});

test('names are ordered by code point, the same in every locale (never by the machine\'s collation)', async () => {
  const project = join(work, 'locale');
  cpSync(join(ROOT, 'examples', 'acme'), project, { recursive: true });
  const config = join(project, 'pilot.config.ts');
  // In the ICU collation localeCompare uses, A_B sorts before AB ('_' before letters); by code point after.
  writeFileSync(config, readFileSync(config, 'utf8').replace("env: { LOG_LEVEL: 'info',", "env: { X2: secret('A_B'), X1: secret('AB'), LOG_LEVEL: 'info',"));
  const trees = [];
  for (const locale of ['C', 'en_US.UTF-8', 'sv_SE.UTF-8']) {
    const r = await runCli(['compile', '--out', join(project, locale)], project, { LC_ALL: locale, LANG: locale });
    assert.is(r.code, 0, r.stderr);
    trees.push(readTree(join(project, locale)));
  }
  assert.equal(trees[1], trees[0]);
  assert.equal(trees[2], trees[0]);
  const hcl = trees[0]['waypoint/acme.hcl'];
  const [ab, aUnderscoreB] = ['AB', 'A_B'].map((name) => hcl.indexOf(`variable "secret_${name}" {`));
  assert.ok(ab > 0 && aUnderscoreB > 0, hcl);
  assert.ok(ab < aUnderscoreB, 'the waypoint.hcl declares its variables in code-point order');
});

test('the config can live anywhere: a copied project compiles to the same artifacts', async () => {
  const project = join(work, 'copied');
  cpSync(join(ROOT, 'examples', 'acme'), project, { recursive: true });
  const r = await runCli(['compile'], project);
  assert.is(r.code, 0, r.stderr);
  assert.equal(readTree(join(project, '.pilot', 'build')), readTree(join(work, 'a')));
});

test('--check passes on a fresh tree and lists stale, missing and extra files', async () => {
  const out = join(work, 'check');
  assert.is((await runCli(['compile', '--config', ACME, '--out', out])).code, 0);
  assert.is((await runCli(['compile', '--config', ACME, '--out', out, '--check'])).code, 0);
  writeFileSync(join(out, 'waypoint', 'acme.hcl'), 'project = "edited"\n');
  writeFileSync(join(out, 'stray.txt'), 'x');
  rmSync(join(out, 'manifest.json'));
  const r = await runCli(['compile', '--config', ACME, '--out', out, '--check']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /changed\s+waypoint\/acme\.hcl/);
  assert.match(r.stderr, /missing\s+manifest\.json/);
  assert.match(r.stderr, /extra\s+stray\.txt/);
  assert.match(r.stderr, /^--- waypoint\/acme\.hcl \(on disk\)\n\+\+\+ waypoint\/acme\.hcl \(from config\)\n@@ /m, 'the diff has its ---/+++ header');
  assert.not.match(r.stderr, /^={10,}$/m);
  assert.match(r.stderr, /^-project = "edited"$/m, 'shows a unified diff of the changed file');
  assert.match(r.stderr, /^\+project = "acme"$/m);
  assert.is(readFileSync(join(out, 'waypoint', 'acme.hcl'), 'utf8'), 'project = "edited"\n', '--check writes nothing');
  const j = JSON.parse((await runCli(['compile', '--config', ACME, '--out', out, '--check', '--json'])).stdout);
  assert.is(j.status, 'stale');
  assert.equal(j.stale.changed, ['waypoint/acme.hcl']);
});

test('--json prints status, diagnostics and artifacts with hashes', async () => {
  const r = await runCli(['compile', '--config', ACME, '--out', join(work, 'json'), '--json']);
  assert.is(r.code, 0);
  const j = JSON.parse(r.stdout) as { status: string; diagnostics: unknown[]; artifacts: Array<{ path: string; sha256: string }> };
  assert.is(j.status, 'ok');
  assert.ok(Array.isArray(j.diagnostics));
  assert.ok(j.artifacts.some((a) => a.path === 'waypoint/acme.hcl' && /^[0-9a-f]{64}$/.test(a.sha256)));
});

test('validate checks without writing; a missing config is a coded error', async () => {
  const empty = join(work, 'empty');
  mkdirSync(empty, { recursive: true });
  const ok = await runCli(['validate', '--config', ACME], empty);
  assert.is(ok.code, 0, ok.stderr);
  assert.not.ok(existsSync(join(empty, '.pilot')));
  const missing = await runCli(['validate'], empty);
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /PILOT1001/);
  assert.match(missing.stderr, /hint: /);
});

test('a warning (SSH open to the world) is printed but does not fail the compile', async () => {
  const project = join(work, 'open-world');
  cpSync(join(ROOT, 'examples', 'acme'), project, { recursive: true });
  const file = join(project, 'pilot.config.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace("allowFrom: ['203.0.113.0/24']", "allowFrom: ['0.0.0.0/0']"));
  const r = await runCli(['compile'], project);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /pilot\.config\.ts:\d+:\d+ +server\.allowFrom\.0 .*whole internet .*\[PILOT3009\]/);
  assert.ok(existsSync(join(project, '.pilot', 'build', 'manifest.json')));
});

test('--help shows examples, --version the version, an unknown command fails', async () => {
  const help = await runCli(['compile', '--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, /--no-color +Print no colors/);
  assert.not.match(help.stdout, /\(default: true\)/, 'no "--no-color (default: true)"');
  assert.match(help.stdout, /--check/);
  assert.match(help.stdout, /Examples:/);
  const version = await runCli(['--version']);
  assert.match(version.stdout, /^pilot\/\d+\.\d+\.\d+/);
  const unknown = await runCli(['deploy-everything']);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, /unknown command "deploy-everything"/);
});

test('no command\'s --help prints "(default: true)" for a --no-… flag', async () => {
  // The list comes from `pilot --help`, so a command added later is covered too.
  const top = await runCli(['--help']);
  const commands = [...top.stdout.matchAll(/^\s+\$ pilot (\S+) --help$/gm)].map((m) => m[1]);
  assert.ok(commands.includes('init') && commands.length >= 10, `commands: ${commands.join(', ')}`);
  assert.not.match(top.stdout, /\(default: true\)/, 'pilot --help');
  for (const name of commands) {
    const help = await runCli([name, '--help']);
    assert.is(help.code, 0, `${name} --help`);
    assert.not.match(help.stdout, /\(default: true\)/, `pilot ${name} --help:\n${help.stdout}`);
  }
  assert.match((await runCli(['init', '--help'])).stdout, /--no-ci +Do not write/);
});

test('pilot --help loads neither esbuild nor cdktf, nor the commands', () => {
  const trace = join(work, 'trace.txt');
  const cache = join(work, 'help-cache');
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/trace-register.mjs'), join(ROOT, 'bin/pilot.cjs'), '--help'], { env: { ...process.env, PILOT_TRACE_FILE: trace, XDG_CACHE_HOME: cache } });
  assert.is(r.status, 0, String(r.stderr));
  const loaded = readFileSync(trace, 'utf8').split('\n');
  assert.ok(loaded.some((s) => s.endsWith('/dist/cli.cjs')), 'the trace works');
  assert.not.ok(loaded.some((s) => /esbuild|cdktf|tsx/.test(s)), loaded.filter((s) => /esbuild|cdktf|tsx/.test(s)).join(', '));
  // dist/commands.cjs is compiled through the code cache, which is written after it ran.
  assert.not.ok(existsSync(cache), 'no code cache: dist/commands.cjs was never loaded');
});

test('compiling loads neither cdktf nor a provider binding (the shipped Terraform writer replaces them)', () => {
  const trace = join(work, 'trace-gcp.txt');
  const config = join(ROOT, 'examples', 'gcp-only', 'pilot.config.ts');
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test/helpers/trace-register.mjs'), join(ROOT, 'bin/pilot.cjs'), 'compile', '--config', config, '--out', join(work, 'gcp-trace')], { env: { ...process.env, PILOT_TRACE_FILE: trace } });
  assert.is(r.status, 0, String(r.stderr));
  const loaded = readFileSync(trace, 'utf8').split('\n');
  assert.ok(loaded.some((s) => s.includes('/node_modules/esbuild/')), 'the trace works (dist/commands.cjs requires esbuild)');
  assert.equal(loaded.filter((s) => /cdktf/.test(s)), []);
});

// dist/commands.cjs is compiled with V8's code cache (src/compiler/code-cache.ts): the cache must never
// change what pilot does, whatever state it is found in.
test('the code cache: written once per command, reused, and a damaged or unwritable one changes nothing', async () => {
  const cacheHome = join(work, 'xdg');
  const compile = (out: string, home = cacheHome) => runCli(['compile', '--config', ACME, '--out', join(work, out)], ROOT, { XDG_CACHE_HOME: home });
  const first = await compile('cc-1');
  assert.is(first.code, 0, first.stderr);
  const dir = join(cacheHome, 'pilot');
  const names = readdirSync(dir).sort();
  assert.equal(names.length, 2, names.join(', '));
  assert.match(names[0], /^commands-v8-v\d+\.\d+\.\d+-.+-compile\.bin$/);
  assert.match(names[1], /^esbuild-v8-v\d+\.\d+\.\d+-.+-api\.bin$/);
  const file = names[0];
  const made = readFileSync(join(dir, file));

  const second = await compile('cc-2');
  assert.is(second.code, 0, second.stderr);
  assert.ok(readFileSync(join(dir, file)).equals(made), 'an accepted cache is not rewritten');
  assert.equal(readTree(join(work, 'cc-2')), readTree(join(work, 'cc-1')));

  writeFileSync(join(dir, file), 'not a V8 code cache');
  const damaged = await compile('cc-3');
  assert.is(damaged.code, 0, damaged.stderr);
  assert.is(damaged.stderr, first.stderr);
  assert.equal(readTree(join(work, 'cc-3')), readTree(join(work, 'cc-1')));
  assert.ok(readFileSync(join(dir, file)).length > 1000, 'the rejected cache is made again');

  const notADir = join(work, 'xdg-file');
  writeFileSync(notADir, '');
  const unwritable = await compile('cc-4', notADir);
  assert.is(unwritable.code, 0, unwritable.stderr);
  assert.equal(readTree(join(work, 'cc-4')), readTree(join(work, 'cc-1')));

  // A relative XDG_CACHE_HOME is ignored (XDG Base Directory specification): never a cache inside the project.
  const project = join(work, 'relative-xdg');
  mkdirSync(project);
  const relative = await runCli(['compile', '--config', ACME, '--out', join(work, 'cc-5')], project, { XDG_CACHE_HOME: 'cache', HOME: join(work, 'home') });
  assert.is(relative.code, 0, relative.stderr);
  assert.equal(readdirSync(project), []);
  assert.ok(readdirSync(join(work, 'home', '.cache', 'pilot')).length > 0, 'the default under HOME instead');
});

test('the code cache is keyed by the content of dist/commands.cjs, which V8 itself checks only by length', () => {
  // The fact: a cache made for one script is accepted for another of the same length, and runs the
  // first one's code (V8 src/snapshot/code-serializer.cc, SerializedCodeData::SourceHash: the length
  // and a module flag).
  const made = new vm.Script('(() => "AAAA")()', { filename: 'x.js' });
  made.runInThisContext();
  const other = new vm.Script('(() => "BBBB")()', { filename: 'x.js', cachedData: made.createCachedData() });
  assert.is(other.cachedDataRejected, false);
  assert.is(other.runInThisContext(), 'AAAA');
  // So the build names the cache after the hash of what it built.
  const commands = readFileSync(join(ROOT, 'dist', 'commands.cjs'), 'utf8');
  const key = createHash('sha256').update(commands).digest('hex').slice(0, 16);
  assert.ok(readFileSync(join(ROOT, 'dist', 'cli.cjs'), 'utf8').includes(`"commands", "${key}"`), 'dist/cli.cjs loads dist/commands.cjs under the hash of what was built');
});

test('a failed write leaves the previous output untouched and no temp directory', () => {
  const out = join(work, 'atomic');
  writeArtifacts(out, [{ path: 'a.txt', contents: 'old' }]);
  assert.throws(() => writeArtifacts(out, [{ path: 'x', contents: '1' }, { path: 'x/y', contents: '2' }]));
  assert.equal(readTree(out), { 'a.txt': 'old' });
  assert.equal(readdirSync(work).filter((n) => n.startsWith('atomic.')), []);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
