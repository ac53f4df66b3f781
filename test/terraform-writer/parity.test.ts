// The shipped CLI writes Terraform JSON without cdktf (scripts/terraform-writer-plugin.mjs maps
// `cdktf` and `@cdktf/provider-*` to src/backends/terraform/tf-json/). These tests hold its output
// byte-equal to real cdktf's for every config the other tests use, so the snapshots (made with
// cdktf) also prove the shipped path.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mixedConfig } from '../../bench/mixed-config.mjs';
import { loadConfig } from '../../src/compiler/load.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { terraformWriterPlugin } from '../../scripts/terraform-writer-plugin.mjs';
import { emitTerraform } from '../../src/backends/terraform/emit.ts';
import type { Model } from '../../src/compiler/model.ts';
import { fullAwsModel } from '../terraform-aws/_fixtures.ts';
import { EVERY_GCP_OPTION } from '../terraform-gcp/emit-gcp.ts';
import { everyOption } from '../fixtures/every-option.ts';
import { ROOT } from '../helpers/golden.ts';
import { EXAMPLES, exampleModel, modelOf } from '../helpers/model.ts';
import { ALL_CLOUDS } from '../helpers/terraform-emitter.ts';
import * as cdktf from 'cdktf';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
import { Instance } from '@cdktf/provider-aws/lib/instance/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { synthesizeStack } from '../../src/backends/terraform/stack.ts';

const USER_DATA = '#cloud-config\nwrite_files:\n  - path: /etc/pilot/x\n    content: "${HOME} %{if} $${kept}"\n';
type Cdktf = typeof import('cdktf');
type Writer = {
  emitTerraform: typeof emitTerraform;
  aws: typeof ALL_CLOUDS.aws;
  gcp: typeof ALL_CLOUDS.gcp;
  App: Cdktf['App'];
  TerraformStack: Cdktf['TerraformStack'];
  TerraformOutput: Cdktf['TerraformOutput'];
  AcmCertificate: typeof AcmCertificate;
  Instance: typeof Instance;
  SecurityGroup: typeof SecurityGroup;
};

async function shippedWriter(): Promise<Writer> {
  // Inside the project, so the bundle's external packages resolve from its node_modules.
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'pilot-writer-'));
  try {
    const outfile = join(dir, 'writer.mjs');
    await build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, 'test/helpers/terraform-writer-entry.ts')],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      logLevel: 'error',
      plugins: [terraformWriterPlugin],
    });
    return (await import(pathToFileURL(outfile).href)) as Writer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const test = suite('terraform writer parity');
let writer: Writer;
test.before(async () => {
  writer = await shippedWriter();
});

function assertSame(model: Model) {
  const real = emitTerraform(model, USER_DATA, ALL_CLOUDS);
  const shipped = writer.emitTerraform(model, USER_DATA, { aws: writer.aws, gcp: writer.gcp });
  assert.equal(shipped.diagnostics, real.diagnostics);
  assert.fixture(shipped.artifacts[0].contents, real.artifacts[0].contents);
}

test('the shipped bundle loads neither cdktf nor a provider binding', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-writer-'));
  try {
    const result = await build({ absWorkingDir: ROOT, entryPoints: [join(ROOT, 'test/helpers/terraform-writer-entry.ts')], outfile: join(dir, 'w.mjs'), bundle: true, format: 'esm', platform: 'node', packages: 'external', metafile: true, write: false, plugins: [terraformWriterPlugin] });
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    assert.equal(imports.filter((p) => p.startsWith('cdktf') || p.startsWith('@cdktf/')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const name of EXAMPLES) test(`examples/${name}: byte-equal to cdktf`, async () => assertSame(await exampleModel(name)));
test('every AWS option: byte-equal to cdktf', () => assertSame(fullAwsModel()));
test('every GCP option: byte-equal to cdktf', () => assertSame(modelOf(EVERY_GCP_OPTION)));
test('every option on both clouds: byte-equal to cdktf', () => assertSame(modelOf(everyOption)));
test("the benchmark's mixed 60-app config (every deploy kind, database, secrets): byte-equal to cdktf", async () => {
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'pilot-mixed-'));
  try {
    writeFileSync(join(dir, 'pilot.config.ts'), mixedConfig(60));
    const loaded = await loadConfig({ cwd: dir, configPath: join(dir, 'pilot.config.ts'), command: 'test' });
    assertSame(modelOf(loaded.raw as ConfigInput));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Builds one stack with real cdktf and with the writer from the same code, and compares the JSON. */
function assertSameStack(build: (lib: Pick<Writer, 'TerraformStack' | 'TerraformOutput' | 'AcmCertificate' | 'Instance' | 'SecurityGroup'>, stack: cdktf.TerraformStack) => void) {
  const real = synthesizeStack((stack) => build({ TerraformStack: cdktf.TerraformStack, TerraformOutput: cdktf.TerraformOutput, AcmCertificate, Instance, SecurityGroup }, stack));
  const stack = new writer.TerraformStack(new writer.App(), 'pilot');
  build(writer, stack);
  const shipped = JSON.parse(JSON.stringify(stack.toTerraform()));
  const strip = (v: unknown): unknown => (Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== '//').map(([k, x]) => [k, strip(x)])) : v);
  assert.equal(strip(shipped), strip(real));
}

test('inline attribute-as-block rules write unset fields as null, as cdktf does', () =>
  assertSameStack((lib, stack) => {
    new lib.SecurityGroup(stack, 'sg', { name: 'x', ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['10.0.0.0/8'] }], egress: [] });
  }));

test('nested references: single blocks, list items and set items (tolist) read as cdktf writes them', () =>
  assertSameStack((lib, stack) => {
    const cert = new lib.AcmCertificate(stack, 'cert', { domainName: 'example.com', validationMethod: 'DNS' });
    const vm = new lib.Instance(stack, 'vm', { ami: 'ami-1', instanceType: 't3.micro', rootBlockDevice: { volumeSize: 8, encrypted: true }, metadataOptions: {}, lifecycle: { ignoreChanges: ['ami'] }, dependsOn: [cert] });
    vm.overrideLogicalId('server');
    new lib.TerraformOutput(stack, 'record', { value: cert.domainValidationOptions.get(0).resourceRecordName });
    new lib.TerraformOutput(stack, 'volume', { value: vm.rootBlockDevice.volumeId });
    new lib.TerraformOutput(stack, 'ip', { value: `http://${vm.publicIp}:80`, description: vm.arn });
    new lib.TerraformOutput(stack, 'groups', { value: vm.vpcSecurityGroupIds });
    // Whole nested values: a set-backed list (tolist) and a single block.
    new lib.TerraformOutput(stack, 'validation', { value: cert.domainValidationOptions });
    new lib.TerraformOutput(stack, 'root', { value: vm.rootBlockDevice });
  }));

test('a reference inside an expression is written bare, elsewhere wrapped', async () => {
  const { TerraformStack, App, TerraformLocal, TerraformOutput } = (await import('../../src/backends/terraform/tf-json/elements.ts'));
  const stack = new TerraformStack(new App(), 's');
  const local = new TerraformLocal(stack, 'a', 'x');
  new TerraformOutput(stack, 'o', { value: `\${upper(${local.asString})}-${local.asString}-$\${lit}` });
  assert.equal((stack.toTerraform().output as Record<string, { value: string }>).o.value, '${upper(local.a)}-${local.a}-$${lit}');
});

test.run();
