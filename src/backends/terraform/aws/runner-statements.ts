// The runner's IAM statements, computed from the model alone (no cdktf), so the emitter and the
// semantic size check (src/compiler/aws-checks.ts) see the same document. Pilot's own resources are
// scoped by name pattern, so the policy's size does not grow with the number of apps; only names
// Waypoint derives from the bare app name (target groups, Lambda functions) and CloudFront's random
// distribution IDs are listed per app. Sources: Waypoint v0.11.4 builtin/aws/{ecs,lambda,ecr}.
import { allApps, type Model, type ModelApp } from '../../../compiler/model.ts';
import { appResourceName, ecrRepository, ecsCluster, waypointAppPattern } from '../../../compiler/names.ts';
import { packStatements, type Statement } from './policy.ts';

/** What only Terraform knows: tokens when emitting, worst-case stand-ins when measuring. */
export type RunnerRefs = {
  partition: string;
  account: string;
  vpcId: string;
  /** ARN of a static site's distribution (a random ID). */
  distributionArn: (app: ModelApp) => string;
};

/** The tag every resource Terraform creates carries (provider default_tags); Waypoint's own resources lack it. */
export const PILOT_TAG = 'pilot';

/** Matches every `appResourceName` of this Pilot (roles, log groups, buckets). */
export const pilotResourceGlob = (model: Model) => appResourceName(model.name, '*', '*');


const ELB_SERVICE_ROLE = 'role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing';

export function runnerStatements(model: Model, refs: RunnerRefs): Statement[] {
  const region = model.clouds.aws?.region;
  if (!region) return [];
  const apps = allApps(model);
  const ecs = apps.filter((a) => a.deploy.kind === 'ecs');
  const lambda = apps.filter((a) => a.deploy.kind === 'lambda');
  const sites = apps.filter((a) => a.deploy.kind === 'cloudfront');
  const repos = apps.filter((a) => a.registry?.kind === 'ecr');
  const { partition, account } = refs;
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${account}:${resource}`;
  const glob = pilotResourceGlob(model);
  // ECR repositories are `<pilot>/<project>/<app>` (names.ts), not resource names: their own pattern.
  const repositories = arn('ecr', `repository/${ecrRepository(model.name, '*', '*')}`);
  const out: Statement[] = [];

  if (repos.length > 0) {
    // The registry login token is account-wide: AWS offers no resource to scope it to.
    out.push({ Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: ['*'] });
    out.push({
      Sid: 'EcrPushPull',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:DescribeImages', 'ecr:DescribeRepositories', 'ecr:GetDownloadUrlForLayer', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'],
      Resource: [repositories],
    });
    // Creating a function from an image lets Lambda add itself to the repository's policy.
    if (lambda.length > 0) out.push({ Sid: 'EcrLambdaAccess', Effect: 'Allow', Action: ['ecr:GetRepositoryPolicy', 'ecr:SetRepositoryPolicy'], Resource: [repositories] });
  }

  if (ecs.length > 0 || lambda.length > 0) {
    // Execution roles are `<resourceName>-exec`; the server's own role does not match.
    const services = [...(ecs.length ? ['ecs-tasks.amazonaws.com'] : []), ...(lambda.length ? ['lambda.amazonaws.com'] : [])];
    const roles = [`arn:${partition}:iam::${account}:role/${glob}-exec`];
    out.push({ Sid: 'ExecutionRolesRead', Effect: 'Allow', Action: ['iam:GetRole'], Resource: roles });
    out.push({ Sid: 'ExecutionRolesPass', Effect: 'Allow', Action: ['iam:PassRole'], Resource: roles, Condition: { StringEquals: { 'iam:PassedToService': services } } });
    // Both plugins create target groups, so the first one in a fresh account creates ELB's
    // service-linked role (W-9; ELB guide, "Service-linked role for Elastic Load Balancing").
    out.push({
      Sid: 'ElbServiceLinkedRole',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: [`arn:${partition}:iam::${account}:${ELB_SERVICE_ROLE}`],
      Condition: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
    });
    // aws-ecs: Create/DescribeTargetGroups/Delete (ecs/platform.go:1374,1409,1481); aws-lambda:
    // Create, RegisterTargets, Delete (lambda/platform.go:553,562,787). Neither tags them. They are
    // named `<Waypoint app name>-<id>` (names.ts keeps the name's Pilot hash within the 32 characters),
    // so one pattern of this Pilot's Waypoint names covers them all: the size does not grow with apps.
    const groups = [arn('elasticloadbalancing', `targetgroup/${waypointAppPattern(model)}-*/*`)];
    out.push({ Sid: 'TargetGroups', Effect: 'Allow', Action: ['elasticloadbalancing:CreateTargetGroup', 'elasticloadbalancing:DeleteTargetGroup'], Resource: groups });
    if (lambda.length > 0) out.push({ Sid: 'LambdaTargets', Effect: 'Allow', Action: ['elasticloadbalancing:RegisterTargets'], Resource: groups });
  }

  if (ecs.length > 0) {
    // Discovery calls, task-definition registration and DescribeTags (workspace destroy,
    // ecs/platform.go:1902) exist only on Resource "*". So does ecs:DeregisterTaskDefinition, which
    // Waypoint calls when it prunes a deployment (ecs/platform.go:1742): the Service Authorization
    // Reference lists no resource type and no condition key for it, so it cannot be scoped (T-23),
    // and a task-definition ARN in Resource would match nothing and deny the prune.
    out.push({
      Sid: 'EcsDiscoveryAndTaskDefinitions',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs',
        'ecs:DeregisterTaskDefinition', 'ecs:DescribeTaskDefinition', 'ecs:ListTasks', 'ecs:RegisterTaskDefinition',
        'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth',
      ],
      Resource: ['*'],
    });
    const clusters = ecsCluster(model.name, '*');
    out.push({ Sid: 'EcsClusters', Effect: 'Allow', Action: ['ecs:DescribeClusters'], Resource: [arn('ecs', `cluster/${clusters}`)] });
    out.push({
      Sid: 'EcsServices',
      Effect: 'Allow',
      Action: ['ecs:CreateService', 'ecs:DeleteService', 'ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:TagResource', 'ecs:UpdateService'],
      // Waypoint registers the family "waypoint-<app>" with tags (ecs/platform.go:1621,1665).
      Resource: [arn('ecs', `service/${clusters}/*`), arn('ecs', `task/${clusters}/*`), arn('ecs', `task-definition/waypoint-${waypointAppPattern(model)}:*`)],
    });
    out.push({ Sid: 'EcsLogGroupsRead', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: [arn('logs', 'log-group:*')] });
    out.push({ Sid: 'EcsLogGroups', Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: [arn('logs', `log-group:/pilot/${glob}`), arn('logs', `log-group:/pilot/${glob}:*`)] });
    // The load balancer is "waypoint-ecs-<app>" (ecs/platform.go:1805), tagged on creation; its
    // listener is created, modified by the releaser and deleted on prune.
    const lb = `app/waypoint-ecs-${waypointAppPattern(model)}`;
    out.push({
      Sid: 'EcsLoadBalancers',
      Effect: 'Allow',
      Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:CreateListener', 'elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:ModifyListener'],
      Resource: [arn('elasticloadbalancing', `loadbalancer/${lb}/*`), arn('elasticloadbalancing', `listener/${lb}/*`)],
    });
    // The load balancer's own "<app>-inbound" group, created by Waypoint inside pilot's VPC only.
    const vpcArn = arn('ec2', `vpc/${refs.vpcId}`);
    const anyGroup = arn('ec2', 'security-group/*');
    out.push({ Sid: 'EcsLoadBalancerGroupCreate', Effect: 'Allow', Action: ['ec2:CreateSecurityGroup'], Resource: [vpcArn, anyGroup] });
    out.push({ Sid: 'EcsLoadBalancerGroupRules', Effect: 'Allow', Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'], Resource: [anyGroup], Condition: { ArnEquals: { 'ec2:Vpc': vpcArn } } });
    // Groups Terraform made (the server's, the database's, the tasks') carry the pilot tag, which
    // Waypoint's groups never have: the runner may not open or delete them (T-23).
    out.push({
      Sid: 'PilotGroupsUntouchable',
      Effect: 'Deny',
      Action: ['ec2:AuthorizeSecurityGroupEgress', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:DeleteSecurityGroup', 'ec2:ModifySecurityGroupRules', 'ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress'],
      Resource: [anyGroup],
      Condition: { Null: { [`aws:ResourceTag/${PILOT_TAG}`]: 'false' } },
    });
  }

  if (lambda.length > 0) {
    // Waypoint's aws-lambda names the function after the app's Waypoint name (one pattern per Pilot,
    // names.ts waypointAppPattern); AddPermission serves the ELB grant
    // (lambda/platform.go:528) and the lambda-function-url releaser (function_url/releaser.go:250).
    out.push({
      Sid: 'LambdaFunctions',
      Effect: 'Allow',
      Action: [
        'lambda:AddPermission', 'lambda:CreateFunction', 'lambda:CreateFunctionUrlConfig', 'lambda:DeleteFunction', 'lambda:DeleteFunctionUrlConfig',
        'lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionUrlConfig', 'lambda:GetPolicy', 'lambda:ListVersionsByFunction',
        'lambda:PublishVersion', 'lambda:RemovePermission', 'lambda:TagResource', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration',
        'lambda:UpdateFunctionUrlConfig',
      ],
      Resource: [arn('lambda', `function:${waypointAppPattern(model)}`), arn('lambda', `function:${waypointAppPattern(model)}:*`)],
    });
  }

  if (sites.length > 0) {
    // Site buckets are `<resourceName>-<random suffix>` (bucket_prefix).
    const buckets = `arn:${partition}:s3:::${glob}-*`;
    out.push({ Sid: 'SiteBuckets', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [buckets] });
    out.push({ Sid: 'SiteObjects', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: [`${buckets}/*`] });
    out.push({ Sid: 'SiteInvalidation', Effect: 'Allow', Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'], Resource: sites.map(refs.distributionArn) });
  }
  return out;
}

/** The partition of an AWS region (ARNs in China and GovCloud are longer). */
export const awsPartition = (region: string) => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

/** The longest value each Terraform expression can resolve to: account IDs have 12 digits, VPC and distribution IDs 21 and 14 characters. */
export function worstCaseRefs(model: Model): RunnerRefs {
  const partition = awsPartition(model.clouds.aws?.region ?? '');
  return { partition, account: '123456789012', vpcId: `vpc-${'0'.repeat(17)}`, distributionArn: () => `arn:${partition}:cloudfront::123456789012:distribution/E${'0'.repeat(13)}` };
}

/** The runner's managed policy documents: `emitted` for the artifact, `measured` as IAM will count them. */
export function runnerPolicies(model: Model, refs: RunnerRefs) {
  return packStatements(runnerStatements(model, worstCaseRefs(model)), runnerStatements(model, refs));
}
