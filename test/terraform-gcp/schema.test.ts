import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkGoogleTerraform, googleSchema } from '../helpers/google-schema.ts';
import { exampleModel, modelOf } from '../helpers/model.ts';
import { everyOption } from '../fixtures/every-option.ts';
import { emitGcp, EVERY_GCP_OPTION } from './emit-gcp.ts';

const show = (errors: unknown[]) => JSON.stringify(errors, null, 2);

const checker = suite('google schema checker');

const valid = {
  provider: { google: [{ project: 'p', region: 'us-central1' }] },
  resource: {
    google_compute_instance: {
      vm: { name: 'vm', machine_type: 'e2-medium', zone: 'us-central1-a', boot_disk: { initialize_params: { image: 'debian-cloud/debian-12' } }, network_interface: [{ network: 'default' }] },
    },
  },
};
const withInstance = (patch: Record<string, unknown>, drop: string[] = []) => {
  const vm: Record<string, unknown> = { ...valid.resource.google_compute_instance.vm, ...patch };
  for (const k of drop) delete vm[k];
  return { ...valid, resource: { google_compute_instance: { vm } } };
};

checker('accepts a valid instance', () => {
  assert.equal(checkGoogleTerraform(valid), []);
});

checker('reports an unknown argument', () => {
  const errors = checkGoogleTerraform(withInstance({ machine_typ: 'e2-medium' }));
  assert.equal(errors, [{ path: 'resource.google_compute_instance.vm', message: 'unsupported argument "machine_typ"' }]);
});

checker('reports a missing required argument and a missing required block', () => {
  const errors = checkGoogleTerraform(withInstance({}, ['machine_type', 'boot_disk']));
  assert.equal(errors.map((e) => e.message).sort(), ['missing required argument "machine_type"', 'missing required block "boot_disk"']);
});

checker('reports too many blocks, wrong types and unknown nested arguments', () => {
  const errors = checkGoogleTerraform(
    withInstance({ boot_disk: [{}, {}], allow_stopping_for_update: 'sometimes', tags: 'web', network_interface: [{ network: 'default', nat: true }] }),
  );
  const messages = errors.map((e) => `${e.path}: ${e.message}`);
  assert.ok(messages.includes('resource.google_compute_instance.vm.boot_disk: at most 1 block(s) allowed, got 2'), show(messages));
  assert.ok(messages.includes('resource.google_compute_instance.vm.allow_stopping_for_update: expected a bool, got "sometimes"'), show(messages));
  assert.ok(messages.includes('resource.google_compute_instance.vm.tags: expected a list, got "web"'), show(messages));
  assert.ok(messages.includes('resource.google_compute_instance.vm.network_interface[0]: unsupported argument "nat"'), show(messages));
});

checker('reports an unknown resource type and a bad provider argument', () => {
  const errors = checkGoogleTerraform({ provider: { google: [{ projekt: 'p' }] }, resource: { google_cloud_run_service_v3: { x: {} } } });
  assert.equal(errors.map((e) => e.message).sort(), ['unknown resource type', 'unsupported argument "projekt"']);
});

checker('accepts Terraform expressions for typed arguments', () => {
  assert.equal(checkGoogleTerraform(withInstance({ allow_stopping_for_update: '${var.stop}', tags: '${var.tags}' })), []);
});

checker('knows the provider version the emitter pins', () => {
  assert.is(googleSchema().version, '@cdktf/provider-google@16.12.1');
  assert.ok(googleSchema().resourceCount > 1000);
});

checker.run();

const emitted = suite('GCP Terraform against the provider schema');

emitted('examples/gcp-only has zero schema errors', async () => {
  const { json, diagnostics } = emitGcp(await exampleModel('gcp-only'));
  assert.equal(diagnostics, []);
  assert.equal(checkGoogleTerraform(json), [], 'schema errors');
});

emitted('the google part of examples/acme has zero schema errors', async () => {
  const { json } = emitGcp(await exampleModel('acme'));
  assert.ok(Object.keys(json.resource as object).length > 0);
  assert.equal(checkGoogleTerraform(json), []);
});

emitted('a config using every GCP option has zero schema errors', () => {
  const { json } = emitGcp(modelOf(EVERY_GCP_OPTION));
  const errors = checkGoogleTerraform(json);
  assert.equal(errors, [], show(errors));
});

emitted('the google part of test/fixtures/every-option.ts (AWS server federating to GCP) has zero schema errors', () => {
  const { json, diagnostics } = emitGcp(modelOf(everyOption));
  assert.equal(diagnostics, []);
  // The federation, Cloud Run and Cloud CDN pieces are all there to be checked.
  for (const type of ['google_iam_workload_identity_pool_provider', 'google_project_iam_custom_role', 'google_service_account', 'google_compute_backend_bucket'])
    assert.ok(Object.keys((json.resource as Record<string, object>)[type] ?? {}).length > 0, type);
  const errors = checkGoogleTerraform(json);
  assert.equal(errors, [], show(errors));
});

emitted.run();
