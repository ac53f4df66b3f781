// `pilot plan --terraform` with the real terraform and the machine's local AWS provider directory,
// network cut off (unshare -n) where the machine allows: Terraform's own plan is folded into the
// report, and a Terraform error is shown with the config path of the resource it names.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/golden.ts';
import { OFFLINE_OVERRIDE, terraformPluginDir } from '../helpers/terraform.ts';
import { base, BASE_ENV } from './_cases.ts';

const work = mkdtempSync(join(tmpdir(), 'pilot-plan-tf-'));
const offline = spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : [];

function pilot(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const [cmd, ...pre] = [...offline, process.execPath];
  return new Promise((resolve) => {
    const child = spawn(cmd, [...pre, join(ROOT, 'bin', 'pilot.cjs'), ...args], { cwd, env: { ...process.env, ...BASE_ENV, NO_COLOR: '1', TF_CLI_CONFIG_FILE: join(work, 'empty.tfrc'), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function setup(name: string, override: Record<string, unknown>) {
  const dir = join(work, name);
  const tfDir = join(dir, '.pilot', 'state', 'terraform');
  mkdirSync(tfDir, { recursive: true });
  const config = base() as any;
  delete config.database; // fewer resources: a faster plan, same code path
  writeFileSync(join(dir, 'pilot.config.ts'), `export default ${JSON.stringify(config)};\n`);
  // Dummy provider keys for an offline plan live in an override file the user's work dir may hold; pilot keeps it.
  writeFileSync(join(tfDir, 'zz_offline_override.tf.json'), JSON.stringify(override));
  return dir;
}

writeFileSync(join(work, 'empty.tfrc'), '');

test("plan --terraform folds Terraform's own plan in (offline, local plugin dir)", async () => {
  const dir = setup('ok', OFFLINE_OVERRIDE);
  const r = await pilot(['plan', '--terraform', '--terraform-plugin-dir', terraformPluginDir(), '--json'], dir);
  assert.is(r.code, 2, r.stderr);
  const plan = JSON.parse(r.stdout);
  const real = plan.terraform.resourceChanges as { address: string; actions: string[]; configPath: string }[];
  const staticCreates = (plan.resources as { address: string; action: string }[]).filter((x) => x.action === 'create').map((x) => x.address).sort();
  assert.equal(real.map((x) => x.address), staticCreates, "Terraform's resources are exactly the ones pilot's static plan creates");
  for (const x of real) assert.equal(x.actions, ['create'], x.address);
  assert.is(real.find((x) => x.address === 'aws_instance.server')?.configPath, 'server');
  const text = await pilot(['plan', '--terraform'], dir, { TF_PLUGIN_DIR: terraformPluginDir() }); // the plugin dir from the environment
  assert.match(text.stdout, /Terraform's own plan \(terraform plan\)\n[\s\S]*\n\s+create\s+aws_cloudwatch_log_group\.shop_api\s+projects\.shop\.apps\.api/);
});

test('a Terraform error names the config path of the resource, not a wall of text', async () => {
  const broken = { ...OFFLINE_OVERRIDE, resource: { aws_instance: { server: { tenancy: 'not-a-tenancy' } } } };
  const dir = setup('broken', broken);
  const r = await pilot(['plan', '--terraform', '--terraform-plugin-dir', terraformPluginDir()], dir);
  assert.is(r.code, 1, r.stdout);
  assert.match(r.stderr, /server\s+terraform plan: .*\(aws_instance\.server\)\s+\[PILOT4019\]/);
  assert.ok(r.stderr.split('\n').length < 20, `short: ${r.stderr}`);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
