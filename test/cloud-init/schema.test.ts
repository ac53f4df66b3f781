// The rendered documents against the real `cloud-init schema`, plus our unknown-top-level-key check.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderCloudInit } from '../../src/backends/cloud-init/render.ts';
import { EXAMPLES, exampleModel, modelOf } from '../helpers/model.ts';
import { awsOnly, gcpOnly } from './fixtures.ts';
import { cloudInitSchema, knownTopLevelKeys, unknownTopLevelKeys, validateCloudConfig } from './validator.ts';

const schema = suite('cloud-init schema');
let dir = '';
schema.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pilot-cloud-init-schema-'));
});
schema.after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

for (const name of EXAMPLES) {
  schema(`the ${name} example passes cloud-init's validator and uses only known keys`, async () => {
    const result = validateCloudConfig(write(`${name}.yaml`, renderCloudInit(await exampleModel(name))));
    assert.ok(result.ok, result.problems.join('\n'));
  });
}

schema('the AWS-only and GCP-only documents pass too', () => {
  for (const [name, config] of [['aws', awsOnly()], ['gcp', gcpOnly()]] as const) {
    const result = validateCloudConfig(write(`${name}.yaml`, renderCloudInit(modelOf(config))));
    assert.ok(result.ok, result.problems.join('\n'));
  }
});

schema('an unknown top-level key fails our check although cloud-init schema accepts it', () => {
  const file = write('typo.yaml', `${renderCloudInit(modelOf(awsOnly()))}packagez:\n  - htop\n`);
  assert.ok(cloudInitSchema(file).ok, 'cloud-init schema is expected to let unknown keys pass');
  assert.equal(unknownTopLevelKeys(`#cloud-config\npackagez: [htop]\nruncmd: []\n`), ['packagez']);
  const result = validateCloudConfig(file);
  assert.not.ok(result.ok);
  assert.match(result.problems.join('\n'), 'unknown top-level keys: packagez');
});

schema('a document with wrong types fails cloud-init schema itself', () => {
  const bad = ['#cloud-config', 'packages: docker.io', 'write_files:', '  - path: /etc/x', '    permissions: 644', '    encoding: rot13', '    content: hi', 'runcmd: "systemctl enable docker"', ''].join('\n');
  const result = cloudInitSchema(write('bad.yaml', bad));
  assert.not.ok(result.ok, result.output);
});

schema('the known keys come from the installed schema', () => {
  const keys = knownTopLevelKeys();
  for (const key of ['users', 'write_files', 'runcmd', 'packages', 'package_update', 'ssh_pwauth', 'disable_root']) assert.ok(keys.has(key), key);
  assert.not.ok(keys.has('packagez'));
});

schema.run();
