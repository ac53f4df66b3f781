// Shared inputs of the AWS Terraform tests: a config exercising every AWS option, and emitting.
import type { Model } from '../../src/compiler/model.ts';
import { emitTerraformWith, terraformEmitter } from '../helpers/terraform-emitter.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { modelOf } from '../helpers/model.ts';

export const CLOUD_CONFIG = '#cloud-config\nwrite_files:\n  - path: /etc/pilot/marker\n    content: "literal ${HOME} and %{if} stay literal"\n';
export const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

/** Every AWS option: custom AMI and zones, no flow logs or termination protection, 3 snapshots, several allowFrom ranges, S3 state, RDS opt-outs, ECS/Lambda/CloudFront variants. */
export function fullAwsConfig(name = 'full'): ConfigInput {
  return {
    name,
    server: {
      cloud: 'aws',
      region: 'eu-west-1',
      instanceType: 't3.large',
      ami: 'ami-0123456789abcdef0',
      sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops ${USER}@%{host}',
      allowFrom: ['198.51.100.0/24', '203.0.113.7/32'],
      diskGb: 60,
      terminationProtection: false,
      diskSnapshots: 3,
      flowLogs: false,
    },
    clouds: { aws: { region: 'eu-west-1', availabilityZones: ['eu-west-1b', 'eu-west-1c'] } },
    state: { backend: 's3', bucket: `${name}-tf-state`, region: 'eu-west-1' },
    database: { engine: 'postgres', on: 'aws', version: '17', instanceClass: 'db.t4g.micro', storageGb: 40, backupRetentionDays: 14, deletionProtection: false, finalSnapshot: false, name: 'shop', username: 'shopadmin' },
    projects: {
      shop: {
        repository: { url: 'https://github.com/example/shop.git' },
        apps: {
          api: {
            build: { kind: 'docker' },
            registry: { kind: 'ecr', immutableTags: true },
            deploy: { kind: 'ecs', port: 8080, memory: 2048, cpu: 1024, count: 3, architecture: 'arm64', healthCheckPath: '/healthz' },
            env: { DATABASE_PASSWORD: { kind: 'secret', name: 'SHOP_DB_PASSWORD' } },
          },
          worker: { build: { kind: 'docker' }, deploy: { kind: 'lambda', memory: 1024, timeoutSeconds: 120, architecture: 'arm64', storageMb: 1024 } },
          site: { build: { kind: 'yarn' }, deploy: { kind: 'cloudfront', spa: true, domain: 'www.example.com', certificateArn: CERT, priceClass: 'PriceClass_All' } },
          docs: { build: { kind: 'yarn' }, deploy: { kind: 'cloudfront' } },
        },
      },
      ops: {
        repository: { url: 'https://github.com/example/ops.git' },
        apps: { admin: { build: { kind: 'docker' }, deploy: { kind: 'ecs', port: 3000 } } },
      },
    },
  };
}

export const fullAwsModel = (name?: string): Model => modelOf(fullAwsConfig(name));

/** The artifact's JSON, emitted with the given user data (it contains template sequences on purpose). */
export function emitWithUserData(model: Model, userData = CLOUD_CONFIG) {
  const { artifacts, diagnostics } = emitTerraformWith(model, userData);
  return { text: artifacts[0].contents, json: JSON.parse(artifacts[0].contents) as TfJson, diagnostics };
}

/** The artifact as `pilot compile` writes it (user data rendered by the cloud-init emitter). */
export function emitDefault(model: Model) {
  const { artifacts, diagnostics } = terraformEmitter.emit(model);
  return { path: artifacts[0].path, text: artifacts[0].contents, json: JSON.parse(artifacts[0].contents) as TfJson, diagnostics };
}

export type TfJson = {
  terraform: { backend: Record<string, Record<string, unknown>>; required_providers?: Record<string, { source: string; version: string }> };
  provider?: Record<string, Record<string, unknown>[]>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: unknown;
  output?: Record<string, { value: unknown }>;
};

export type PolicyStatement = { Sid: string; Effect: 'Allow' | 'Deny'; Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, string | string[]>> };
/** Every statement of the runner's managed policies, in order. */
export const runnerPolicy = (json: TfJson): PolicyStatement[] =>
  Object.values(json.resource?.aws_iam_policy ?? {}).flatMap((p) => (JSON.parse(p.policy as string) as { Statement: PolicyStatement[] }).Statement);

/** The document without its Google provider, resources and outputs, for a Terraform that only has the AWS provider. */
export function withoutGoogle(json: TfJson): TfJson {
  const keep = <T>(r: Record<string, T> | undefined, ok: (k: string, v: T) => boolean) => Object.fromEntries(Object.entries(r ?? {}).filter(([k, v]) => ok(k, v)));
  const mentionsGoogle = (v: unknown) => JSON.stringify(v).includes('google_');
  const providers = keep(json.terraform.required_providers, (k) => k !== 'google');
  const data = keep(json.data as Record<string, unknown> | undefined, (k) => !k.startsWith('google_'));
  return {
    ...json,
    terraform: { ...json.terraform, required_providers: providers },
    provider: keep(json.provider, (k) => k !== 'google'),
    resource: keep(json.resource, (k) => !k.startsWith('google_')),
    // Terraform rejects an empty "data" object.
    ...(Object.keys(data).length ? { data } : { data: undefined }),
    output: keep(json.output, (_k, v) => !mentionsGoogle(v)),
  };
}
