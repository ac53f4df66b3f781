// The VPC: public subnets (server, ECS tasks, load balancers) and private subnets (database) over
// two availability zones. Zone letters map to different zones in every account and some are closed
// to new subnets (T-7; hashicorp/terraform#3434), so unless clouds.aws.availabilityZones pins them
// the zones are the first two that aws_availability_zones lists as available without opt-in.
// Such looked-up subnets ignore later changes of their zone (availability_zone forces replacement):
// a zone that becomes impaired must not take the server's subnet, and the server, with it.
// No NAT gateway: nothing private needs to reach out.
// CIS AWS (T-26): the VPC's default security group keeps no rules (aws_default_security_group
// removes every rule of the group it adopts; nothing pilot makes uses it), and flow logs of all
// traffic go to a CloudWatch log group unless clouds.aws.flowLogs is false (clouds.gcp.flowLogs is
// the same switch for GCP's server subnet). Explicit empty
// ingress/egress on the default group make a rule added later show up as drift in a plan.
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group/index.js';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { Fn } from 'cdktf';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import type { StackContext } from '../emit.ts';

export type Network = { vpc: Vpc; internetGateway: InternetGateway; internetRoute: Route; publicSubnets: Subnet[]; privateSubnets: Subnet[]; publicAssociations: RouteTableAssociation[] };

export const VPC_CIDR = '10.0.0.0/16';
const SUFFIXES = ['a', 'b'] as const;

export function addNetwork(ctx: StackContext, pinned: readonly [string, string] | undefined): Network {
  const { stack, model, addresses } = ctx;
  const name = `${model.name}-pilot`;
  const at = 'server';
  const vpc = addresses.pin(new Vpc(stack, 'vpc', { cidrBlock: VPC_CIDR, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } }), 'pilot', at);
  addresses.pin(new DefaultSecurityGroup(stack, 'sg-default', { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default-unused` } }), 'pilot', at);
  if (model.clouds.aws?.flowLogs !== false) addFlowLogs(ctx, vpc, name);
  const igw = addresses.pin(new InternetGateway(stack, 'igw', { vpcId: vpc.id, tags: { Name: name } }), 'pilot', at);

  const zones: readonly string[] = pinned ?? lookUpZones(ctx);
  const publicTable = addresses.pin(new RouteTable(stack, 'rt-public', { vpcId: vpc.id, tags: { Name: `${name}-public` } }), 'public', at);
  const internetRoute = addresses.pin(new Route(stack, 'route-internet', { routeTableId: publicTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id }), 'public_internet', at);
  // Private subnets get their own table with only the VPC-local route: no way out, no way in.
  const privateTable = addresses.pin(new RouteTable(stack, 'rt-private', { vpcId: vpc.id, tags: { Name: `${name}-private` } }), 'private', at);

  const associations: Record<'public' | 'private', RouteTableAssociation[]> = { public: [], private: [] };
  const subnets = (tier: 'public' | 'private', offset: number, table: RouteTable) =>
    zones.map((az, i) => {
      const id = `${tier}_${SUFFIXES[i]}`;
      const subnet = addresses.pin(
        new Subnet(stack, `subnet-${id}`, {
          vpcId: vpc.id,
          availabilityZone: az,
          cidrBlock: `10.0.${offset + i}.0/24`,
          // Public subnets do not hand out public IPs by default: the server gets an Elastic IP
          // and Waypoint's aws-ecs asks for task public IPs explicitly.
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-${tier}-${SUFFIXES[i]}` },
          lifecycle: pinned ? undefined : { ignoreChanges: ['availability_zone'] },
        }),
        id,
        at,
      );
      associations[tier].push(addresses.pin(new RouteTableAssociation(stack, `rta-${id}`, { subnetId: subnet.id, routeTableId: table.id }), id, at));
      return subnet;
    });

  const publicSubnets = subnets('public', 0, publicTable);
  const privateSubnets = subnets('private', 10, privateTable);
  return { vpc, internetGateway: igw, internetRoute, publicSubnets, privateSubnets, publicAssociations: associations.public };
}

/** The first two zones of the provider's region that are available and need no opt-in (Local Zones do). */
function lookUpZones(ctx: StackContext): string[] {
  const available = new DataAwsAvailabilityZones(ctx.stack, 'zones', { state: 'available', filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }] });
  available.overrideLogicalId('pilot');
  return [0, 1].map((i) => Fn.element(available.names, i) as string);
}

/** Days VPC flow logs are kept. */
const FLOW_LOG_RETENTION_DAYS = 30;

/** Flow logs of all traffic, delivered by the VPC Flow Logs service through a role it assumes. */
function addFlowLogs(ctx: StackContext, vpc: Vpc, name: string): void {
  const { stack, addresses } = ctx;
  const at = 'clouds.aws.flowLogs';
  const group = addresses.pin(new CloudwatchLogGroup(stack, 'flow-logs', { name: `/pilot/${ctx.model.name}/vpc-flow-logs`, retentionInDays: FLOW_LOG_RETENTION_DAYS }), 'pilot_flow_logs', at);
  const role = addresses.pin(
    new IamRole(stack, 'role-flow-logs', {
      name: `${name}-flow-logs`,
      description: 'VPC flow logs of the Pilot network',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }),
    'pilot_flow_logs',
    at,
  );
  // The actions the VPC Flow Logs guide lists for publishing to CloudWatch Logs: writes to this group only.
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [group.arn, `${group.arn}:*`] },
      { Effect: 'Allow', Action: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams'], Resource: '*' },
    ],
  };
  addresses.pin(new IamRolePolicy(stack, 'policy-flow-logs', { name: 'publish', role: role.id, policy: JSON.stringify(policy) }), 'pilot_flow_logs', at);
  addresses.pin(new FlowLog(stack, 'flow-log', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: group.arn, iamRoleArn: role.arn, tags: { Name: name } }), 'pilot', at);
}
