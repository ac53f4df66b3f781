// The runner's permissions, attached to the server's instance role: exactly what building and
// deploying the configured apps needs, scoped to pilot's own resources by ARN wherever AWS allows.
// The account ID and partition are read from the role's own ARN, so planning needs no lookup.
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { TerraformLocal } from 'cdktf';
import { ecsCluster, waypointEcsLoadBalancer, waypointEcsTaskFamily, waypointLambdaFunction, waypointTargetGroupPrefix } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';
import type { EcsApp } from './ecs.ts';
import type { LambdaApp } from './lambda.ts';
import type { Network } from './network.ts';
import { policyDocument, type Statement } from './policy.ts';
import type { StaticSite } from './static-site.ts';

export type RunnerScope = {
  region: string;
  network: Network;
  repositories: { repo: EcrRepository; forLambda: boolean }[];
  ecsApps: EcsApp[];
  lambdaApps: LambdaApp[];
  sites: StaticSite[];
};

const unique = (xs: string[]) => [...new Set(xs)];

export function addRunnerPolicy(ctx: StackContext, role: IamRole, scope: RunnerScope): void {
  const { stack, addresses } = ctx;
  const statements = runnerStatements(ctx, role, scope);
  if (statements.length === 0) return;
  addresses.pin(new IamRolePolicy(stack, 'policy-runner', { name: `${ctx.model.name}-runner`, role: role.id, policy: policyDocument(statements) }), 'server_runner', 'server');
}

function runnerStatements(ctx: StackContext, role: IamRole, scope: RunnerScope): Statement[] {
  const { stack } = ctx;
  const { region, ecsApps, lambdaApps, sites, repositories } = scope;
  const out: Statement[] = [];
  const needsAccount = ecsApps.length > 0 || lambdaApps.length > 0;
  const account = needsAccount ? new TerraformLocal(stack, 'aws_account_id', `\${element(split(":", ${role.arn}), 4)}`) : undefined;
  const partition = needsAccount ? new TerraformLocal(stack, 'aws_partition', `\${element(split(":", ${role.arn}), 1)}`) : undefined;
  const arn = (service: string, resource: string) => `arn:${partition!.asString}:${service}:${region}:${account!.asString}:${resource}`;

  if (repositories.length > 0) {
    // The registry login token is account-wide: AWS offers no resource to scope it to.
    out.push({ Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: ['*'] });
    out.push({
      Sid: 'EcrPushPull',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:DescribeImages', 'ecr:DescribeRepositories', 'ecr:GetDownloadUrlForLayer', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'],
      Resource: repositories.map((r) => r.repo.arn),
    });
    const lambdaRepos = repositories.filter((r) => r.forLambda);
    // Creating a function from an image lets Lambda add itself to the repository's policy.
    if (lambdaRepos.length > 0)
      out.push({ Sid: 'EcrLambdaAccess', Effect: 'Allow', Action: ['ecr:GetRepositoryPolicy', 'ecr:SetRepositoryPolicy'], Resource: lambdaRepos.map((r) => r.repo.arn) });
  }

  if (ecsApps.length > 0) {
    // Waypoint's aws-ecs discovers subnets, security groups and its load balancer by describing
    // them; these read-only calls and task-definition registration exist only on Resource "*".
    out.push({
      Sid: 'EcsDiscoveryAndTaskDefinitions',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs',
        'ecs:DeregisterTaskDefinition', 'ecs:DescribeTaskDefinition', 'ecs:ListTasks', 'ecs:RegisterTaskDefinition',
        'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth',
      ],
      Resource: ['*'],
    });
    const clusters = unique(ecsApps.map((e) => e.cluster.arn));
    out.push({ Sid: 'EcsClusters', Effect: 'Allow', Action: ['ecs:DescribeClusters'], Resource: clusters });
    out.push({
      Sid: 'EcsServices',
      Effect: 'Allow',
      Action: ['ecs:CreateService', 'ecs:DeleteService', 'ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:TagResource', 'ecs:UpdateService'],
      Resource: [
        // Names, not expressions: quotes inside an interpolation would break the JSON-encoded policy.
        ...unique(ecsApps.map((e) => ecsCluster(ctx.model.name, e.app.project))).flatMap((c) => [arn('ecs', `service/${c}/*`), arn('ecs', `task/${c}/*`)]),
        // Waypoint names the task family "waypoint-<app>" and tags it on registration.
        ...ecsApps.map((e) => arn('ecs', `task-definition/${waypointEcsTaskFamily(ctx.model, e.app)}:*`)),
      ],
    });
    out.push({ Sid: 'EcsExecutionRoles', Effect: 'Allow', Action: ['iam:GetRole'], Resource: ecsApps.map((e) => e.executionRole.arn) });
    out.push({
      Sid: 'EcsPassExecutionRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: ecsApps.map((e) => e.executionRole.arn),
      Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    });
    out.push({ Sid: 'EcsLogGroupsRead', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: [arn('logs', 'log-group:*')] });
    out.push({ Sid: 'EcsLogGroups', Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: ecsApps.flatMap((e: { logGroup: CloudwatchLogGroup }) => [e.logGroup.arn, `${e.logGroup.arn}:*`]) });
    // Waypoint names the load balancer "waypoint-ecs-<app>" and target groups "<app>-<id>".
    out.push({
      Sid: 'EcsLoadBalancers',
      Effect: 'Allow',
      Action: [
        'elasticloadbalancing:AddTags', 'elasticloadbalancing:CreateListener', 'elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateRule',
        'elasticloadbalancing:CreateTargetGroup', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:DeleteRule',
        'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:DeregisterTargets', 'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:RegisterTargets',
      ],
      Resource: ecsApps.flatMap((e) => [
        arn('elasticloadbalancing', `loadbalancer/app/${waypointEcsLoadBalancer(ctx.model, e.app)}/*`),
        arn('elasticloadbalancing', `listener/app/${waypointEcsLoadBalancer(ctx.model, e.app)}/*`),
        arn('elasticloadbalancing', `listener-rule/app/${waypointEcsLoadBalancer(ctx.model, e.app)}/*`),
        arn('elasticloadbalancing', `targetgroup/${waypointTargetGroupPrefix(ctx.model, e.app)}*/*`),
      ]),
    });
    // The load balancer's own "<app>-inbound" group, created by Waypoint inside pilot's VPC only.
    const vpcArn = scope.network.vpc.arn;
    const groups = arn('ec2', 'security-group/*');
    out.push({ Sid: 'EcsLoadBalancerGroupCreate', Effect: 'Allow', Action: ['ec2:CreateSecurityGroup'], Resource: [vpcArn, groups] });
    out.push({
      Sid: 'EcsLoadBalancerGroupRules',
      Effect: 'Allow',
      Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'],
      Resource: [groups],
      Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } },
    });
  }

  if (lambdaApps.length > 0) {
    // Waypoint's aws-lambda names the function after the app.
    out.push({
      Sid: 'LambdaFunctions',
      Effect: 'Allow',
      Action: [
        'lambda:AddPermission', 'lambda:CreateFunction', 'lambda:CreateFunctionUrlConfig', 'lambda:DeleteFunction', 'lambda:DeleteFunctionUrlConfig',
        'lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionUrlConfig', 'lambda:GetPolicy', 'lambda:ListVersionsByFunction',
        'lambda:PublishVersion', 'lambda:RemovePermission', 'lambda:TagResource', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration',
        'lambda:UpdateFunctionUrlConfig',
      ],
      Resource: lambdaApps.flatMap((l) => [arn('lambda', `function:${waypointLambdaFunction(ctx.model, l.app)}`), arn('lambda', `function:${waypointLambdaFunction(ctx.model, l.app)}:*`)]),
    });
    out.push({ Sid: 'LambdaRoles', Effect: 'Allow', Action: ['iam:GetRole'], Resource: lambdaApps.map((l) => l.role.arn) });
    out.push({
      Sid: 'LambdaPassRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: lambdaApps.map((l) => l.role.arn),
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    });
  }

  if (sites.length > 0) {
    out.push({ Sid: 'SiteBuckets', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: sites.map((s) => s.bucket.arn) });
    out.push({ Sid: 'SiteObjects', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: sites.map((s) => `${s.bucket.arn}/*`) });
    out.push({ Sid: 'SiteInvalidation', Effect: 'Allow', Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'], Resource: sites.map((s) => s.distribution.arn) });
  }
  return out;
}
