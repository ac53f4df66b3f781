// The Secrets Manager secrets ECS apps read their secret() env from, and the one grant that lets
// each app's task execution role read exactly its own secrets (and RDS's managed password secret
// when it uses the database). Terraform declares each secret without a value: `pilot apply` writes
// the value with PutSecretValue, so it never enters the artifact, the plan or Terraform's state.
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { awsSecrets } from '../../../compiler/secrets.ts';
import type { StackContext } from '../emit.ts';
import { logicalId } from '../ids.ts';
import { addOutput } from '../output.ts';
import type { EcsApp } from './ecs.ts';
import { policyDocument } from './policy.ts';

/**
 * 0 deletes a removed secret at once (the provider sends ForceDeleteWithoutRecovery). Any window
 * of 7-30 days would reserve the name, so re-adding the secret or re-creating the Pilot after
 * `pilot destroy` would fail with "a secret with this name is already scheduled for deletion"
 * (Secrets Manager API reference, DeleteSecret). Nothing is lost: the value's source of truth is
 * the environment `pilot apply` reads it from, and apply writes it again.
 */
export const SECRET_RECOVERY_WINDOW_DAYS = 0;

export function addAppSecrets(ctx: StackContext, ecsApps: EcsApp[], database: DbInstance | undefined): void {
  const { stack, model, addresses } = ctx;
  const arns = new Map<string, string>();
  for (const s of awsSecrets(model)) {
    const secret = addresses.pin(
      new SecretsmanagerSecret(stack, `secret:${s.secret}`, {
        name: s.secretsManagerName,
        description: `secret('${s.secret}') of ${s.apps.join(', ')}; value written by pilot apply`,
        recoveryWindowInDays: SECRET_RECOVERY_WINDOW_DAYS,
      }),
      logicalId('secret', s.secret),
      s.apps[0],
    );
    arns.set(s.secret, secret.arn);
    addOutput(stack, s.arnOutput.name, secret.arn, s.arnOutput.description);
  }

  for (const { app, executionRole } of ecsApps) {
    const own = [...new Set(app.env.flatMap((e) => ('secret' in e ? [e.secret] : [])))].sort().map((name) => arns.get(name)!);
    const resources = [...own, ...(app.database && database ? [database.masterUserSecret.get(0).secretArn] : [])];
    if (resources.length === 0) continue;
    // ECS reads `secrets` with the execution role; the secrets use the account's aws/secretsmanager
    // key, so no kms:Decrypt is needed (ECS developer guide, "Retrieve Secrets Manager secrets
    // through environment variables", required IAM permissions).
    addresses.pin(
      new IamRolePolicy(stack, `policy:${app.configPath}:secrets`, {
        name: `${app.resourceName}-secrets`,
        role: executionRole.id,
        policy: policyDocument([{ Sid: 'ReadAppSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: resources }]),
      }),
      logicalId(app.id, 'secrets'),
      app.configPath,
    );
  }
}
