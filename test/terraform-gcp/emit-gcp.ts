// Test support: the GCP resource groups on a fresh stack, with a fixed cloud-init document (the real
// renderer lives in another emitter), plus small lookups into the resulting Terraform JSON.
import type { Diagnostic } from '../../src/compiler/diagnostics.ts';
import type { Model } from '../../src/compiler/model.ts';
import { addGcpResources } from '../../src/backends/terraform/gcp/index.ts';
import { Addresses } from '../../src/backends/terraform/ids.ts';
import { synthesizeStack, type TerraformJson } from '../../src/backends/terraform/stack.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';

/** Contains a `${` on purpose: it must reach the artifact escaped. */
export const TEST_USER_DATA = '#cloud-config\nwrite_files:\n  - path: /etc/pilot/motd\n    content: "deployed by ${USER} at %{time}"\n';

export function emitGcp(model: Model, userData: string = TEST_USER_DATA): { json: TerraformJson; diagnostics: Diagnostic[] } {
  const addresses = new Addresses();
  const json = synthesizeStack((stack) => addGcpResources({ stack, model, addresses }, { userData }));
  return { json, diagnostics: addresses.diagnostics };
}

type Body = Record<string, unknown>;
/** `resource.<type>` as a name -> body map (empty when absent). */
export const resources = (json: TerraformJson, type: string): Record<string, Body> =>
  ((json.resource as Record<string, Record<string, Body>> | undefined) ?? {})[type] ?? {};
export const outputs = (json: TerraformJson): Record<string, { value: unknown }> => (json.output as Record<string, { value: unknown }> | undefined) ?? {};

/** A config that uses every GCP option pilot has. */
export const EVERY_GCP_OPTION: ConfigInput = {
  name: 'every',
  server: {
    cloud: 'gcp',
    zone: 'us-east4-c',
    machineType: 'n2-standard-4',
    bootImage: 'ubuntu-os-cloud/ubuntu-2404-lts-amd64',
    diskGb: 100,
    sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7mYv3QdF6b7sQd9tB1uK4nC2e5hY8pL0wR6aM0sV2k ops ${HOME} %{if}',
    allowFrom: ['203.0.113.7/32', '198.51.100.0/24'],
    image: { repository: 'europe-docker.pkg.dev/every/pilot/runtime', tag: '0.1.0', digest: `sha256:${'ab'.repeat(32)}` },
    deletionProtection: false,
    diskSnapshots: 5,
  },
  clouds: { gcp: { project: 'every-prod', region: 'us-east4', flowLogs: true, poolGeneration: 2 } },
  state: { backend: 'gcs', bucket: 'every-tf-state', prefix: 'infra/pilot' },
  database: {
    engine: 'postgres',
    on: 'gcp',
    version: '15',
    instanceClass: 'db-custom-2-8192',
    storageGb: 100,
    backupRetentionDays: 30,
    deletionProtection: false,
    finalSnapshot: false,
    name: 'orders',
    username: 'owner',
  },
  projects: {
    shop: {
      repository: { url: 'https://github.com/every/shop.git', ref: 'v2', path: 'services', poll: '5m' },
      labels: { team: 'shop' },
      apps: {
        api: {
          path: 'api',
          build: { kind: 'docker', dockerfile: 'Dockerfile' },
          registry: { kind: 'artifactRegistry' },
          deploy: { kind: 'cloudRun', port: 9000, memory: 2048, cpu: 2, timeoutSeconds: 60, concurrency: 40, maxInstances: 50, region: 'us-east4' },
          env: { MODE: 'prod ${not-an-expression}', TOKEN: { kind: 'secret', name: 'SHOP_API_TOKEN' } },
          labels: { tier: 'backend' },
        },
        site: { path: 'site', build: { kind: 'yarn', outDir: 'dist' }, deploy: { kind: 'cloudCdn', spa: true, domain: 'shop.every.example' } },
        preview: { path: 'preview', build: { kind: 'yarn' }, deploy: { kind: 'cloudCdn' } },
      },
    },
    tools: {
      repository: { url: 'https://github.com/every/tools.git' },
      apps: { cron: { build: { kind: 'docker' }, deploy: { kind: 'cloudRun' } } },
    },
  },
};
