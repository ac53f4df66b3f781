import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allBindings } from '../../src/compiler/bindings.ts';
import { escapeTemplate, stableStringify } from '../../src/compiler/canonical.ts';
import { renderCloudInit } from '../../src/backends/cloud-init/render.ts';
import type { TerraformJson } from '../../src/backends/terraform/stack.ts';
import { CODES } from '../../src/compiler/diagnostics.ts';
import { allApps } from '../../src/compiler/model.ts';
import { terraformEmitter } from '../helpers/terraform-emitter.ts';
import { assertGolden } from '../helpers/golden.ts';
import { exampleModel, modelOf } from '../helpers/model.ts';
import { emitGcp, EVERY_GCP_OPTION, outputs, resources } from './emit-gcp.ts';

const out = suite('GCP Terraform outputs and behaviour');

/** Bindings the GCP emitter owns: everything Cloud Run and Cloud CDN apps need. */
const gcpBindings = (model: ReturnType<typeof modelOf>) =>
  allBindings(model).filter((b) => b.name.startsWith('gcp_') || allApps(model).some((a) => a.deploy.kind === 'cloudCdn' && b.name.startsWith(`${a.id}_`)));

out('declares an output for every GCP binding the waypoint.hcl declares', async () => {
  for (const model of [await exampleModel('gcp-only'), await exampleModel('acme'), modelOf(EVERY_GCP_OPTION)]) {
    const names = Object.keys(outputs(emitGcp(model).json));
    for (const b of gcpBindings(model)) assert.ok(names.includes(b.name), `${model.name}: missing output ${b.name}`);
  }
  const names = gcpBindings(await exampleModel('gcp-only')).map((b) => b.name);
  assert.equal(names, ['gcp_shop_run_service_account', 'gcp_sql_connection_name', 'gcp_vpc_connector', 'shop_storefront_bucket', 'shop_storefront_url_map']);
});

out('outputs the server, Waypoint, database and registry addresses', async () => {
  const o = outputs(emitGcp(await exampleModel('gcp-only')).json);
  assert.is(o.server_address.value, '${google_compute_address.pilot_server.address}');
  assert.is(o.waypoint_url.value, 'https://${google_compute_address.pilot_server.address}:9702');
  assert.is(o.database_private_address.value, '${google_sql_database_instance.pilot.private_ip_address}');
  assert.is(o.gcp_sql_connection_name.value, '${google_sql_database_instance.pilot.connection_name}');
  assert.is(o.gcp_vpc_connector.value, '${google_vpc_access_connector.pilot.id}');
  assert.is(o.shop_api_registry_url.value, 'europe-west1-docker.pkg.dev/birch-platform/birch-shop/api');
  assert.is(o.shop_storefront_site_url.value, 'https://shop.birch.example');
});

out('a site without a domain is plain HTTP, with a warning; with one, HTTP redirects to HTTPS', () => {
  const { json, diagnostics } = emitGcp(modelOf(EVERY_GCP_OPTION));
  assert.equal(
    diagnostics.map((d) => [d.severity, d.code, d.path]),
    [['warning', CODES.PLAIN_HTTP_SITE, 'projects.shop.apps.preview.deploy']],
  );
  const rules = resources(json, 'google_compute_global_forwarding_rule');
  assert.equal(Object.keys(rules).sort(), ['shop_preview_http', 'shop_site_http', 'shop_site_https']);
  assert.is(rules.shop_preview_http.target, '${google_compute_target_http_proxy.shop_preview.id}');
  assert.equal(resources(json, 'google_compute_url_map').shop_site_redirect.default_url_redirect, {
    https_redirect: true,
    redirect_response_code: 'MOVED_PERMANENTLY_DEFAULT',
    strip_query: false,
  });
  assert.equal(resources(json, 'google_compute_managed_ssl_certificate').shop_site.managed, { domains: ['shop.every.example'] });
  assert.equal(Object.keys(resources(json, 'google_compute_managed_ssl_certificate')), ['shop_site']);
});

out('enables each API a feature needs, never disabling it on destroy', async () => {
  const services = (json: object) => Object.values(resources(json as never, 'google_project_service'));
  const acme = services(emitGcp(await exampleModel('acme')).json);
  // Cloud Run alone needs no compute API: its apps no longer run as the Compute Engine default account.
  assert.equal(acme.map((s) => s.service), [
    'artifactregistry.googleapis.com', 'cloudresourcemanager.googleapis.com', 'iam.googleapis.com',
    'iamcredentials.googleapis.com', 'run.googleapis.com', 'sts.googleapis.com',
  ]);
  const gcpOnly = services(emitGcp(await exampleModel('gcp-only')).json);
  for (const api of ['sqladmin.googleapis.com', 'servicenetworking.googleapis.com', 'vpcaccess.googleapis.com']) assert.ok(gcpOnly.some((s) => s.service === api), api);
  assert.not.ok(gcpOnly.some((s) => s.service === 'sts.googleapis.com'));
  for (const s of [...acme, ...gcpOnly]) assert.is(s.disable_on_destroy, false);
});

out('pins the google provider and stores state in GCS when asked', async () => {
  const json = JSON.parse(terraformEmitter.emit(modelOf(EVERY_GCP_OPTION)).artifacts[0].contents) as TerraformJson;
  const terraform = json.terraform as Record<string, Record<string, unknown>>;
  assert.equal(terraform.required_providers.google, { source: 'hashicorp/google', version: '6.50.0' });
  assert.equal(terraform.backend, { gcs: { bucket: 'every-tf-state', prefix: 'infra/pilot' } });
  assert.equal(json.provider, { google: [{ project: 'every-prod', region: 'us-east4' }] });
  const acme = JSON.parse(terraformEmitter.emit(await exampleModel('acme')).artifacts[0].contents).terraform as Record<string, unknown>;
  assert.equal(acme.backend, { local: { path: 'terraform.tfstate' } });
});

out('a config without GCP adds nothing', () => {
  const model = modelOf({ name: 'solo', server: { cloud: 'aws', region: 'us-east-1', sshKey: 'ssh-ed25519 AAAA', allowFrom: ['203.0.113.0/24'] } });
  const { json } = emitGcp(model);
  assert.equal(Object.keys(json), ['//']);
});

out('the GCP server boots with the cloud-init artifact and the startup script that installs cloud-init', async () => {
  const model = await exampleModel('gcp-only');
  const { artifacts, diagnostics } = terraformEmitter.emit(model);
  assert.equal(diagnostics.filter((d) => d.severity === 'error'), []);
  const json = JSON.parse(artifacts[0].contents) as TerraformJson;
  const metadata = resources(json, 'google_compute_instance').pilot_server.metadata as Record<string, string>;
  assert.is(metadata['user-data'], escapeTemplate(renderCloudInit(model)));
  assert.match(metadata['startup-script'], /apt-get install -y --no-install-recommends cloud-init/);
});

out('output is byte-for-byte deterministic', async () => {
  const model = await exampleModel('gcp-only');
  assert.is(stableStringify(emitGcp(model).json), stableStringify(emitGcp(model).json));
});

out.run();
