import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allApps, type Model } from '../../src/compiler/model.ts';
import { exampleModel, modelOf } from '../helpers/model.ts';
import { everyOption } from '../fixtures/every-option.ts';
import { emitGcp, EVERY_GCP_OPTION, outputs, resources } from './emit-gcp.ts';

const security = suite('GCP Terraform security');
const models: [string, () => Promise<Model>][] = [
  ['gcp-only', () => exampleModel('gcp-only')],
  ['acme', () => exampleModel('acme')],
  ['every-gcp-option', async () => modelOf(EVERY_GCP_OPTION)],
  ['test/fixtures/every-option.ts', async () => modelOf(everyOption)],
];

security('firewall rules admit exactly allowFrom, to the server only, and never the Docker API', async () => {
  for (const model of [await exampleModel('gcp-only'), modelOf(EVERY_GCP_OPTION)]) {
    const rules = Object.values(resources(emitGcp(model).json, 'google_compute_firewall'));
    assert.is(rules.length, 2);
    const ports = rules.flatMap((r) => (r.allow as { ports: string[] }[]).flatMap((a) => a.ports)).sort();
    assert.equal(ports, ['22', '9701', '9702']);
    for (const rule of rules) {
      assert.equal(rule.source_ranges, model.server.allowFrom);
      assert.is(rule.direction, 'INGRESS');
      assert.equal(rule.target_tags, [`${model.name}-pilot`]);
    }
  }
});

security('no artifact opens 2375/2376 or the whole internet to the server', async () => {
  for (const [name, load] of models) {
    const text = JSON.stringify(emitGcp(await load()).json);
    assert.not.ok(/"237[56]"/.test(text), `${name} mentions a Docker API port`);
    assert.not.ok(text.includes('0.0.0.0/0'), `${name} opens 0.0.0.0/0`);
  }
});

security('Cloud SQL has a private IP only, backups and deletion protection as configured', async () => {
  const gcpOnly = Object.values(resources(emitGcp(await exampleModel('gcp-only')).json, 'google_sql_database_instance'));
  const every = Object.values(resources(emitGcp(modelOf(EVERY_GCP_OPTION)).json, 'google_sql_database_instance'));
  for (const [db, protect] of [[gcpOnly[0], true], [every[0], false]] as const) {
    const settings = db.settings as Record<string, Record<string, unknown>>;
    assert.is(settings.ip_configuration.ipv4_enabled, false);
    assert.ok(String(settings.ip_configuration.private_network).startsWith('${google_compute_network.'));
    assert.equal(settings.ip_configuration.authorized_networks, undefined);
    assert.is(settings.backup_configuration.enabled, true);
    assert.is(db.deletion_protection, protect);
    assert.is(settings.deletion_protection_enabled, protect);
    assert.ok((db.depends_on as string[]).includes('google_service_networking_connection.pilot'));
  }
});

security('no service-account key and no password literal anywhere', async () => {
  for (const [name, load] of models) {
    const { json } = emitGcp(await load());
    const text = JSON.stringify(json);
    assert.not.ok(text.includes('google_service_account_key'), name);
    assert.not.ok(/"(password|root_password)"/.test(text), `${name} has a password argument`);
    assert.not.ok(text.includes('random_password'), name);
    for (const user of Object.values(resources(json, 'google_sql_user'))) assert.is(user.password_wo, '${var.gcp_db_password}');
  }
  const variable = (emitGcp(await exampleModel('gcp-only')).json.variable as Record<string, Record<string, unknown>>).gcp_db_password;
  assert.equal({ ephemeral: variable.ephemeral, sensitive: variable.sensitive, default: variable.default }, { ephemeral: true, sensitive: true, default: undefined });
});

security('secret() references never reach the Terraform artifact', async () => {
  for (const [name, load] of models) {
    const model = await load();
    const text = JSON.stringify(emitGcp(model).json);
    for (const app of allApps(model))
      for (const env of app.env) if ('secret' in env) assert.not.ok(text.includes(env.secret), `${name}: ${env.secret} appears`);
  }
});

security('user-derived strings are escaped where Terraform would read a template', () => {
  const { json } = emitGcp(modelOf(EVERY_GCP_OPTION));
  const vm = Object.values(resources(json, 'google_compute_instance'))[0];
  const metadata = vm.metadata as Record<string, string>;
  assert.ok(metadata['ssh-keys'].endsWith('ops $${HOME} %%{if}'), metadata['ssh-keys']);
  assert.ok(metadata['user-data'].includes('deployed by $${USER} at %%{time}'), metadata['user-data']);
  assert.not.ok(/(^|[^$])\$\{(HOME|USER)/.test(JSON.stringify(json)));
});

security('the runner gets registry writer and bucket object admin per resource, one custom role only when needed', async () => {
  const acme = emitGcp(await exampleModel('acme')).json;
  const acmeRoles = Object.values(resources(acme, 'google_project_iam_member')).map((m) => m.role);
  assert.equal(acmeRoles, ['${google_project_iam_custom_role.pilot_runner.name}']);
  assert.equal(Object.keys(resources(acme, 'google_storage_bucket_iam_member')), []);

  const every = emitGcp(modelOf(EVERY_GCP_OPTION)).json;
  const runnerRoles = Object.values(resources(every, 'google_project_iam_member')).filter((m) => m.member === 'serviceAccount:${google_service_account.pilot_runner.email}');
  assert.equal(runnerRoles.map((m) => m.role), ['${google_project_iam_custom_role.pilot_runner.name}']);
  const writers = Object.values(resources(every, 'google_artifact_registry_repository_iam_member'));
  assert.equal(writers.map((w) => w.role), ['roles/artifactregistry.writer', 'roles/artifactregistry.writer']);
  const admins = Object.values(resources(every, 'google_storage_bucket_iam_member')).filter((m) => m.role === 'roles/storage.objectAdmin');
  assert.is(admins.length, 2);
  for (const m of [...writers, ...admins]) assert.is(m.member, 'serviceAccount:${google_service_account.pilot_runner.email}');
  // actAs on the two projects' runtime accounts, nothing else.
  const actAs = Object.values(resources(every, 'google_service_account_iam_member'));
  assert.equal(actAs.map((m) => [m.role, m.service_account_id]), [
    ['roles/iam.serviceAccountUser', '${google_service_account.shop_run.name}'],
    ['roles/iam.serviceAccountUser', '${google_service_account.tools_run.name}'],
  ]);
});

security('site buckets are private', () => {
  for (const bucket of Object.values(resources(emitGcp(modelOf(EVERY_GCP_OPTION)).json, 'google_storage_bucket'))) {
    assert.is(bucket.public_access_prevention, 'enforced');
    assert.is(bucket.uniform_bucket_level_access, true);
  }
});

security('a runner on AWS federates keylessly, trusting only the server role', async () => {
  const { json } = emitGcp(await exampleModel('acme'));
  const provider = Object.values(resources(json, 'google_iam_workload_identity_pool_provider'))[0];
  assert.is(provider.attribute_condition, "attribute.aws_role == 'arn:aws:sts::${element(split(\":\", aws_iam_role.server.arn), 4)}:assumed-role/acme-pilot-server'");
  const binding = resources(json, 'google_service_account_iam_member').pilot_runner_wif;
  assert.is(binding.role, 'roles/iam.workloadIdentityUser');
  assert.ok(String(binding.member).endsWith('/attribute.aws_role/arn:aws:sts::${element(split(\":\", aws_iam_role.server.arn), 4)}:assumed-role/acme-pilot-server'));
  assert.ok(outputs(json).gcp_wif_provider && outputs(json).gcp_runner_service_account);
});

security('a runner on a GCP server uses the VM account and no federation', async () => {
  const { json } = emitGcp(await exampleModel('gcp-only'));
  assert.equal(resources(json, 'google_iam_workload_identity_pool'), {});
  assert.is(outputs(json).gcp_wif_provider, undefined);
  const vm = resources(json, 'google_compute_instance').pilot_server;
  assert.equal(vm.service_account, { email: '${google_service_account.pilot_runner.email}', scopes: ['cloud-platform'] });
  assert.equal(vm.shielded_instance_config, { enable_integrity_monitoring: true, enable_secure_boot: true, enable_vtpm: true });
});

security.run();
