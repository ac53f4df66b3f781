// CIS AWS Foundations items the network, the server and the database carry (T-26); the README
// lists what is covered and what is left.
// - VPC flow logs to CloudWatch Logs (CIS "Ensure VPC flow logging is enabled in all VPCs",
//   Security Hub EC2.6), opt-out with server.flowLogs. The role is
//   the one the VPC guide's "IAM role for publishing flow logs to CloudWatch Logs" describes, on
//   this log group only.
// - The VPC's default security group keeps no rules (CIS "Ensure the default security group of every
//   VPC restricts all traffic", Security Hub EC2.2): aws_default_security_group removes every rule
//   when Terraform adopts it (provider docs); explicit empty ingress/egress (attributes as blocks)
//   also make a rule added later show up as drift. Nothing pilot makes
//   uses it, and the runner may not change it (it carries the pilot tag).
// - rds.force_ssl = 1, so no client connects without TLS: RDS for PostgreSQL 14 defaults it to 0 (T-26). The
//   family follows the major version, so a version change creates the new group first
//   (create_before_destroy) and the upgrade switches to it in the same ModifyDBInstance call. An
//   existing database applies a newly attached group only after a reboot (RDS guide, "Associating a
//   DB parameter group with a DB instance").
// - A daily snapshot of the server's root volume (Waypoint's database lives there), by Data
//   Lifecycle Manager with AWS's managed service-role policy (EBS guide, "Default service roles for
//   Amazon Data Lifecycle Manager"). The volume is selected by a tag only this Pilot's server has.
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { DlmLifecyclePolicy } from '@cdktf/provider-aws/lib/dlm-lifecycle-policy/index.js';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { ModelDatabase } from '../../../compiler/model.ts';
import { databaseName } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';
import { assumeRolePolicy } from './ecs.ts';
import type { Network } from './network.ts';

/** Days VPC flow logs are kept. */
export const FLOW_LOG_RETENTION_DAYS = 90;
/** Daily server snapshots kept (two weeks, as on GCP). */
export const SERVER_SNAPSHOTS_KEPT = 14;
/** Tag on the server's root volume that its snapshot policy targets. */
export const SNAPSHOT_TAG = 'pilot-snapshot';
export const snapshotTagValue = (pilotName: string) => `${pilotName}-server`;

export const flowLogGroupName = (pilotName: string) => `/pilot/${pilotName}/vpc-flow-logs`;

/** The VPC's flow log, its log group and the role the flow-logs service writes with. */
export function addFlowLogs(ctx: StackContext, network: Network): void {
  const { stack, model, addresses } = ctx;
  const at = 'server.flowLogs';
  const group = addresses.pin(new CloudwatchLogGroup(stack, 'logs-flow', { name: flowLogGroupName(model.name), retentionInDays: FLOW_LOG_RETENTION_DAYS }), 'vpc_flow_logs', at);
  const role = addresses.pin(
    new IamRole(stack, 'role-flow-logs', { name: `${model.name}-flow-logs`, assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com'), description: 'VPC flow logs of the Pilot network' }),
    'vpc_flow_logs',
    at,
  );
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'], Resource: [group.arn, `${group.arn}:*`] },
      // DescribeLogGroups lists the account's groups: it has no resource to scope to.
      { Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' },
    ],
  };
  addresses.pin(new IamRolePolicy(stack, 'policy-flow-logs', { name: `${model.name}-flow-logs`, role: role.id, policy: JSON.stringify(policy) }), 'vpc_flow_logs', at);
  addresses.pin(
    new FlowLog(stack, 'flow-log', { vpcId: network.vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: group.arn, iamRoleArn: role.arn, tags: { Name: `${model.name}-pilot` } }),
    'pilot',
    at,
  );
}

/** Adopts the VPC's default security group and leaves it without rules. */
export function lockDefaultSecurityGroup(ctx: StackContext, network: Network): void {
  ctx.addresses.pin(new DefaultSecurityGroup(ctx.stack, 'sg-default', { vpcId: network.vpc.id, ingress: [], egress: [], tags: { Name: `${ctx.model.name}-pilot-default-unused` } }), 'pilot', 'server');
}

/** The database's parameter group: TLS required. */
export function addDatabaseParameters(ctx: StackContext, db: ModelDatabase): DbParameterGroup {
  const name = databaseName(ctx.model);
  return ctx.addresses.pin(
    new DbParameterGroup(ctx.stack, 'db-parameters', {
      name: `${name}-pg${db.version}`,
      family: `postgres${db.version}`,
      description: 'Pilot database: TLS required',
      parameter: [{ name: 'rds.force_ssl', value: '1' }],
      lifecycle: { createBeforeDestroy: true },
    }),
    'database',
    'database',
  );
}

/** Daily snapshots of the volumes tagged for this Pilot's server, kept two weeks. */
export function addServerSnapshots(ctx: StackContext): void {
  const { stack, model, addresses } = ctx;
  const at = 'server';
  const role = addresses.pin(
    new IamRole(stack, 'role-snapshots', { name: `${model.name}-server-snapshots`, assumeRolePolicy: assumeRolePolicy('dlm.amazonaws.com'), description: "Snapshots of the Pilot server's disk" }),
    'server_snapshots',
    at,
  );
  addresses.pin(
    new IamRolePolicyAttachment(stack, 'attach-snapshots', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole' }),
    'server_snapshots',
    at,
  );
  addresses.pin(
    new DlmLifecyclePolicy(stack, 'snapshots-server', {
      // DLM allows only letters, digits, spaces, "-" and "_" here (terraform validate says so).
      description: `Daily snapshots of the ${model.name} Pilot server disk`,
      executionRoleArn: role.arn,
      state: 'ENABLED',
      policyDetails: {
        resourceTypes: ['VOLUME'],
        targetTags: { [SNAPSHOT_TAG]: snapshotTagValue(model.name) },
        schedule: [
          {
            name: 'daily',
            createRule: { interval: 24, intervalUnit: 'HOURS', times: ['03:00'] },
            retainRule: { count: SERVER_SNAPSHOTS_KEPT },
            copyTags: true,
          },
        ],
      },
    }),
    'server',
    at,
  );
}
