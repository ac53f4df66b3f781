// Issue 11's AWS hardening (terraform-review T-24, T-26): HTTPS for ECS apps with a domain and a
// warning for plain-HTTP ones, pinned on the emitted artifacts; a real offline `terraform plan` shows
// the certificate and the CIS resources (apply-facts.test.ts pins those on the artifact).
import { parse } from '@cdktf/hcl2json';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waypointEmitter } from '../../src/backends/waypoint/emit.ts';
import { allBindings } from '../../src/compiler/bindings.ts';
import { CODES } from '../../src/compiler/diagnostics.ts';
import type { Model } from '../../src/compiler/model.ts';
import { waypointAppName } from '../../src/compiler/names.ts';
import { checkConfig } from '../../src/compiler/semantic.ts';
import { configSchema, type ConfigInput } from '../../src/dsl/schema/config.ts';
import { exampleModel, modelOf } from '../helpers/model.ts';
import { runTerraform } from '../helpers/terraform.ts';
import { emitDefault, emitWithUserData, fullAwsConfig, runnerPolicy, type TfJson } from './_fixtures.ts';

type Body = Record<string, unknown>;
type Json = Record<string, any>;
const resources = (json: TfJson, type: string): Record<string, Body> => json.resource?.[type] ?? {};
const one = (x: unknown): Json => (Array.isArray(x) ? x[0] : x) as Json;

/** The every-AWS-option config with a domain on shop/api (ops/admin stays plain HTTP). */
function withDomain(flowLogs?: boolean): ConfigInput {
  const c = fullAwsConfig() as Json;
  c.projects.shop.apps.api.deploy.domain = 'api.example.com';
  if (flowLogs !== undefined) c.clouds.aws.flowLogs = flowLogs;
  return c as ConfigInput;
}

async function ecsAlb(model: Model, project: string, app: string): Promise<Json> {
  const artifact = waypointEmitter.emit(model).artifacts.find((a) => a.path === `waypoint/${project}.hcl`)!;
  const json = (await parse(artifact.path, artifact.contents)) as Json;
  // App blocks are labelled with the app's Waypoint name (names.ts).
  const label = waypointAppName(model, model.projects.find((p) => p.name === project)!.apps.find((a) => a.name === app)!);
  return { alb: one(one(one(one(json.app[label]).deploy).use)['aws-ecs']).alb, variables: Object.keys(json.variable ?? {}) };
}

test('T-24: an ECS app with a domain gets a DNS-validated ACM certificate, bound to aws-ecs as alb.certificate', async () => {
  const model = modelOf(withDomain());
  const { json } = emitDefault(model);
  const cert = resources(json, 'aws_acm_certificate').shop_api;
  assert.equal([cert.domain_name, cert.validation_method], ['api.example.com', 'DNS']);
  // A listener's certificate cannot be deleted while in use: its replacement comes first.
  assert.equal(cert.lifecycle, { create_before_destroy: true });
  assert.equal(Object.keys(resources(json, 'aws_acm_certificate')), ['shop_api'], 'no certificate for the app without a domain');
  // The ARN is a binding (same name on both sides) and the validation records are an output.
  assert.ok(allBindings(model).some((b) => b.name === 'shop_api_certificate_arn'));
  assert.is(json.output!.shop_api_certificate_arn.value, '${aws_acm_certificate.shop_api.arn}');
  assert.match(String(json.output!.shop_api_certificate_validation.value), /aws_acm_certificate\.shop_api\.domain_validation_options/);
  // Waypoint: with alb.certificate its listener is HTTPS on 443 (ecs/platform.go:378); zone_id and
  // domain_name stay unset, since Waypoint would need Route 53 rights for them.
  const shop = await ecsAlb(model, 'shop', 'api');
  assert.equal(one(shop.alb).certificate, '${var.shop_api_certificate_arn}');
  assert.is(one(shop.alb).zone_id, undefined);
  assert.ok(shop.variables.includes('shop_api_certificate_arn'));
  const ops = await ecsAlb(model, 'ops', 'admin');
  assert.is(one(ops.alb).certificate, undefined);
  assert.not.ok(ops.variables.some((v: string) => v.endsWith('_certificate_arn')));
});

test('T-24: a plain-HTTP ECS app is a warning that names the risk, on its deploy path', () => {
  const diagnostics = checkConfig(configSchema.parse(withDomain()));
  const plain = diagnostics.filter((d) => d.code === CODES.PLAIN_HTTP_APP);
  assert.equal(plain.map((d) => [d.severity, d.path]), [['warning', 'projects.ops.apps.admin.deploy']]);
  assert.match(plain[0].message, /plain HTTP on port 80/);
  assert.match(plain[0].message, /read and change/);
  assert.match(plain[0].hint!, /domain:/);
});

test('examples/acme: its ECS app is served over HTTPS on invoices.acme.example', async () => {
  const model = await exampleModel('acme');
  const { json } = emitDefault(model);
  assert.is(resources(json, 'aws_acm_certificate').acme_invoices.domain_name, 'invoices.acme.example');
  assert.equal(one((await ecsAlb(model, 'acme', 'invoices')).alb).certificate, '${var.acme_invoices_certificate_arn}');
});

test('T-23: ecs:DeregisterTaskDefinition stays on Resource "*" (AWS defines no resource type for it), with no condition', () => {
  const statements = runnerPolicy(emitDefault(modelOf(withDomain())).json).filter((s) => s.Action.includes('ecs:DeregisterTaskDefinition'));
  assert.is(statements.length, 1);
  assert.equal([statements[0].Effect, statements[0].Resource, statements[0].Condition], ['Allow', ['*'], undefined]);
});

test('terraform validate and offline plan accept the certificate and the CIS resources, and the plan shows them', () => {
  const run = runTerraform({ 'terraform/main.tf.json': emitWithUserData(modelOf(withDomain(true))).text });
  assert.equal(run.validate.diagnostics, []);
  const after = (address: string): Json => {
    const rc = run.plan.resource_changes.find((r) => r.address === address);
    if (!rc) throw new Error(`no ${address} in the plan`);
    return rc.change.after ?? {};
  };
  assert.is(after('aws_acm_certificate.shop_api').validation_method, 'DNS');
  assert.ok(Object.keys(run.plan.configuration.root_module.outputs ?? {}).includes('shop_api_certificate_validation'));
  // Empty rule sets in the plan (not "known after apply"): no rule survives adoption, and one added later is drift.
  assert.equal([after('aws_default_security_group.pilot').ingress, after('aws_default_security_group.pilot').egress], [[], []]);
  assert.equal(after('aws_db_parameter_group.database').parameter, [{ apply_method: 'immediate', name: 'rds.force_ssl', value: '1' }]);
  assert.is(after('aws_flow_log.pilot').traffic_type, 'ALL');
  // Removing an app deletes its ECR repository and site bucket with their content (rebuilt from git):
  // without these Terraform stops with RepositoryNotEmptyException / BucketNotEmpty (provider 5.100.0).
  const repos = run.plan.resource_changes.filter((r) => r.type === 'aws_ecr_repository');
  assert.ok(repos.length >= 2);
  for (const r of repos) assert.is(r.change.after?.force_delete, true, r.address);
  for (const site of ['aws_s3_bucket.shop_site', 'aws_s3_bucket.shop_docs']) assert.is(after(site).force_destroy, true, site);
});

test.run();
