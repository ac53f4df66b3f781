// Real Terraform on the emitted artifact: validate with zero diagnostics, then an offline plan
// (dummy keys added by the test, network cut off when possible), asserting on `show -json`.
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allBindings } from '../../src/compiler/bindings.ts';
import type { Model } from '../../src/compiler/model.ts';
import { runTerraform, type TfResourceChange, type TfRun } from '../helpers/terraform.ts';
import { exampleModel } from '../helpers/model.ts';
import { renderCloudInit } from '../../src/backends/cloud-init/render.ts';
import { stableStringify } from '../../src/compiler/canonical.ts';
import { CLOUD_CONFIG, emitDefault, emitWithUserData, fullAwsModel, withoutGoogle } from './_fixtures.ts';

type After = Record<string, unknown>;
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const ofType = (run: TfRun, type: string): TfResourceChange[] => run.plan.resource_changes.filter((r) => r.type === type);
const after = (run: TfRun, address: string): After => {
  const rc = run.plan.resource_changes.find((r) => r.address === address);
  if (!rc) throw new Error(`no ${address} in the plan`);
  return rc.change.after ?? {};
};
const first = (v: unknown) => (v as After[])[0];

function checkValidAndCreatesOnly(run: TfRun, expectedCreates: number): void {
  assert.equal(run.validate.diagnostics, []);
  assert.is(run.validate.error_count, 0);
  assert.is(run.validate.warning_count, 0);
  assert.match(run.planText, new RegExp(`Plan: ${expectedCreates} to add, 0 to change, 0 to destroy`));
  // Data sources (the AMI parameter, the zones) are read, deferred to apply offline.
  for (const rc of run.plan.resource_changes) assert.equal(rc.change.actions, [rc.address.startsWith('data.') ? 'read' : 'create'], rc.address);
}

/** Security properties every AWS plan must have. */
function checkSecurity(run: TfRun, model: Model): void {
  if (model.server.cloud !== 'aws') throw new Error('AWS server expected');
  const ingress = ofType(run, 'aws_vpc_security_group_ingress_rule').map((r) => ({ address: r.address, ...r.change.after }) as After & { address: string });
  // Nothing anywhere is open to the world, and the Docker API port never appears.
  for (const rule of ingress) {
    assert.is.not(rule.cidr_ipv4, '0.0.0.0/0', rule.address);
    assert.is.not(rule.cidr_ipv6, '::/0', rule.address);
    assert.ok(rule.from_port !== 2375 && rule.to_port !== 2375, rule.address);
  }
  assert.is(ofType(run, 'aws_security_group').flatMap((r) => (r.change.after?.ingress as unknown[]) ?? []).length, 0, 'no inline ingress rules');
  // The server: SSH and Waypoint ports, each from exactly allowFrom.
  const server = ingress.filter((r) => r.address.includes('.server_'));
  const seen = server.map((r) => `${r.from_port}-${r.to_port} ${r.cidr_ipv4 ?? r.cidr_ipv6}`).sort();
  const want = [22, 9701, 9702].flatMap((p) => model.server.allowFrom.map((c) => `${p}-${p} ${c}`)).sort();
  assert.equal(seen, want);
  // IMDSv2 only, encrypted root volume of the configured size.
  const instance = after(run, 'aws_instance.server');
  assert.is(first(instance.metadata_options).http_tokens, 'required');
  assert.is(first(instance.root_block_device).encrypted, true);
  assert.is(first(instance.root_block_device).volume_size, model.server.diskGb);
  // No IAM users or static keys.
  assert.is(ofType(run, 'aws_iam_user').length + ofType(run, 'aws_iam_access_key').length, 0);
  // The database: private, managed password, encrypted, reachable only from security groups.
  if (model.database?.cloud === 'aws') {
    const db = after(run, 'aws_db_instance.database');
    assert.is(db.publicly_accessible, false);
    assert.is(db.manage_master_user_password, true);
    assert.is(db.storage_encrypted, true);
    assert.is(db.password ?? null, null);
    assert.is(db.backup_retention_period, model.database.backupRetentionDays);
    assert.is(db.deletion_protection, model.database.deletionProtection);
    assert.is(db.skip_final_snapshot, !model.database.finalSnapshot);
    const dbRules = ingress.filter((r) => r.address.includes('.database_from_'));
    assert.ok(dbRules.length >= 1);
    for (const r of dbRules) {
      assert.is(r.from_port, 5432);
      assert.is(r.cidr_ipv4 ?? null, null);
      assert.is(r.cidr_ipv6 ?? null, null);
    }
  }
  // Static sites: private, encrypted buckets behind HTTPS-only distributions.
  for (const pab of ofType(run, 'aws_s3_bucket_public_access_block')) {
    for (const k of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) assert.is(pab.change.after?.[k], true);
  }
  assert.is(ofType(run, 'aws_s3_bucket_public_access_block').length, ofType(run, 'aws_s3_bucket').length);
  assert.is(ofType(run, 'aws_s3_bucket_server_side_encryption_configuration').length, ofType(run, 'aws_s3_bucket').length);
  for (const cdn of ofType(run, 'aws_cloudfront_distribution')) assert.is(first(cdn.change.after?.default_cache_behavior).viewer_protocol_policy, 'redirect-to-https');
  // No secret value: no password attribute is set, and the plan holds no secret reference's value.
  assert.not.match(run.planJsonText, /"(master_)?password":\s*"[^"]/);
  // Every binding is an output of the plan.
  const outputs = Object.keys(run.plan.configuration.root_module.outputs ?? {});
  for (const b of allBindings(model).filter((b) => !b.name.startsWith('gcp_') && !b.name.endsWith('_url_map'))) assert.ok(outputs.includes(b.name), b.name);
}

test('examples/acme: validates and plans offline with the expected resources and security properties', async () => {
  const model = await exampleModel('acme');
  // As compiled, minus the Google half (no Google provider binary exists here; test/terraform-gcp checks it).
  const run = runTerraform({ 'terraform/main.tf.json': stableStringify(withoutGoogle(emitDefault(model).json)) });
  // network 18 (with the default security group and 4 flow-log resources), server 16 (network interface,
  // one runner policy + attachment, 3 for disk snapshots), registry 2, ECS app + cluster 7 (+ its certificate), site 7, database 6,
  // app secret + its grant 2
  checkValidAndCreatesOnly(run, 59);
  checkSecurity(run, model);
  assert.is(after(run, 'aws_instance.server').user_data, sha1(renderCloudInit(model)));
  // The AMI and the zones come from data sources read at apply (deferred offline): nothing is "resolve:ssm:".
  const unknown = (address: string) => run.plan.resource_changes.find((r) => r.address === address)!.change.after_unknown;
  assert.is(unknown('aws_instance.server').ami, true);
  assert.is(unknown('aws_subnet.public_a').availability_zone, true);
  assert.is(ofType(run, 'aws_ecr_repository').length, 1);
  assert.is(ofType(run, 'aws_db_instance').length, 1);
  assert.is(ofType(run, 'aws_cloudfront_distribution').length, 1);
  const cdn = after(run, 'aws_cloudfront_distribution.acme_web');
  assert.equal((cdn.custom_error_response as After[]).map((e) => [e.error_code, e.response_code, e.response_page_path]), [[403, 200, '/index.html'], [404, 200, '/index.html']]);
  assert.is(first(cdn.viewer_certificate).cloudfront_default_certificate, true);
});

test('every AWS option: validates and plans offline, and the plan shows each option', () => {
  const model = fullAwsModel();
  const run = runTerraform({ 'terraform/main.tf.json': emitWithUserData(model).text });
  // network 14 (default security group, no flow logs), server 19 (2 allowFrom ranges x 3 ports, network interface,
  // one runner policy + attachment, 3 for disk snapshots), 3 registries 6, 2 ECS apps + clusters 14, lambda 2,
  // 2 sites 15 (the multi-page one with its index function), database 7,
  // 1 app secret + 2 execution-role grants (both ECS apps use the database) 3
  checkValidAndCreatesOnly(run, 80);
  checkSecurity(run, model);
  // Literal ${ and %{ in user data and the SSH key reach AWS unchanged (the plan shows user data's SHA-1).
  assert.is(after(run, 'aws_instance.server').user_data, sha1(CLOUD_CONFIG));
  assert.match(after(run, 'aws_key_pair.server').public_key as string, / ops \$\{USER\}@%\{host\}$/);
  const instance = after(run, 'aws_instance.server');
  assert.is(instance.ami, 'ami-0123456789abcdef0');
  assert.is(instance.instance_type, 't3.large');
  assert.is(instance.disable_api_termination, false);
  assert.equal(first(after(run, 'aws_dlm_lifecycle_policy.server').policy_details).target_tags, { 'pilot-snapshots': 'full-pilot' });
  assert.equal(ofType(run, 'aws_flow_log'), []);
  assert.equal(ofType(run, 'aws_subnet').map((s) => s.change.after?.availability_zone).sort(), ['eu-west-1b', 'eu-west-1b', 'eu-west-1c', 'eu-west-1c']);
  assert.is(after(run, 'aws_ecr_repository.shop_api').image_tag_mutability, 'IMMUTABLE');
  assert.is(first(after(run, 'aws_ecr_repository.shop_api').image_scanning_configuration).scan_on_push, true);
  assert.is(after(run, 'aws_ecr_repository.shop_worker').image_tag_mutability, 'MUTABLE');
  const db = after(run, 'aws_db_instance.database');
  assert.equal([db.engine_version, db.instance_class, db.allocated_storage, db.db_name, db.username], ['17', 'db.t4g.micro', 40, 'shop', 'shopadmin']);
  assert.is(db.allow_major_version_upgrade, true);
  assert.is(db.apply_immediately, true);
  const site = after(run, 'aws_cloudfront_distribution.shop_site');
  assert.equal(site.aliases, ['www.example.com']);
  assert.equal(first(site.viewer_certificate).ssl_support_method, 'sni-only');
  assert.is(site.price_class, 'PriceClass_All');
  assert.equal(after(run, 'aws_cloudfront_distribution.shop_docs').custom_error_response, []);
  assert.equal((first(after(run, 'aws_cloudfront_distribution.shop_docs').default_cache_behavior).function_association as After[]).map((f) => f.event_type), ['viewer-request']);
  assert.is(after(run, 'aws_cloudfront_function.shop_docs').runtime, 'cloudfront-js-2.0');
  assert.is(ofType(run, 'aws_ecs_cluster').length, 2);
  assert.equal(ofType(run, 'aws_vpc_security_group_ingress_rule').filter((r) => r.address.includes('database_from_')).map((r) => r.address).sort(), [
    'aws_vpc_security_group_ingress_rule.database_from_ops_admin',
    'aws_vpc_security_group_ingress_rule.database_from_server',
    'aws_vpc_security_group_ingress_rule.database_from_shop_api',
  ]);
});

test.run();
