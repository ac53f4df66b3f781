#!/usr/bin/env node
// `npm run bench [-- --rounds N] [-- --no-cdktf]`: whole `pilot` processes as a user or CI job meets
// them, in interleaved rounds (every command once per round, the order rotating) after a warm-up,
// beside the floor `node -e ''` in the same rounds. Median, spread and peak RSS per command; the
// issue-12 targets printed as met / not met; bench/results.json written. Never part of `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdktfAppSource } from './cdktf-app.mjs';
import { mixedConfig } from './mixed-config.mjs';

// A path, not a URL's pathname: a checkout under a directory with a space would read %20.
const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const rounds = Number(arg('--rounds', 7));
const work = mkdtempSync(join(tmpdir(), 'pilot-bench-'));
const pilot = join(root, 'bin/pilot.cjs');
const node = process.execPath;

execFileSync(node, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

// Peak RSS of each node process: a preloaded module writes process.resourceUsage().maxRSS at exit.
const rssHook = join(work, 'rss.mjs');
writeFileSync(rssHook, `import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => appendFileSync(process.env.PILOT_BENCH_RSS, process.resourceUsage().maxRSS + '\\n'));\n`);

/** @type {{ label: string, args: string[], cwd?: string, env?: object, node?: boolean }[]} */
const commands = [];
const add = (label, args, extra = {}) => commands.push({ label, args, node: true, ...extra });

add("node -e ''", ['-e', '']);
add('pilot --help', [pilot, '--help']);
const acme = join(root, 'examples/acme/pilot.config.ts');
add('compile examples/acme', [pilot, 'compile', '--config', acme, '--out', join(work, 'acme')]);
add('validate examples/acme', [pilot, 'validate', '--config', acme]);
add('compile examples/gcp-only', [pilot, 'compile', '--config', join(root, 'examples/gcp-only/pilot.config.ts'), '--out', join(work, 'gcp-only')]);

const SIZES = [10, 100, 300, 1000, 3000];
for (const n of SIZES) {
  const dir = join(work, `mixed-${n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pilot.config.ts'), mixedConfig(n));
  add(`compile ${n} apps`, [pilot, 'compile', '--out', join(dir, 'out')], { cwd: dir });
}

// plan against a matching record: record what the example compiles to (a saved plan's artifacts),
// then time `pilot plan`, which must answer "no changes" (exit 0).
{
  const dir = join(work, 'plan-acme');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pilot.config.ts'), readFileSync(acme, 'utf8'));
  const saved = spawnSync(node, [pilot, 'plan', '--out', join(dir, 'plan.json')], { cwd: dir, encoding: 'utf8' });
  if (saved.status !== 2) throw new Error(`plan --out failed: ${saved.stderr}`);
  const record = join(dir, 'record.mjs');
  writeFileSync(record, `
import { readFileSync } from 'node:fs';
const { buildRecord, openStore, parseSavedPlan } = await import(${JSON.stringify(join(root, 'src/state/index.ts'))});
const saved = parseSavedPlan(readFileSync(${JSON.stringify(join(dir, 'plan.json'))}, 'utf8'), 'plan.json');
const store = await openStore({ backend: 'local' }, ${JSON.stringify(dir)});
await store.write(buildRecord({ previous: null, artifacts: saved.artifacts, configHash: saved.configHash, configPaths: saved.configPaths, pilotVersion: 'bench', appliedAt: new Date().toISOString(), appliedBy: { name: 'bench' }, newSalt: 'bench-salt-0123456789' }), null);
`);
  const wrote = spawnSync(join(root, 'node_modules/.bin/tsx'), [record], { encoding: 'utf8' });
  if (wrote.status !== 0) throw new Error(`recording failed: ${wrote.stderr}`);
  add('plan examples/acme (matching record)', [pilot, 'plan'], { cwd: dir });
}

// cdktf synth of a stack with exactly the resources pilot emits for examples/acme.
const cdktfCli = process.env.PILOT_BENCH_CDKTF_CLI ?? join(root, 'bench/.cache/cdktf-cli');
if (!process.argv.includes('--no-cdktf')) {
  if (!existsSync(join(cdktfCli, 'node_modules/.bin/cdktf'))) {
    console.error(`bench: installing cdktf-cli 0.21.0 into ${cdktfCli} (once)`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', cdktfCli, 'cdktf-cli@0.21.0'], { stdio: 'inherit' });
  }
  const app = join(work, 'cdktf-app');
  mkdirSync(app, { recursive: true });
  execFileSync(node, [pilot, 'compile', '--config', acme, '--out', join(work, 'acme')]);
  const tf = JSON.parse(readFileSync(join(work, 'acme/terraform/main.tf.json'), 'utf8'));
  writeFileSync(join(app, 'main.cjs'), `module.paths.unshift(${JSON.stringify(join(root, 'node_modules'))});\n${cdktfAppSource(tf)}`);
  writeFileSync(join(app, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `${node} main.cjs`, sendCrashReports: 'false', terraformProviders: [], context: {} }));
  writeFileSync(join(app, '.empty.tfrc'), '');
  const env = { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', CI: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', TF_CLI_CONFIG_FILE: join(app, '.empty.tfrc') };
  commands.push({ label: 'cdktf synth (same resources as examples/acme)', args: [join(cdktfCli, 'node_modules/.bin/cdktf'), 'synth'], cwd: app, env, node: false });
}

function runOnce(c) {
  const rssFile = join(work, 'rss.txt');
  rmSync(rssFile, { force: true });
  const env = { ...process.env, ...c.env, PILOT_BENCH_RSS: rssFile, NODE_OPTIONS: `--import=${rssHook}`, NO_COLOR: '1' };
  const [cmd, args] = c.node ? [node, c.args] : [c.args[0], c.args.slice(1)];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: c.cwd ?? root, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!(c.okCodes ?? [0]).includes(r.status)) throw new Error(`${c.label} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  // The largest process of the command (cdktf synth runs several).
  const rss = existsSync(rssFile) ? Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) : NaN;
  return { ms, rssMb: rss / 1024 };
}

const samples = new Map(commands.map((c) => [c.label, []]));
const started = Date.now();
for (let round = -1; round < rounds; round++) {
  const order = commands.map((_, i) => commands[(i + Math.max(round, 0)) % commands.length]);
  for (const c of order) {
    const s = runOnce(c);
    if (round >= 0) samples.get(c.label).push(s); // round -1 is the warm-up
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = commands.map((c) => {
  const xs = samples.get(c.label);
  const ms = xs.map((x) => x.ms);
  return { label: c.label, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), peakRssMb: Math.max(...xs.map((x) => x.rssMb)) };
});
const by = (label) => rows.find((r) => r.label === label);
const floor = by("node -e ''").medianMs;

// Installed size of the packed package with its production dependencies (npm's cache, offline).
function installedMb() {
  const packDir = join(work, 'pack');
  const project = join(work, 'install');
  mkdirSync(packDir, { recursive: true });
  mkdirSync(project, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  writeFileSync(join(project, 'package.json'), '{"name":"bench-install","private":true}');
  execFileSync('npm', ['install', '--offline', '--omit=dev', '--no-audit', '--no-fund', join(packDir, tarball)], { cwd: project, stdio: 'ignore' });
  const du = (p) => {
    const st = statSync(p);
    return st.isDirectory() ? readdirSync(p).reduce((a, f) => a + du(join(p, f)), 0) : st.size;
  };
  return du(join(project, 'node_modules')) / 1024 / 1024;
}
let installMb = NaN;
try {
  installMb = installedMb();
} catch (e) {
  console.error(`bench: could not measure the install size: ${e.message.split('\n')[0]}`);
}

const perApp = (n) => (by(`compile ${n} apps`).medianMs - by('compile 10 apps').medianMs) / (n - 10);
const targets = [
  ['compile examples/acme within 3x node', by('compile examples/acme').medianMs / floor, 3, 'x'],
  ['validate examples/acme within 3x node', by('validate examples/acme').medianMs / floor, 3, 'x'],
  ['pilot --help within 1.5x node', by('pilot --help').medianMs / floor, 1.5, 'x'],
  ['plan (matching record) within 3.5x node', by('plan examples/acme (matching record)').medianMs / floor, 3.5, 'x'],
  ['1,000 apps under 1 s', by('compile 1000 apps').medianMs / 1000, 1, 's'],
  ['1,000 apps under 250 MB', by('compile 1000 apps').peakRssMb, 250, 'MB'],
  ['per-app cost at 3,000 within 1.2x of 300', perApp(3000) / perApp(300), 1.2, 'x'],
  ...(by('cdktf synth (same resources as examples/acme)') ? [['at least 7x faster than cdktf synth', by('cdktf synth (same resources as examples/acme)').medianMs / by('compile examples/acme').medianMs, 7, 'x', 'min']] : []),
  ['installed package under 60 MB', installMb, 60, 'MB'],
].map(([what, value, limit, unit, kind]) => ({ what, value, limit, unit, met: kind === 'min' ? value >= limit : value <= limit }));

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
console.log(`\n${rounds} interleaved rounds after a warm-up, node ${process.version}, ${cpus().length} cores, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
console.log('median ms   min ms   max ms  x node  peak MB  what');
for (const r of rows) console.log(`${f(r.medianMs).padStart(9)} ${f(r.minMs).padStart(8)} ${f(r.maxMs).padStart(8)} ${f(r.medianMs / floor, 1).padStart(7)} ${f(r.peakRssMb).padStart(8)}  ${r.label}`);
console.log(`\ninstalled size (npm pack + npm install --omit=dev): ${f(installMb, 1)} MB\n`);
for (const t of targets) console.log(`${t.met ? 'met    ' : 'NOT MET'}  ${t.what}: ${f(t.value, 2)} ${t.unit} (limit ${t.limit})`);
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, rounds, rows, installMb, targets }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
