#!/usr/bin/env node
// Compile time of each example and of generated configs of 10 to 1,000 apps, through the real CLI,
// beside the process floor (`node -e ''`) and a plain cdktf synth of a few resources.
// Usage: npm run bench [-- --runs N]. Prints a table; writes bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const work = mkdtempSync(join(tmpdir(), 'pilot-bench-'));

spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

function generated(apps) {
  const lines = [];
  for (let i = 0; i < apps; i++) {
    const kind = i % 3;
    const deploy = kind === 0 ? `ecs({ port: 3000, memory: 1024 })` : kind === 1 ? `cloudRun({ port: 8080 })` : `cloudfront()`;
    const build = kind === 2 ? 'yarn()' : 'docker()';
    lines.push(`        a${i}: { path: 'apps/a${i}', build: ${build}, deploy: ${deploy}, env: { N: '${i}' } },`);
  }
  return `import { aws, cloudfront, cloudRun, defineConfig, docker, ecs, yarn } from '@pilot-framework/pilot';
export default defineConfig({
  name: 'bench',
  server: aws.server({ region: 'us-east-1', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz b@b', allowFrom: ['203.0.113.0/24'] }),
  clouds: { aws: { region: 'us-east-1' }, gcp: { project: 'bench-proj', region: 'us-central1' } },
  projects: {
    p: {
      repository: { url: 'https://github.com/bench/p.git' },
      apps: {
${lines.join('\n')}
      },
    },
  },
});
`;
}

function time(label, args, cwd = root) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(args[0], args.slice(1), { cwd, encoding: 'utf8' });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
  }
  ms.sort((a, b) => a - b);
  return { label, median: ms[Math.floor(ms.length / 2)], min: ms[0], max: ms[ms.length - 1] };
}

const cdktfSynth = join(work, 'cdktf-synth.mjs');
writeFileSync(cdktfSynth, `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
const { App, TerraformStack } = require('cdktf');
const { Vpc } = require('@cdktf/provider-aws/lib/vpc');
const { Instance } = require('@cdktf/provider-aws/lib/instance');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const app = new App({ outdir: ${JSON.stringify(join(work, 'cdktf.out'))} });
const s = new TerraformStack(app, 's');
new AwsProvider(s, 'aws', { region: 'us-east-1' });
const v = new Vpc(s, 'v', { cidrBlock: '10.0.0.0/16' });
new Instance(s, 'i', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro' });
new S3Bucket(s, 'b', { bucketPrefix: 'x' });
JSON.stringify(s.toTerraform());
`);

const rows = [time("node -e ''", [process.execPath, '-e', '']), time('cdktf synth (4 resources)', [process.execPath, cdktfSynth]), time('pilot --help', [process.execPath, join(root, 'bin/pilot.mjs'), '--help'])];
for (const ex of ['acme', 'gcp-only']) {
  rows.push(time(`compile examples/${ex}`, [process.execPath, join(root, 'bin/pilot.mjs'), 'compile', '--config', join(root, 'examples', ex, 'pilot.config.ts'), '--out', join(work, ex)]));
}
// plan against a matching record: record what the example compiles to (a saved plan's artifacts),
// then time `pilot plan`, which must answer "no changes" (exit 0).
{
  const dir = join(work, 'plan-acme');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pilot.config.ts'), readFileSync(join(root, 'examples', 'acme', 'pilot.config.ts')));
  const saved = spawnSync(process.execPath, [join(root, 'bin/pilot.mjs'), 'plan', '--out', join(dir, 'plan.json')], { cwd: dir, encoding: 'utf8' });
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
  rows.push(time('plan examples/acme (matching record)', [process.execPath, join(root, 'bin/pilot.mjs'), 'plan'], dir));
}

for (const n of [10, 100, 1000]) {
  const dir = join(work, `gen-${n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pilot.config.ts'), generated(n));
  rows.push(time(`compile ${n} apps`, [process.execPath, join(root, 'bin/pilot.mjs'), 'compile', '--out', join(dir, 'out')], dir));
}

console.log(`\n${runs} runs each, node ${process.version}\n`);
console.log('median ms    min ms    max ms  what');
for (const r of rows) console.log(`${r.median.toFixed(0).padStart(9)} ${r.min.toFixed(0).padStart(9)} ${r.max.toFixed(0).padStart(9)}  ${r.label}`);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify({ node: process.version, runs, rows }, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
