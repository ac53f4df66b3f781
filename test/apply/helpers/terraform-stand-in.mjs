#!/usr/bin/env node
// A scripted terraform for the cloud-touching calls only (no cloud here). `init`, `validate` and
// `plan` run the real terraform with the machine's local plugin directory when the configuration's
// providers are all there (STANDIN_REAL_TERRAFORM=1); otherwise init just succeeds. `apply` writes a
// state whose outputs are computed from main.tf.json's output blocks, `output -json` prints them in
// real terraform's format ({ name: { sensitive, type, value } }), `destroy` empties the state.
// STANDIN_FAIL_APPLY=<message>: `apply` prints the error and exits 1, changing nothing.
// Every invocation is appended to $STANDIN_LOG with its arguments and the environment it was given.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const cmd = args[0];
if (process.env.STANDIN_LOG) appendFileSync(process.env.STANDIN_LOG, `${JSON.stringify({ cmd, args, cwd: process.cwd(), env: process.env, time: Date.now() })}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const delay = Number(process.env.STANDIN_SLEEP_MS ?? 0);

const main = JSON.parse(readFileSync('main.tf.json', 'utf8'));
const resources = Object.entries(main.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));

function outputValue(name, value) {
  if (name === 'server_address') return { type: 'string', value: process.env.STANDIN_SERVER_ADDRESS ?? '127.0.0.1' };
  if (name === 'waypoint_url') return { type: 'string', value: `https://${process.env.STANDIN_SERVER_ADDRESS ?? '127.0.0.1'}:9702` };
  if (Array.isArray(value)) return { type: ['tuple', value.map(() => 'string')], value: value.map((_, i) => `subnet-standin${i}`) };
  if (/_arn$/.test(name)) return { type: 'string', value: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf` };
  if (name === 'gcp_wif_provider') return { type: 'string', value: 'projects/123456789/locations/global/workloadIdentityPools/acme-pilot/providers/acme-aws' };
  if (name === 'database_port') return { type: 'number', value: 5432 };
  if (typeof value === 'string' && value.includes('${')) return { type: 'string', value: `standin-${name.replace(/_/g, '-')}` };
  return { type: typeof value === 'number' ? 'number' : 'string', value };
}

if (cmd === 'version') {
  console.log('Terraform v1.11.0 (stand-in)');
} else if (cmd === 'init') {
  if (process.env.STANDIN_REAL_TERRAFORM === '1') {
    const r = spawnSync('terraform', [...args, `-plugin-dir=${process.env.STANDIN_PLUGIN_DIR}`], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  console.log('Initializing the backend...');
  console.log('Terraform has been successfully initialized!');
} else if (cmd === 'apply') {
  if (process.env.STANDIN_FAIL_APPLY) {
    // A failed apply, as the AWS provider reports one that timed out: nothing in the state changes.
    console.error(`Error: ${process.env.STANDIN_FAIL_APPLY}`);
    process.exit(1);
  }
  for (const r of resources.slice(0, 5)) {
    console.log(`${r}: Creating...`);
    await sleep(delay / 5);
  }
  const outputs = Object.fromEntries(Object.entries(main.output ?? {}).map(([k, o]) => [k, { ...outputValue(k, o.value), sensitive: o.sensitive === true }]));
  // A version-4 state as terraform writes it (real `terraform output -json` reads this file; the
  // runner test checks both print the same). Resources are not recorded: nothing was created.
  const prev = existsSync('terraform.tfstate') ? JSON.parse(readFileSync('terraform.tfstate', 'utf8')) : {};
  const state = { version: 4, terraform_version: '1.11.0', serial: (prev.serial ?? 0) + 1, lineage: prev.lineage ?? '6f1c2a4e-0000-4000-8000-standin00001', outputs: Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, { value: o.value, type: o.type, ...(o.sensitive ? { sensitive: true } : {}) }])), resources: [], check_results: null };
  writeFileSync('terraform.tfstate', JSON.stringify(state, null, 2));
  console.log(`Apply complete! Resources: ${resources.length} added, 0 changed, 0 destroyed.`);
} else if (cmd === 'output') {
  const state = existsSync('terraform.tfstate') ? JSON.parse(readFileSync('terraform.tfstate', 'utf8')) : { outputs: {} };
  const shown = Object.fromEntries(Object.entries(state.outputs).map(([k, o]) => [k, { sensitive: o.sensitive === true, type: o.type, value: o.value }]));
  process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
} else if (cmd === 'destroy') {
  for (const r of resources.slice(0, 5)) console.log(`${r}: Destroying...`);
  const prev = existsSync('terraform.tfstate') ? JSON.parse(readFileSync('terraform.tfstate', 'utf8')) : {};
  writeFileSync('terraform.tfstate', JSON.stringify({ version: 4, terraform_version: '1.11.0', serial: (prev.serial ?? 0) + 1, lineage: prev.lineage ?? '6f1c2a4e-0000-4000-8000-standin00001', outputs: {}, resources: [], check_results: null }, null, 2));
  console.log(`Destroy complete! Resources: ${resources.length} destroyed.`);
} else {
  const r = spawnSync('terraform', args, { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
