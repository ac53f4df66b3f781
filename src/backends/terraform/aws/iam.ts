// The runner's permissions, attached to the server's instance role as customer managed policies
// (runner-statements.ts says what and why). One inline policy would hit IAM's 10,240-character
// limit at about 7 ECS apps (T-2); managed policies of up to 6,144 characters each, packed in
// order, keep every config the semantic check accepts within quota.
// The account ID and partition are read from the role's own ARN, so planning needs no lookup.
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { TerraformLocal } from 'cdktf';
import type { StackContext } from '../emit.ts';
import type { Network } from './network.ts';
import { policyDocument } from './policy.ts';
import { runnerPolicies, runnerStatements, worstCaseRefs } from './runner-statements.ts';
import type { StaticSite } from './static-site.ts';

export type RunnerScope = { network: Network; sites: StaticSite[] };

export function addRunnerPolicy(ctx: StackContext, role: IamRole, scope: RunnerScope): void {
  const { stack, addresses, model } = ctx;
  if (runnerStatements(model, worstCaseRefs(model)).length === 0) return;
  const fromRoleArn = (name: string, field: number) => new TerraformLocal(stack, name, `\${element(split(":", ${role.arn}), ${field})}`).asString;
  const distributions = new Map(scope.sites.map((s) => [s.app.configPath, s.distribution.arn]));
  const { emitted } = runnerPolicies(model, {
    partition: fromRoleArn('aws_partition', 1),
    account: fromRoleArn('aws_account_id', 4),
    vpcId: scope.network.vpc.id,
    distributionArn: (app) => distributions.get(app.configPath)!,
  });
  emitted.forEach((statements, i) => {
    const id = `server_runner_${i + 1}`;
    const policy = addresses.pin(
      new IamPolicy(stack, `policy-runner-${i + 1}`, { name: `${model.name}-runner-${i + 1}`, description: `Pilot runner permissions, part ${i + 1} of ${emitted.length}`, policy: policyDocument(statements) }),
      id,
      'server',
    );
    addresses.pin(new IamRolePolicyAttachment(stack, `attach-runner-${i + 1}`, { role: role.name, policyArn: policy.arn }), id, 'server');
  });
}
