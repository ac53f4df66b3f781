// Where secret() values and the database's connection go, as a user would check in the artifacts:
// Secrets Manager secrets declared without a value, execution roles scoped to exactly their
// secrets, aws-ecs `secrets` references, sensitive variables for Lambda and Cloud Run, and never
// a value in any artifact, even with the secrets set in the environment while compiling.
import { parse } from '@cdktf/hcl2json';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waypointEmitter } from '../../src/backends/waypoint/emit.ts';
import { SECRET_RECOVERY_WINDOW_DAYS } from '../../src/backends/terraform/aws/secrets.ts';
import type { Model } from '../../src/compiler/model.ts';
import { awsSecrets, cloudRunUsesDatabase, secretBindings, secretsUsed } from '../../src/compiler/secrets.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/golden.ts';
import { examplePath, exampleModel, modelOf } from '../helpers/model.ts';
import { emitDefault } from '../terraform-aws/_fixtures.ts';

type Json = Record<string, any>;
const secret = (name: string) => ({ kind: 'secret' as const, name });

const AWS: ConfigInput = {
  name: 'tea',
  server: { cloud: 'aws', region: 'us-east-1', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops@tea', allowFrom: ['203.0.113.0/24'] },
  database: { engine: 'postgres', on: 'aws' },
  projects: {
    shop: {
      repository: { url: 'https://github.com/tea/shop.git', credentials: { username: 'x-access-token', password: secret('SHOP_GIT_TOKEN') } },
      apps: {
        api: { build: { kind: 'docker' }, deploy: { kind: 'ecs' }, env: { LOG: 'info', STRIPE_KEY: secret('SHOP_STRIPE_KEY'), PGDATABASE: 'orders' } },
        billing: { build: { kind: 'docker' }, deploy: { kind: 'ecs' }, env: { STRIPE: secret('SHOP_STRIPE_KEY'), MAIL: secret('MAIL_TOKEN') }, database: false },
        plain: { build: { kind: 'docker' }, deploy: { kind: 'ecs' }, database: false },
        fn: { build: { kind: 'docker' }, deploy: { kind: 'lambda' }, env: { TOKEN: secret('FN_TOKEN') }, database: false },
      },
    },
    ops: {
      repository: { url: 'git@github.com:tea/ops.git', credentials: { sshKey: secret('OPS_DEPLOY_KEY') } },
      apps: { admin: { build: { kind: 'docker' }, deploy: { kind: 'ecs' } } },
    },
  },
};

async function hclOf(model: Model, project: string): Promise<Json> {
  const artifact = waypointEmitter.emit(model).artifacts.find((a) => a.path === `waypoint/${project}.hcl`)!;
  return (await parse(artifact.path, artifact.contents)) as Json;
}
const deployOf = (hcl: Json, app: string, plugin: string): Json => hcl.app[app][0].deploy[0].use[plugin][0];
const policyOf = (json: Json, id: string) => JSON.parse(json.resource.aws_iam_role_policy[id].policy as string) as { Statement: { Action: string[]; Resource: string[] }[] };

test('each secret() of an ECS app is one Secrets Manager secret per Pilot, declared without a value', () => {
  const { json, text } = emitDefault(modelOf(AWS));
  const secrets = json.resource?.aws_secretsmanager_secret ?? {};
  assert.equal(Object.keys(secrets).sort(), ['secret_mail_token', 'secret_shop_stripe_key'], 'shared by name; the Lambda app has none');
  assert.is(secrets.secret_shop_stripe_key.name, 'pilot/tea/SHOP_STRIPE_KEY');
  assert.is(secrets.secret_shop_stripe_key.recovery_window_in_days, SECRET_RECOVERY_WINDOW_DAYS);
  assert.is(SECRET_RECOVERY_WINDOW_DAYS, 0, 'a destroyed secret must not reserve its name');
  assert.is(json.resource?.aws_secretsmanager_secret_version, undefined, 'no value in Terraform: apply writes it');
  assert.not.match(text, /secret_string|secret_binary/);
  assert.is(json.output?.secret_SHOP_STRIPE_KEY_arn.value, '${aws_secretsmanager_secret.secret_shop_stripe_key.arn}');
  assert.is(json.output?.secret_MAIL_TOKEN_arn.value, '${aws_secretsmanager_secret.secret_mail_token.arn}');
});

test("each ECS execution role may read exactly its own secrets and, when it uses the database, RDS's password secret", () => {
  const { json } = emitDefault(modelOf(AWS));
  const db = '${aws_db_instance.database.master_user_secret[0].secret_arn}';
  const stripe = '${aws_secretsmanager_secret.secret_shop_stripe_key.arn}';
  const mail = '${aws_secretsmanager_secret.secret_mail_token.arn}';
  const expected: Record<string, string[]> = { shop_api_secrets: [stripe, db], shop_billing_secrets: [mail, stripe], ops_admin_secrets: [db] };
  for (const [id, resources] of Object.entries(expected)) {
    const { Statement } = policyOf(json as Json, id);
    assert.equal(Statement.map((s) => s.Action), [['secretsmanager:GetSecretValue']], `${id}: read only, no kms:Decrypt (aws/secretsmanager key)`);
    assert.equal(Statement[0].Resource, resources, id);
  }
  assert.is(json.resource?.aws_iam_role_policy.shop_api_secrets.role, '${aws_iam_role.shop_api_execution.id}');
  assert.is(json.resource?.aws_iam_role_policy.shop_plain_secrets, undefined, 'no secrets, no database: no grant');
  const lambdaGrants = Object.values(json.resource?.aws_iam_role_policy ?? {}).filter((p) => String(p.role).includes('shop_fn'));
  assert.equal(lambdaGrants, []);
});

test('aws-ecs gets secrets by ARN variable and the database password by RDS secret ARN and JSON key', async () => {
  const hcl = await hclOf(modelOf(AWS), 'shop');
  const api = deployOf(hcl, 'api', 'aws-ecs');
  assert.equal(api.secrets, { PGPASSWORD: '${var.database_secret_arn}:password::', STRIPE_KEY: '${var.secret_SHOP_STRIPE_KEY_arn}' });
  assert.equal(api.static_environment, {
    LOG: 'info',
    PGDATABASE: 'orders', // the app's own value wins
    PGHOST: '${var.database_endpoint}',
    PGPORT: '5432',
    PGSSLMODE: 'require',
    PGUSER: 'pilot',
  });
  const billing = deployOf(hcl, 'billing', 'aws-ecs');
  assert.equal(billing.secrets, { MAIL: '${var.secret_MAIL_TOKEN_arn}', STRIPE: '${var.secret_SHOP_STRIPE_KEY_arn}' });
  assert.is(billing.static_environment, undefined, 'database: false: no connection env');
  assert.equal(Object.keys(hcl.variable.secret_SHOP_STRIPE_KEY_arn[0]).sort(), ['description', 'type'], 'an ARN is not sensitive');
});

test("an app's own PGPASSWORD secret replaces the database's, and a name is never in both maps", async () => {
  const config = structuredClone(AWS) as Json;
  config.projects.ops.apps.admin.env = { PGPASSWORD: secret('ADMIN_DB_PASSWORD'), PGHOST: 'db.internal' };
  const api = deployOf(await hclOf(modelOf(config as ConfigInput), 'ops'), 'admin', 'aws-ecs');
  assert.equal(api.secrets, { PGPASSWORD: '${var.secret_ADMIN_DB_PASSWORD_arn}' });
  assert.is(api.static_environment.PGHOST, 'db.internal');
  assert.equal(Object.keys(api.secrets).filter((k) => k in api.static_environment), []);
});

test('aws-lambda gets a secret as a sensitive variable in static_environment', async () => {
  const model = modelOf(AWS);
  const hcl = await hclOf(model, 'shop');
  assert.equal(deployOf(hcl, 'fn', 'aws-lambda').static_environment, { TOKEN: '${var.secret_FN_TOKEN}' });
  assert.is(hcl.variable.secret_FN_TOKEN[0].sensitive, true);
  assert.equal(secretBindings(model, model.projects.find((p) => p.name === 'shop')!), [
    { name: 'secret_FN_TOKEN', description: "Value of secret('FN_TOKEN')", source: { kind: 'env', name: 'FN_TOKEN' } },
  ]);
});

test('Cloud Run apps on the GCP database get its private address, and its password as a sensitive variable', async () => {
  const model = await exampleModel('gcp-only');
  const hcl = await hclOf(model, 'shop');
  const api = deployOf(hcl, 'api', 'google-cloud-run');
  assert.equal(api.static_environment, {
    DATABASE_NAME: 'app',
    PGDATABASE: 'app',
    PGHOST: '${var.database_private_address}',
    PGPASSWORD: '${var.database_password}',
    PGPORT: '5432',
    PGSSLMODE: 'require',
    PGUSER: 'pilot',
    SESSION_KEY: '${var.secret_SHOP_SESSION_KEY}',
  });
  assert.is(hcl.variable.database_password[0].sensitive, true);
  assert.ok(api.vpc_access, 'reaches the private IP through the connector');
  assert.is(cloudRunUsesDatabase(model), true);
  const { source } = secretBindings(model, model.projects[0]).find((b) => b.name === 'database_password')!;
  assert.equal(source, { kind: 'gcpDatabasePassword' });
});

test('database: false on every Cloud Run app: no connection env, no connector, no password variable', async () => {
  const loaded = await import('../../src/compiler/load.ts').then((m) => m.loadConfig({ cwd: ROOT, configPath: examplePath('gcp-only'), command: 'test' }));
  const raw = structuredClone(loaded.raw) as Json;
  for (const app of Object.values(raw.projects.shop.apps) as Json[]) if (app.deploy.kind === 'cloudRun') app.database = false;
  const model = modelOf(raw as ConfigInput);
  assert.is(cloudRunUsesDatabase(model), false);
  const hcl = await hclOf(model, 'shop');
  const api = deployOf(hcl, 'api', 'google-cloud-run');
  assert.equal(api.static_environment, { DATABASE_NAME: 'app', SESSION_KEY: '${var.secret_SHOP_SESSION_KEY}' });
  assert.is(api.vpc_access, undefined);
  assert.is(hcl.variable.database_password, undefined);
});

// Waypoint v0.11.4 internal/config/variables/variables.go:120-127 (HclVariable): the only attributes a variable block may have.
const VARIABLE_FIELDS = new Set(['default', 'type', 'description', 'env', 'sensitive']);

test('every variable block, sensitive ones included, uses only attributes Waypoint decodes', async () => {
  for (const model of [modelOf(AWS), await exampleModel('gcp-only'), await exampleModel('acme')]) {
    for (const project of model.projects) {
      const hcl = await hclOf(model, project.name);
      for (const [name, [body]] of Object.entries(hcl.variable as Record<string, Json[]>)) {
        assert.equal(Object.keys(body).filter((k) => !VARIABLE_FIELDS.has(k)), [], `variable ${name}`);
        assert.not.ok('default' in body, `${name} has no default: apply always sets it`);
      }
    }
  }
});

test('apply gets every secret it must write or set, with where it is used', () => {
  const model = modelOf(AWS);
  assert.equal(awsSecrets(model), [
    { secret: 'MAIL_TOKEN', secretsManagerName: 'pilot/tea/MAIL_TOKEN', region: 'us-east-1', arnOutput: { name: 'secret_MAIL_TOKEN_arn', type: 'string', description: "ARN of the Secrets Manager secret holding secret('MAIL_TOKEN')" }, apps: ['projects.shop.apps.billing'] },
    { secret: 'SHOP_STRIPE_KEY', secretsManagerName: 'pilot/tea/SHOP_STRIPE_KEY', region: 'us-east-1', arnOutput: { name: 'secret_SHOP_STRIPE_KEY_arn', type: 'string', description: "ARN of the Secrets Manager secret holding secret('SHOP_STRIPE_KEY')" }, apps: ['projects.shop.apps.api', 'projects.shop.apps.billing'] },
  ]);
  assert.equal(secretsUsed(model).map((s) => s.name), ['FN_TOKEN', 'MAIL_TOKEN', 'OPS_DEPLOY_KEY', 'SHOP_GIT_TOKEN', 'SHOP_STRIPE_KEY']);
  assert.equal(secretsUsed(model).find((s) => s.name === 'OPS_DEPLOY_KEY')!.usedBy, ['projects.ops.repository.credentials']);
});

test('git credentials reach the model by secret name, with the SSH user from the URL', () => {
  const model = modelOf(AWS);
  const repo = (name: string) => model.projects.find((p) => p.name === name)!.repository;
  assert.equal(repo('shop').credentials, { kind: 'basic', username: 'x-access-token', passwordSecret: 'SHOP_GIT_TOKEN' });
  assert.equal(repo('ops').credentials, { kind: 'ssh', sshKeySecret: 'OPS_DEPLOY_KEY', user: 'git' });
  const custom = modelOf({ ...AWS, projects: { ops: { ...AWS.projects!.ops, repository: { url: 'ssh://deploy@git.example.com/tea/ops.git', credentials: { sshKey: secret('K') } } } } });
  assert.equal(custom.projects[0].repository.credentials, { kind: 'ssh', sshKeySecret: 'K', user: 'deploy' });
  const hcl = waypointEmitter.emit(model).artifacts.map((a) => a.contents).join('\n');
  assert.not.match(hcl, /SHOP_GIT_TOKEN|OPS_DEPLOY_KEY|x-access-token/, 'credentials are sent by apply, never written into waypoint.hcl');
});

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

test('no secret value reaches any artifact, even with the secrets set in the environment while compiling', async () => {
  const out = mkdtempSync(join(tmpdir(), 'pilot-secrets-'));
  try {
    const values = { AUTH_JWT_SECRET: 'canary-jwt-4f1c9e', INVOICES_STRIPE_KEY: 'canary-stripe-7b2d0a', PILOT_GCP_DB_PASSWORD: 'canary-db-9e3f11' };
    const r = await runCli(['compile', '--config', examplePath('acme'), '--out', out], ROOT, values);
    assert.is(r.code, 0, r.stderr);
    const files = walk(out);
    assert.ok(files.some((f) => f.endsWith('main.tf.json')) && files.some((f) => f.endsWith('.hcl')));
    for (const f of files) for (const v of Object.values(values)) assert.not.ok(readFileSync(f, 'utf8').includes(v), `${f} holds a secret value`);
    for (const v of Object.values(values)) assert.not.ok(r.stdout.includes(v) || r.stderr.includes(v));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
