// The waypoint.hcl variables and the Terraform outputs that bind them at apply time are two ends of
// one contract: every variable any project declares must be a Terraform output of the same name.
import { parse } from '@cdktf/hcl2json';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileConfig } from '../src/compiler/compile.ts';
import type { ConfigInput } from '../src/dsl/schema/config.ts';
import { everyOption } from './fixtures/every-option.ts';
import { EXAMPLES, exampleModel } from './helpers/model.ts';
import { EVERY_GCP_OPTION } from './terraform-gcp/emit-gcp.ts';
import { fullAwsConfig } from './terraform-aws/_fixtures.ts';
import { loadConfig } from '../src/compiler/load.ts';
import { ROOT } from './helpers/golden.ts';
import { examplePath } from './helpers/model.ts';

async function variablesAndOutputs(raw: unknown) {
  const result = await compileConfig(raw, { file: 'pilot.config.ts', text: '' });
  assert.equal(result.diagnostics.filter((d) => d.severity === 'error'), []);
  const tf = JSON.parse(result.artifacts.find((a) => a.path === 'terraform/main.tf.json')!.contents) as { output?: Record<string, unknown> };
  const variables = new Set<string>();
  for (const a of result.artifacts.filter((x) => x.path.startsWith('waypoint/'))) {
    const hcl = (await parse(a.path, a.contents)) as { variable?: Record<string, unknown> };
    for (const name of Object.keys(hcl.variable ?? {})) variables.add(name);
  }
  return { variables: [...variables].sort(), outputs: new Set(Object.keys(tf.output ?? {})) };
}

const configs: Array<[string, () => Promise<unknown>]> = [
  ...EXAMPLES.map((name): [string, () => Promise<unknown>] => [`examples/${name}`, async () => (await loadConfig({ cwd: ROOT, configPath: examplePath(name), command: 'test' })).raw]),
  ['every option', async () => everyOption],
  ['every AWS option', async () => fullAwsConfig()],
  ['every GCP option', async () => EVERY_GCP_OPTION as ConfigInput],
];

for (const [label, raw] of configs) {
  test(`${label}: every waypoint.hcl variable is a Terraform output of the same name`, async () => {
    const { variables, outputs } = await variablesAndOutputs(await raw());
    assert.ok(variables.length > 0, 'declares variables');
    assert.equal(variables.filter((v) => !outputs.has(v)), [], 'variables without an output');
  });
}

test('the examples declare the variables their apps need', async () => {
  const model = await exampleModel('acme');
  assert.ok(model.projects[0].apps.some((a) => a.deploy.kind === 'ecs'));
});

test.run();
