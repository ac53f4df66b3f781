// The GCP fixes of issue 11 (review T-3, T-9, T-16, T-21, T-23, T-26, T-27), each as what a user of
// the emitted Terraform and waypoint.hcl would see.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderProject } from '../../src/backends/waypoint/emit.ts';
import { bindingsForProject } from '../../src/compiler/bindings.ts';
import { CODES } from '../../src/compiler/diagnostics.ts';
import { connectorRegionErrors, needsVpcConnector } from '../../src/compiler/database-access.ts';
import { gcpRunServiceAccountId } from '../../src/compiler/names.ts';
import { DATABASE_CLASSES } from '../../src/compiler/normalize.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { exampleModel, modelOf } from '../helpers/model.ts';
import { emitGcp, EVERY_GCP_OPTION, outputs, resources } from './emit-gcp.ts';

const t = suite('GCP hardening (issue 11)');

/** The every-option config without its Cloud Run apps: a database on GCP that nothing on Cloud Run uses. */
const shop = EVERY_GCP_OPTION.projects!.shop;
const NO_CLOUD_RUN: ConfigInput = { ...EVERY_GCP_OPTION, projects: { shop: { ...shop, apps: { site: shop.apps.site } } } };

t('T-3: each Cloud CDN backend gets a signed-URL key, and the cache-fill grant waits for it', () => {
  const { json } = emitGcp(modelOf(EVERY_GCP_OPTION));
  const keys = resources(json, 'google_compute_backend_bucket_signed_url_key');
  assert.equal(Object.keys(keys).sort(), ['shop_preview_cdn', 'shop_site_cdn']);
  const key = keys.shop_site_cdn;
  assert.is(key.backend_bucket, '${google_compute_backend_bucket.shop_site.name}');
  // Named like the site's other load-balancer parts (names.ts: `--` joins pilot, project and app).
  assert.is(key.name, 'every--shop--site-cdn-key');
  // 16 characters of a UUID chosen once at the first apply (ignore_changes), base64url-encoded.
  assert.match(String(key.key_value), /base64encode\(substr\(replace\(terraform_data\.shop_site_cdn_key\.output\.seed, "-", ""\), 0, 16\)\)/);
  const seed = resources(json, 'terraform_data').shop_site_cdn_key;
  assert.equal(seed, { input: { seed: '${uuid()}' }, lifecycle: { ignore_changes: ['input'] } });

  const grant = resources(json, 'google_storage_bucket_iam_member').shop_site_cdn;
  assert.is(grant.member, 'serviceAccount:service-${data.google_project.pilot.number}@cloud-cdn-fill.iam.gserviceaccount.com');
  assert.is(grant.role, 'roles/storage.objectViewer');
  assert.equal(grant.depends_on, ['google_compute_backend_bucket_signed_url_key.shop_site_cdn']);
  // Still private: only the CDN reads it.
  const text = JSON.stringify(json);
  assert.not.ok(text.includes('allUsers'), 'no public grant');
});

t('T-3: the site URL and every directory serve index.html; SPAs fall back to it, other sites to 404.html', () => {
  const buckets = resources(emitGcp(modelOf(EVERY_GCP_OPTION)).json, 'google_storage_bucket');
  assert.equal(buckets.shop_site.website, { main_page_suffix: 'index.html', not_found_page: 'index.html' });
  assert.equal(buckets.shop_preview.website, { main_page_suffix: 'index.html', not_found_page: '404.html' });
  const urlMap = resources(emitGcp(modelOf(EVERY_GCP_OPTION)).json, 'google_compute_url_map').shop_site;
  assert.is(urlMap.default_service, '${google_compute_backend_bucket.shop_site.id}');
});

t('T-16/T-27: the VPC connector exists only when a Cloud Run app uses the database', async () => {
  const gcpOnly = emitGcp(await exampleModel('gcp-only')).json;
  assert.equal(Object.keys(resources(gcpOnly, 'google_vpc_access_connector')), ['pilot']);
  assert.ok(outputs(gcpOnly).gcp_vpc_connector);

  const model = modelOf(NO_CLOUD_RUN);
  assert.is(needsVpcConnector(model), false);
  const { json } = emitGcp(model);
  assert.equal(resources(json, 'google_vpc_access_connector'), {});
  assert.is(outputs(json).gcp_vpc_connector, undefined);
  assert.not.ok(Object.values(resources(json, 'google_project_service')).some((s) => s.service === 'vpcaccess.googleapis.com'));
  assert.equal(Object.keys(resources(json, 'google_sql_database_instance')), ['pilot'], 'the database itself stays');
  assert.not.ok(bindingsForProject(model, model.projects[0]).some((b) => b.name === 'gcp_vpc_connector'));
});

t('T-16: a Cloud Run app on the database in another region than its connector is refused', () => {
  const config: ConfigInput = structuredClone(EVERY_GCP_OPTION);
  (config.projects!.tools.apps.cron.deploy as { region?: string }).region = 'europe-west1';
  const errors = connectorRegionErrors(modelOf(config));
  assert.equal(errors.map((e) => [e.code, e.path]), [[CODES.CONNECTOR_REGION_MISMATCH, 'projects.tools.apps.cron.deploy.region']]);
  assert.match(errors[0].message, /europe-west1.*us-east4/);
  assert.equal(connectorRegionErrors(modelOf(EVERY_GCP_OPTION)), []);
  // Without the database on GCP there is no connector, so any region is fine.
  const { database: _, ...noDb } = config;
  assert.equal(connectorRegionErrors(modelOf(noDb as ConfigInput)), []);
});

t('T-21: Cloud Run apps run as their project\'s own account, with Cloud SQL client only when they use the database', async () => {
  const { json } = emitGcp(modelOf(EVERY_GCP_OPTION));
  const accounts = resources(json, 'google_service_account');
  assert.equal(Object.keys(accounts).sort(), ['pilot_runner', 'shop_run', 'tools_run']);
  assert.is(accounts.shop_run.account_id, 'every--shop-run');
  const sql = Object.values(resources(json, 'google_project_iam_member')).filter((m) => m.role === 'roles/cloudsql.client');
  assert.equal(sql.map((m) => m.member).sort(), ['serviceAccount:${google_service_account.shop_run.email}', 'serviceAccount:${google_service_account.tools_run.email}']);
  assert.is(outputs(json).gcp_shop_run_service_account.value, '${google_service_account.shop_run.email}');
  // Nothing refers to the Compute Engine default service account any more (T-9a).
  assert.not.ok(JSON.stringify(json).includes('-compute@developer.gserviceaccount.com'));

  const acme = emitGcp(await exampleModel('acme')).json;
  assert.equal(Object.values(resources(acme, 'google_project_iam_member')).filter((m) => m.role === 'roles/cloudsql.client'), [], 'acme: database on AWS');
});

t('T-21: the Cloud Run deploy stanza names the runtime account through a Terraform output', async () => {
  const model = await exampleModel('gcp-only');
  const hcl = renderProject(model, model.projects[0]);
  assert.match(hcl, /service_account_name\s*=\s*var\.gcp_shop_run_service_account/);
  assert.match(hcl, /variable "gcp_shop_run_service_account"/);
});

t('runtime account IDs always fit Google\'s 30 characters and stay distinct', () => {
  const model = modelOf({ ...EVERY_GCP_OPTION, name: 'abcdefghijklmnop' });
  const a = gcpRunServiceAccountId(model, 'a-very-long-project-name');
  const b = gcpRunServiceAccountId(model, 'a-very-long-project-name-2');
  for (const id of [a, b]) assert.match(id, /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
  assert.is.not(a, b);
  assert.is(gcpRunServiceAccountId(model, 'api'), 'abcdefghijklmnop--api-run');
});

t('T-23: the runner holds one custom role with exactly what Waypoint and pilot-static call', async () => {
  const every = resources(emitGcp(modelOf(EVERY_GCP_OPTION)).json, 'google_project_iam_custom_role').pilot_runner;
  assert.equal(every.permissions, [
    'compute.globalOperations.get', 'compute.urlMaps.invalidateCache',
    'run.locations.list', 'run.revisions.delete', 'run.revisions.get', 'run.services.create', 'run.services.delete',
    'run.services.get', 'run.services.setIamPolicy', 'run.services.update',
    'vpcaccess.connectors.get', 'vpcaccess.connectors.use',
  ]);
  assert.is(every.role_id, 'pilot_every_runner_g2');
  // acme: Cloud Run without a GCP database, no Cloud CDN.
  const acme = resources(emitGcp(await exampleModel('acme')).json, 'google_project_iam_custom_role').pilot_runner;
  assert.ok((acme.permissions as string[]).every((p) => p.startsWith('run.')), JSON.stringify(acme.permissions));
  for (const model of [modelOf(EVERY_GCP_OPTION), await exampleModel('acme'), await exampleModel('gcp-only')]) {
    const text = JSON.stringify(emitGcp(model).json);
    assert.not.ok(/roles\/(run\.admin|compute\.loadBalancerAdmin|editor|owner)"/.test(text), model.name);
  }
});

t('T-9: the service networking connection waits for its API and the peering range', async () => {
  const peering = resources(emitGcp(await exampleModel('gcp-only')).json, 'google_service_networking_connection').pilot;
  assert.equal(peering.reserved_peering_ranges, ['${google_compute_global_address.pilot_sql_peering.name}']);
  assert.equal(peering.depends_on, ['google_compute_global_address.pilot_sql_peering', 'google_project_service.api_servicenetworking']);
});

t('T-26: subnet flow logs by default, off when asked', () => {
  const on = resources(emitGcp(modelOf(EVERY_GCP_OPTION)).json, 'google_compute_subnetwork').pilot_server;
  assert.equal(on.log_config, { aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' });
  const off = resources(emitGcp(modelOf({ ...EVERY_GCP_OPTION, clouds: { gcp: { ...EVERY_GCP_OPTION.clouds!.gcp!, flowLogs: false } } })).json, 'google_compute_subnetwork').pilot_server;
  assert.is(off.log_config, undefined);
});

t('T-26: Cloud SQL sets the CIS 6.2 logging flags', async () => {
  const settings = resources(emitGcp(await exampleModel('gcp-only')).json, 'google_sql_database_instance').pilot.settings as { database_flags: { name: string; value: string }[] };
  const flags = Object.fromEntries(settings.database_flags.map((f) => [f.name, f.value]));
  assert.equal(flags, {
    'cloudsql.iam_authentication': 'on',
    'cloudsql.enable_pgaudit': 'on',
    log_connections: 'on',
    log_disconnections: 'on',
    log_error_verbosity: 'default',
    log_min_duration_statement: '-1',
    log_min_error_statement: 'error',
    log_min_messages: 'warning',
    log_statement: 'ddl',
  });
});

t('T-26: the server is deletion-protected and its boot disk snapshotted daily', async () => {
  const { json } = emitGcp(await exampleModel('gcp-only'));
  assert.is(resources(json, 'google_compute_instance').pilot_server.deletion_protection, true);
  const policy = resources(json, 'google_compute_resource_policy').pilot_server;
  assert.equal(policy.snapshot_schedule_policy, {
    retention_policy: { max_retention_days: 14, on_source_disk_delete: 'KEEP_AUTO_SNAPSHOTS' },
    schedule: { daily_schedule: { days_in_cycle: 1, start_time: '03:00' } },
    snapshot_properties: { storage_locations: ['europe-west1'] },
  });
  const attachment = resources(json, 'google_compute_disk_resource_policy_attachment').pilot_server;
  assert.equal(attachment, { disk: '${basename(google_compute_instance.pilot_server.boot_disk[0].source)}', name: '${google_compute_resource_policy.pilot_server.name}', zone: 'europe-west1-b' });
});

t('server.deletionProtection and server.diskSnapshots are honoured on GCP (0 takes no snapshots)', () => {
  const server = (extra: object) => modelOf({ ...EVERY_GCP_OPTION, server: { ...EVERY_GCP_OPTION.server, ...extra } as typeof EVERY_GCP_OPTION.server });
  const off = emitGcp(server({ deletionProtection: false, diskSnapshots: 3 })).json;
  assert.is(resources(off, 'google_compute_instance').pilot_server.deletion_protection, false);
  assert.is((resources(off, 'google_compute_resource_policy').pilot_server.snapshot_schedule_policy as { retention_policy: { max_retention_days: number } }).retention_policy.max_retention_days, 3);
  const none = emitGcp(server({ deletionProtection: true, diskSnapshots: 0 })).json;
  assert.equal(resources(none, 'google_compute_resource_policy'), {});
  assert.equal(resources(none, 'google_compute_disk_resource_policy_attachment'), {});
  assert.is(resources(none, 'google_compute_instance').pilot_server.deletion_protection, true);
});

t('T-27: GCP sizes have the RAM the docs state (Cloud SQL minimum 3.75 GB), and disk growth has a ceiling', async () => {
  const mb = (tier: string) => Number(tier.split('-')[3]);
  assert.is(mb(DATABASE_CLASSES.gcp.small), 3840);
  assert.is(mb(DATABASE_CLASSES.gcp.medium), 4096);
  assert.is(mb(DATABASE_CLASSES.gcp.large), 8192);
  for (const tier of Object.values(DATABASE_CLASSES.gcp)) {
    const [, , cpu, ram] = tier.split('-').map(Number) as [number, number, number, number];
    assert.ok(ram % 256 === 0 && ram >= 3840 && ram / cpu >= 0.9 * 1024 && ram / cpu <= 6.5 * 1024, tier);
  }
  const db = resources(emitGcp(await exampleModel('gcp-only')).json, 'google_sql_database_instance').pilot;
  const settings = db.settings as Record<string, unknown>;
  assert.is(settings.tier, 'db-custom-2-4096', 'examples/gcp-only asks for medium');
  assert.is(settings.disk_autoresize, true);
  assert.is(settings.disk_autoresize_limit, 200);
});

t.run();
