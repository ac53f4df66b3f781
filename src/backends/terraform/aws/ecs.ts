// What Waypoint's aws-ecs plugin needs to find, and nothing it creates itself. It creates the load
// balancer, target group, listener, the load balancer's security group, task definitions and
// services at deploy time; pilot creates the cluster (one per project), the log group, the tasks'
// security group and the task execution role, so the runner never needs iam:CreateRole.
// (Waypoint reuses an existing log group: it describes by name before creating.)
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import type { EcsDeploy, ModelApp } from '../../../compiler/model.ts';
import { appRoleName, ecsCluster, ecsLogGroup } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';
import { logicalId } from '../ids.ts';
import { addTaskSecurityGroup } from './firewall.ts';
import type { Network } from './network.ts';

/** CloudWatch log group name the waypoint emitter passes to aws-ecs as `log_group`. */
/** Days ECS task logs are kept. */
const LOG_RETENTION_DAYS = 30;

export type EcsApp = { app: ModelApp; deploy: EcsDeploy; cluster: EcsCluster; logGroup: CloudwatchLogGroup; tasks: SecurityGroup; executionRole: IamRole };

export const assumeRolePolicy = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

/** One cluster per project that has ECS apps. */
export function addEcsCluster(ctx: StackContext, project: string): EcsCluster {
  return ctx.addresses.pin(
    new EcsCluster(ctx.stack, `ecs-${project}`, { name: ecsCluster(ctx.model.name, project), setting: [{ name: 'containerInsights', value: 'disabled' }] }),
    logicalId(project),
    `projects.${project}`,
  );
}

export function addEcsApp(ctx: StackContext, network: Network, cluster: EcsCluster, app: ModelApp, deploy: EcsDeploy): EcsApp {
  const { stack, addresses } = ctx;
  const logGroup = addresses.pin(new CloudwatchLogGroup(stack, `logs:${app.configPath}`, { name: ecsLogGroup(app), retentionInDays: LOG_RETENTION_DAYS }), app.id, app.configPath);
  const tasks = addTaskSecurityGroup(ctx, network, app, deploy.port);
  const roleId = logicalId(app.id, 'execution');
  const executionRole = addresses.pin(
    new IamRole(stack, `role:${app.configPath}:execution`, { name: appRoleName(app), assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com'), description: `ECS task execution role of ${app.project}/${app.name}` }),
    roleId,
    app.configPath,
  );
  addresses.pin(
    new IamRolePolicyAttachment(stack, `attach:${app.configPath}:execution`, { role: executionRole.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }),
    roleId,
    app.configPath,
  );
  return { app, deploy, cluster, logGroup, tasks, executionRole };
}
