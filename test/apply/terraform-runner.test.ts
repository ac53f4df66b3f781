// The Terraform runner with the real terraform binary where it runs offline (init from the local
// plugin directory, output -json), and the scripted stand-in only for the cloud-touching apply.
// The stand-in's state is read back by real `terraform output -json`, proving its output format.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeTerraformFiles } from '../../src/apply/apply.ts';
import { compileProject } from '../../src/apply/context.ts';
import { findTerraform, terraformRunner } from '../../src/backends/terraform/runner.ts';
import { PilotError } from '../../src/compiler/diagnostics.ts';
import { OFFLINE_OVERRIDE, terraformPluginDir } from '../helpers/terraform.ts';
import { STAND_IN } from './helpers/world.ts';

const CONFIG = `import { aws, defineConfig, docker, ecs, secret } from '@pilot-framework/pilot';
export default defineConfig({
  name: 'runr',
  server: aws.server({ region: 'us-east-1', instanceType: 't3.medium', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops@runr', allowFrom: ['203.0.113.0/24'] }),
  clouds: { aws: { region: 'us-east-1' } },
  projects: { shop: { repository: { url: 'https://github.com/runr/shop.git' }, apps: { api: { build: docker(), deploy: ecs({ port: 3000 }), env: { KEY: secret('RUNR_KEY') } } } } },
});
`;

const dir = mkdtempSync(join(tmpdir(), 'pilot-runner-'));
writeFileSync(join(dir, 'pilot.config.ts'), CONFIG);
const compiled = await compileProject(join(dir, 'pilot.config.ts'), 'test');
const work = join(dir, 'tf');
writeTerraformFiles(work, compiled.artifacts);
// The offline provider override (dummy keys, local backend) sits beside main.tf.json, as plan --terraform allows.
writeFileSync(join(work, 'zz_offline_override.tf.json'), JSON.stringify(OFFLINE_OVERRIDE));
const real = findTerraform(undefined);

test('real terraform init from the local plugin directory, its lines streamed', async () => {
  const lines: string[] = [];
  await terraformRunner({ bin: real, cwd: work, initArgs: [`-plugin-dir=${terraformPluginDir()}`], onLine: (l) => lines.push(l) }).init();
  assert.ok(lines.some((l) => l.includes('Terraform has been successfully initialized')), lines.join('\n'));
});

test("the stand-in's apply writes a state real `terraform output -json` reads, in the same format the stand-in prints", async () => {
  const standIn = terraformRunner({ bin: STAND_IN, cwd: work });
  await standIn.apply();
  const fromReal = await terraformRunner({ bin: real, cwd: work }).output();
  const fromStandIn = await standIn.output();
  assert.equal(fromStandIn, fromReal);
  assert.equal(fromReal.aws_app_subnet_ids, { sensitive: false, type: ['tuple', ['string', 'string']], value: ['subnet-standin0', 'subnet-standin1'] });
  assert.is(fromReal.server_address.value, '127.0.0.1');
  assert.ok('secret_RUNR_KEY_arn' in fromReal, 'the ECS secret ARN is an output');
});

test('a failing terraform command becomes a coded diagnostic with its last lines', async () => {
  try {
    await terraformRunner({ bin: real, cwd: work, initArgs: ['-plugin-dir=/nonexistent-plugins'] }).init();
    assert.unreachable();
  } catch (e) {
    assert.instance(e, PilotError);
    const d = (e as PilotError).diagnostics[0];
    assert.is(d.code, 'PILOT4019');
    assert.match(d.message, /terraform init failed/);
    assert.ok(d.hint && d.hint.length > 20);
  }
});

test('terraform is found on PATH or refused clearly', () => {
  assert.throws(() => findTerraform(undefined, { PATH: '/nonexistent' }), /terraform is not on PATH/);
  assert.throws(() => findTerraform('./no-such-terraform', {}), /is not an executable file/);
  assert.is(findTerraform(STAND_IN), STAND_IN);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
