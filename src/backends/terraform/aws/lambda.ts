// The execution role of a Lambda app (Waypoint's aws-lambda `iam_role`), so the runner needs no
// iam:CreateRole. Waypoint creates the function and its URL at deploy time.
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { ModelApp } from '../../../compiler/model.ts';
import { appRoleName } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';
import { logicalId } from '../ids.ts';
import { assumeRolePolicy } from './ecs.ts';

export type LambdaApp = { app: ModelApp; role: IamRole };

export function addLambdaApp(ctx: StackContext, app: ModelApp): LambdaApp {
  const { stack, addresses } = ctx;
  const id = logicalId(app.id, 'lambda');
  const role = addresses.pin(
    new IamRole(stack, `role:${app.configPath}:lambda`, { name: appRoleName(app), assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'), description: `Execution role of the ${app.project}/${app.name} function` }),
    id,
    app.configPath,
  );
  // Basic execution: write its own logs, nothing else.
  addresses.pin(
    new IamRolePolicyAttachment(stack, `attach:${app.configPath}:lambda`, { role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }),
    id,
    app.configPath,
  );
  return { app, role };
}
