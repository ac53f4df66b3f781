// The waypoint.hcl variables and what `pilot apply` sets them from are two ends of one contract:
// every variable any project declares is either a Terraform output of the same name, or a secret
// binding (a sensitive variable whose value apply reads from the environment) — never both.
import { parse } from '@cdktf/hcl2json';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileConfig } from '../src/compiler/compile.ts';
import { secretBindings } from '../src/compiler/secrets.ts';
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
  const sensitive = new Set<string>();
  for (const a of result.artifacts.filter((x) => x.path.startsWith('waypoint/'))) {
    const hcl = (await parse(a.path, a.contents)) as { variable?: Record<string, Array<{ sensitive?: boolean }>> };
    for (const [name, [body]] of Object.entries(hcl.variable ?? {})) {
      variables.add(name);
      if (body.sensitive) sensitive.add(name);
    }
  }
  const model = result.model!;
  const secretNames = new Set(model.projects.flatMap((p) => secretBindings(model, p).map((b) => b.name)));
  return { variables: [...variables].sort(), sensitive, secretNames, outputs: new Set(Object.keys(tf.output ?? {})) };
}

const configs: Array<[string, () => Promise<unknown>]> = [
  ...EXAMPLES.map((name): [string, () => Promise<unknown>] => [`examples/${name}`, async () => (await loadConfig({ cwd: ROOT, configPath: examplePath(name), command: 'test' })).raw]),
  ['every option', async () => everyOption],
  ['every AWS option', async () => fullAwsConfig()],
  ['every GCP option', async () => EVERY_GCP_OPTION as ConfigInput],
];

for (const [label, raw] of configs) {
  test(`${label}: every waypoint.hcl variable is a Terraform output of the same name or a sensitive secret binding`, async () => {
    const { variables, sensitive, secretNames, outputs } = await variablesAndOutputs(await raw());
    assert.ok(variables.length > 0, 'declares variables');
    assert.equal(variables.filter((v) => !outputs.has(v) && !secretNames.has(v)), [], 'variables apply cannot set');
    assert.equal(variables.filter((v) => outputs.has(v) && secretNames.has(v)), [], 'a secret binding must not also be a Terraform output');
    assert.equal([...sensitive].sort(), [...secretNames].sort(), 'exactly the secret bindings are sensitive');
  });
}

test('the examples declare the variables their apps need', async () => {
  const model = await exampleModel('acme');
  assert.ok(model.projects[0].apps.some((a) => a.deploy.kind === 'ecs'));
});

test.run();
