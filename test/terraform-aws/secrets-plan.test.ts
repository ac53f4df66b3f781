// The app secrets and their grants through the real Terraform and AWS provider 5.100.0, offline:
// the configuration validates, and the plan creates each secret empty with no recovery window.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { modelOf } from '../helpers/model.ts';
import { runTerraform } from '../helpers/terraform.ts';
import { emitDefault } from './_fixtures.ts';

const secret = (name: string) => ({ kind: 'secret' as const, name });

test('ECS secrets and the execution-role grants validate and plan with the real provider', () => {
  const model = modelOf({
    name: 'tea',
    server: { cloud: 'aws', region: 'us-east-1', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops@tea', allowFrom: ['203.0.113.0/24'] },
    database: { engine: 'postgres', on: 'aws' },
    projects: {
      shop: {
        repository: { url: 'https://github.com/tea/shop.git' },
        apps: {
          api: { build: { kind: 'docker' }, deploy: { kind: 'ecs' }, env: { STRIPE_KEY: secret('SHOP_STRIPE_KEY') } },
          billing: { build: { kind: 'docker' }, deploy: { kind: 'ecs' }, env: { STRIPE_KEY: secret('SHOP_STRIPE_KEY'), MAIL: secret('MAIL_TOKEN') }, database: false },
        },
      },
    },
  });
  const run = runTerraform({ 'terraform/main.tf.json': emitDefault(model).text });
  assert.ok(run.validate.valid, JSON.stringify(run.validate.diagnostics, null, 2));
  const of = (type: string) => run.plan.resource_changes.filter((r) => r.type === type);
  const secrets = of('aws_secretsmanager_secret');
  assert.equal(secrets.map((r) => r.address).sort(), ['aws_secretsmanager_secret.secret_mail_token', 'aws_secretsmanager_secret.secret_shop_stripe_key']);
  for (const s of secrets) {
    assert.equal(s.change.actions, ['create']);
    assert.is(s.change.after?.recovery_window_in_days, 0);
    assert.match(String(s.change.after?.name), /^pilot\/tea\/[A-Z_]+$/);
  }
  assert.equal(of('aws_secretsmanager_secret_version'), [], 'no value is managed by Terraform');
  const grants = of('aws_iam_role_policy').filter((r) => r.address.endsWith('_secrets'));
  assert.equal(grants.map((r) => r.address).sort(), ['aws_iam_role_policy.shop_api_secrets', 'aws_iam_role_policy.shop_billing_secrets']);
  const outputs = run.plan.configuration.root_module.outputs ?? {};
  assert.ok('secret_SHOP_STRIPE_KEY_arn' in outputs && 'secret_MAIL_TOKEN_arn' in outputs && 'database_secret_arn' in outputs);
});

test.run();
