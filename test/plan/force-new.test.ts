// Every resource type pilot can emit has a ForceNew entry (so no change is ever reported as an
// in-place update by omission), found by compiling every example and the every-option configs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../src/compiler/load.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { diffResources } from '../../src/plan/terraform-diff.ts';
import { FORCE_NEW, forcingPaths } from '../../src/plan/force-new.ts';
import { everyOption } from '../fixtures/every-option.ts';
import { ROOT } from '../helpers/golden.ts';
import { EXAMPLES, examplePath } from '../helpers/model.ts';
import { EVERY_GCP_OPTION } from '../terraform-gcp/emit-gcp.ts';
import { compile } from './_cases.ts';

async function emittedTypes(): Promise<Set<string>> {
  const configs: ConfigInput[] = [everyOption, EVERY_GCP_OPTION];
  for (const ex of EXAMPLES) configs.push((await loadConfig({ cwd: ROOT, configPath: examplePath(ex), command: 'test' })).raw as ConfigInput);
  const types = new Set<string>();
  for (const c of configs) {
    const tf = (await compile(c)).artifacts.find((a) => a.path === 'terraform/main.tf.json');
    for (const t of Object.keys(JSON.parse(tf!.contents).resource ?? {})) types.add(t);
  }
  return types;
}

test('every resource type pilot emits has a ForceNew entry with its source', async () => {
  const types = await emittedTypes();
  assert.ok(types.size > 40, `found ${types.size} types`);
  const missing = [...types].filter((t) => !FORCE_NEW[t]).sort();
  assert.equal(missing, [], `add these to src/plan/force-new.ts (from the provider's source): ${missing.join(', ')}`);
  // Provider resources cite the provider's source; terraform_data is Terraform's own.
  for (const t of types) assert.match(FORCE_NEW[t].source, t === 'terraform_data' ? /^Terraform built-in terraform_data / : /^terraform-provider-(aws|google) /, t);
});

test('replacement follows the table: a ForceNew argument replaces, another updates, ignore_changes is ignored', () => {
  const doc = (body: Record<string, unknown>) => JSON.stringify({ resource: { aws_security_group: { server: body }, aws_instance: { server: { ami: 'ami-1', instance_type: 't3.small', lifecycle: { ignore_changes: ['ami'] } } } } });
  const before = doc({ name: 'a', description: 'x', tags: { A: '1' } });
  const renamed = diffResources(before, doc({ name: 'b', description: 'x', tags: { A: '1' } }), () => 'server');
  assert.equal(renamed.map((r) => [r.address, r.action, r.forcedBy]), [['aws_security_group.server', 'replace', ['name']]]);
  const retagged = diffResources(before, doc({ name: 'a', description: 'x', tags: { A: '2' } }), () => 'server');
  assert.equal(retagged.map((r) => [r.action, r.attributes]), [['update', ['tags']]]);
  const ami = JSON.stringify({ resource: { aws_instance: { server: { ami: 'ami-2', instance_type: 't3.small', lifecycle: { ignore_changes: ['ami'] } } } } });
  assert.equal(diffResources(doc({ name: 'a' }).replace('"a"', '"a"'), ami, () => 'server').filter((r) => r.type === 'aws_instance'), [], 'ami is in ignore_changes');
});

test('aws_instance user_data replaces only with user_data_replace_on_change', () => {
  assert.equal(forcingPaths('aws_instance', ['user_data'], { user_data_replace_on_change: false }), []);
  assert.equal(forcingPaths('aws_instance', ['user_data'], { user_data_replace_on_change: true }), ['user_data']);
  assert.equal(forcingPaths('aws_instance', ['root_block_device', 'root_block_device.volume_size'], {}), [], 'a bigger root volume is resized in place');
  assert.equal(forcingPaths('aws_instance', ['root_block_device', 'root_block_device.encrypted'], {}), ['root_block_device.encrypted']);
});

test.run();
