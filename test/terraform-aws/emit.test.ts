// The AWS half of terraform/main.tf.json, checked without running Terraform: snapshots, outputs
// matching the waypoint bindings, names that never collide, escaping, state backends, IAM policy.
import { test } from 'uvu';
import { renderCloudInit } from '../../src/backends/cloud-init/render.ts';
import { escapeTemplate } from '../../src/compiler/canonical.ts';
import * as assert from 'uvu/assert';
import { allBindings } from '../../src/compiler/bindings.ts';
import { CODES } from '../../src/compiler/diagnostics.ts';
import { UNSCOPED_ACTIONS } from '../../src/backends/terraform/aws/policy.ts';
import { assertGolden } from '../helpers/golden.ts';
import { exampleModel, modelOf } from '../helpers/model.ts';
import { CLOUD_CONFIG, emitDefault, emitWithUserData, fullAwsConfig, fullAwsModel, runnerPolicy, type TfJson } from './_fixtures.ts';

const resources = (json: TfJson) => Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ type, name, body })));
/** Outputs that are not bindings: for people, not for waypoint.hcl. */
const isPersonOutput = (name: string) => ['server_address', 'waypoint_url', 'server_ami', 'server_ami_latest', 'database_endpoint', 'database_port', 'database_secret_arn'].includes(name) || /_(registry_url|site_url)$/.test(name);

test('the acme artifact matches its snapshot', async () => {
  const out = emitDefault(await exampleModel('acme'));
  assert.is(out.path, 'terraform/main.tf.json');
  assert.equal(out.diagnostics, []);
  assertGolden('acme/terraform/main.tf.json', out.text);
});

test('emitting twice gives the same bytes', () => {
  assert.is(emitDefault(fullAwsModel()).text, emitDefault(fullAwsModel()).text);
});

test('the provider is hashicorp/aws pinned to 5.100.0, configured for the region with no keys', async () => {
  const { json } = emitDefault(await exampleModel('acme'));
  assert.equal(json.terraform.required_providers?.aws, { source: 'hashicorp/aws', version: '5.100.0' });
  assert.equal(json.provider?.aws, [{ region: 'us-east-1', default_tags: [{ tags: { pilot: 'acme' } }] }]);
});

test('with the AMI and zones pinned no data source is read; by default only Debian\'s AMI parameter and the zones', async () => {
  assert.is(emitDefault(fullAwsModel()).json.data, undefined);
  const data = emitDefault(await exampleModel('acme')).json.data as Record<string, unknown>;
  assert.equal(Object.keys(data).filter((k) => k.startsWith('aws_')).sort(), ['aws_availability_zones', 'aws_ssm_parameter']);
});

test('no cdktf metadata, absolute path or version leaks into the artifact', () => {
  const { text, json } = emitDefault(fullAwsModel());
  assert.equal((json as Record<string, unknown>)['//'], { generated_by: 'pilot' });
  assert.not.match(text, /"\/\/": \{\s*"metadata"/);
  assert.not.match(text, /\/tmp\/|\/home\/|\/root\/|cdktf/);
});

test('every AWS binding of waypoint.hcl has an output of the same name, and no binding-like output is extra', async () => {
  for (const model of [fullAwsModel(), modelOf({ ...fullAwsConfig(), database: undefined })]) {
    const outputs = Object.keys(emitDefault(model).json.output ?? {});
    const bindingNames = allBindings(model).map((b) => b.name).sort();
    // The database's endpoint and secret ARN are for people and, when ECS apps use the database, bindings too.
    assert.equal(outputs.filter((o) => !isPersonOutput(o) || bindingNames.includes(o)).sort(), bindingNames);
  }
  const acme = await exampleModel('acme');
  const outputs = new Set(Object.keys(emitDefault(acme).json.output ?? {}));
  const awsBindings = allBindings(acme).filter((b) => !b.name.startsWith('gcp_') && !b.name.endsWith('_url_map'));
  for (const b of awsBindings) assert.ok(outputs.has(b.name), `output ${b.name} is missing`);
  assert.ok(outputs.has('acme_invoices_registry_url') && outputs.has('acme_web_site_url') && outputs.has('database_secret_arn'));
});

test('ECS apps run in the public subnets and get their own security group and execution role', () => {
  const { json } = emitDefault(fullAwsModel());
  assert.equal(json.output?.aws_app_subnet_ids.value, ['${aws_subnet.public_a.id}', '${aws_subnet.public_b.id}']);
  assert.is(json.output?.shop_api_security_group_id.value, '${aws_security_group.shop_api_tasks.id}');
  assert.is(json.output?.shop_api_execution_role_name.value, '${aws_iam_role.shop_api_execution.name}');
  assert.is(json.output?.shop_worker_role_arn.value, '${aws_iam_role.shop_worker_lambda.arn}');
  assert.is(json.resource?.aws_cloudwatch_log_group.shop_api.name, '/pilot/full--shop--api');
  assert.equal(Object.keys(json.resource?.aws_ecs_cluster ?? {}).sort(), ['ops', 'shop']);
  assert.is(json.resource?.aws_ecs_cluster.shop.name, 'full--shop');
});

test('two Pilots with different names create no cloud resource name in common', () => {
  const names = (json: TfJson) => {
    const out = new Set<string>();
    for (const { type, body } of resources(json)) {
      for (const key of ['name', 'identifier', 'bucket_prefix', 'key_name', 'final_snapshot_identifier']) {
        // Route tables, subnets and similar have no name; rule descriptions are not names.
        if (typeof body[key] === 'string' && !(body[key] as string).startsWith('${')) out.add(`${type}:${body[key]}`);
      }
      const tags = body.tags as Record<string, string> | undefined;
      if (tags?.Name) out.add(`${type}:tag:${tags.Name}`);
    }
    return out;
  };
  const a = names(emitDefault(fullAwsModel('alpha')).json);
  const b = names(emitDefault(fullAwsModel('beta')).json);
  assert.ok(a.size > 20, `expected many names, got ${a.size}`);
  assert.equal([...a].filter((n) => b.has(n)), []);
});

test('Pilot "a" + project "b-c" and Pilot "a-b" + project "c" share no name, and their runners no ARN', () => {
  const pilot = (name: string, project: string) => {
    const cfg = fullAwsConfig(name);
    return emitDefault(modelOf({ ...cfg, state: { backend: 'local' }, projects: { [project]: cfg.projects!.shop } })).json;
  };
  const one = pilot('a', 'b-c');
  const two = pilot('a-b', 'c');
  const named = (json: TfJson) => new Set(resources(json).flatMap(({ type, body }) => (typeof body.name === 'string' ? [`${type}:${body.name}`] : [])));
  const shared = [...named(one)].filter((n) => named(two).has(n));
  assert.equal(shared, []);
  // The runner's policy names what Waypoint creates (ALB, task family, target groups, functions): none is in both.
  const arns = (json: TfJson) => new Set(JSON.stringify([json.resource?.aws_iam_policy, json.resource?.aws_iam_role_policy]).match(/(?:loadbalancer|targetgroup|task-definition|function)[^"\\]*/g) ?? []);
  assert.ok(arns(one).size >= 4, [...arns(one)].join(' '));
  assert.equal([...arns(one)].filter((a) => arns(two).has(a)), []);
});

test('two apps whose names normalise to one Terraform address are reported, not merged', () => {
  const cfg = fullAwsConfig();
  const model = modelOf({
    ...cfg,
    projects: {
      'a-b': { repository: { url: 'https://github.com/x/y.git' }, apps: { c: { build: { kind: 'docker' }, deploy: { kind: 'ecs' } } } },
      a: { repository: { url: 'https://github.com/x/z.git' }, apps: { 'b-c': { build: { kind: 'docker' }, deploy: { kind: 'ecs' } } } },
    },
  });
  const { diagnostics } = emitDefault(model);
  assert.ok(diagnostics.length > 0);
  assert.ok(diagnostics.every((d) => d.code === CODES.DUPLICATE_NAME && d.severity === 'error'));
  assert.ok(diagnostics.some((d) => d.path === 'projects.a.apps.b-c' || d.path === 'projects.a-b.apps.c'));
});

test('user-supplied strings with ${ or %{ are escaped, literal user data included', () => {
  const { json } = emitWithUserData(fullAwsModel());
  const server = json.resource!.aws_instance.server;
  assert.is(server.user_data, CLOUD_CONFIG.replace('${HOME}', () => '$${HOME}').replace('%{if}', () => '%%{if}'));
  assert.is(server.user_data_replace_on_change, false);
  assert.match(json.resource!.aws_key_pair.server.public_key as string, / ops \$\$\{USER\}@%%\{host\}$/);
});

test('the server boots with the cloud-init artifact, escaped for Terraform', async () => {
  const model = await exampleModel('acme');
  const { json } = emitDefault(model);
  assert.is(json.resource!.aws_instance.server.user_data, escapeTemplate(renderCloudInit(model)));
});

test('the state backend is explicit: local relative path, S3 with a lock file, GCS', async () => {
  assert.equal(emitDefault(await exampleModel('acme')).json.terraform.backend, { local: { path: 'terraform.tfstate' } });
  assert.equal(emitDefault(fullAwsModel()).json.terraform.backend, {
    s3: { bucket: 'full-tf-state', key: 'pilot/full/terraform.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
  });
  assert.equal(emitDefault(await exampleModel('gcp-only')).json.terraform.backend.gcs?.bucket !== undefined, true);
});

test('a config with nothing on AWS declares no AWS provider and no AWS resource', async () => {
  const { json } = emitDefault(await exampleModel('gcp-only'));
  assert.is(json.provider?.aws, undefined);
  assert.equal(resources(json).filter((r) => r.type.startsWith('aws_')), []);
});

test('the runner policy names every action in full and uses Resource "*" only for unscopable actions', async () => {
  for (const model of [fullAwsModel(), await exampleModel('acme')]) {
    const statements = runnerPolicy(emitDefault(model).json);
    assert.ok(statements.length > 5);
    for (const s of statements) {
      for (const action of s.Action) assert.not.ok(action.includes('*'), `${s.Sid}: wildcard action ${action}`);
      if (s.Resource.includes('*') && s.Effect === 'Allow') {
        for (const action of s.Action) assert.ok(UNSCOPED_ACTIONS.has(action) && /^(ecr:GetAuthorizationToken|ec2:Describe|elasticloadbalancing:Describe|ecs:(Describe|List|Register|Deregister)TaskDefinition|ecs:ListTasks)/.test(action), `${s.Sid}: ${action} on "*"`);
      }
    }
    const all = statements.flatMap((s) => s.Action);
    for (const needed of ['ecr:PutImage', 'iam:PassRole', 'ecs:CreateService', 's3:PutObject', 'cloudfront:CreateInvalidation']) assert.ok(all.includes(needed), `${needed} missing`);
  }
  const full = runnerPolicy(emitDefault(fullAwsModel()).json).flatMap((s) => s.Action);
  assert.ok(full.includes('lambda:UpdateFunctionCode'));
});

test.run();
