// The VPC: public subnets (server, ECS tasks, load balancers) and private subnets (database) over
// two availability zones taken from the model, so planning never asks AWS which zones exist.
// No NAT gateway: nothing private needs to reach out.
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import type { StackContext } from '../emit.ts';

export type Network = { vpc: Vpc; publicSubnets: Subnet[]; privateSubnets: Subnet[] };

export const VPC_CIDR = '10.0.0.0/16';
const SUFFIXES = ['a', 'b'] as const;

export function addNetwork(ctx: StackContext, availabilityZones: readonly [string, string]): Network {
  const { stack, model, addresses } = ctx;
  const name = `${model.name}-pilot`;
  const at = 'server';
  const vpc = addresses.pin(new Vpc(stack, 'vpc', { cidrBlock: VPC_CIDR, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } }), 'pilot', at);
  const igw = addresses.pin(new InternetGateway(stack, 'igw', { vpcId: vpc.id, tags: { Name: name } }), 'pilot', at);

  const publicTable = addresses.pin(new RouteTable(stack, 'rt-public', { vpcId: vpc.id, tags: { Name: `${name}-public` } }), 'public', at);
  addresses.pin(new Route(stack, 'route-internet', { routeTableId: publicTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id }), 'public_internet', at);
  // Private subnets get their own table with only the VPC-local route: no way out, no way in.
  const privateTable = addresses.pin(new RouteTable(stack, 'rt-private', { vpcId: vpc.id, tags: { Name: `${name}-private` } }), 'private', at);

  const subnets = (tier: 'public' | 'private', offset: number, table: RouteTable) =>
    availabilityZones.map((az, i) => {
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
        }),
        id,
        at,
      );
      addresses.pin(new RouteTableAssociation(stack, `rta-${id}`, { subnetId: subnet.id, routeTableId: table.id }), id, at);
      return subnet;
    });

  return { vpc, publicSubnets: subnets('public', 0, publicTable), privateSubnets: subnets('private', 10, privateTable) };
}
