// Security groups. The server admits SSH and the Waypoint ports only from `allowFrom`; the Docker
// API (2375) is never opened (the runner uses the local socket). ECS tasks admit their port only
// from inside the VPC, where Waypoint's load balancer lives; the database admits 5432 only from
// the server's and the tasks' security groups.
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import type { ModelApp } from '../../../compiler/model.ts';
import { appTasksSecurityGroup, databaseSecurityGroup, serverSecurityGroup } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';
import { logicalId } from '../ids.ts';
import { VPC_CIDR, type Network } from './network.ts';

/** SSH, the Waypoint gRPC port and the Waypoint HTTP/UI port. Nothing else is reachable. */
export const SERVER_PORTS = [
  { name: 'ssh', port: 22 },
  { name: 'waypoint_grpc', port: 9701 },
  { name: 'waypoint_http', port: 9702 },
] as const;

function allowAllEgress(ctx: StackContext, group: SecurityGroup, id: string, at: string): void {
  ctx.addresses.pin(
    new VpcSecurityGroupEgressRule(ctx.stack, `egress:${at}`, { securityGroupId: group.id, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'All outbound' }),
    `${id}_all`,
    at,
  );
}

export function addServerSecurityGroup(ctx: StackContext, network: Network, allowFrom: string[]): SecurityGroup {
  const { stack, model, addresses } = ctx;
  const at = 'server.allowFrom';
  const group = addresses.pin(
    new SecurityGroup(stack, 'sg-server', { name: serverSecurityGroup(model), description: 'Pilot server: SSH and Waypoint from allowFrom only', vpcId: network.vpc.id }),
    'server',
    'server',
  );
  for (const { name, port } of SERVER_PORTS) {
    for (const [i, cidr] of allowFrom.entries()) {
      const id = logicalId('server', name, cidr);
      addresses.pin(
        new VpcSecurityGroupIngressRule(stack, `ingress:server:${name}:${i}`, { securityGroupId: group.id, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: escapeTemplate(cidr), description: `${name} from allowFrom` }),
        id,
        at,
      );
    }
  }
  allowAllEgress(ctx, group, 'server', 'server');
  return group;
}

/** The security group of one ECS app's tasks (Waypoint's `security_group_ids`). */
export function addTaskSecurityGroup(ctx: StackContext, network: Network, app: ModelApp, port: number): SecurityGroup {
  const { stack, addresses } = ctx;
  const id = logicalId(app.id, 'tasks');
  const group = addresses.pin(
    new SecurityGroup(stack, `sg:${app.configPath}:tasks`, { name: appTasksSecurityGroup(app), description: `Tasks of ${app.project}/${app.name}`, vpcId: network.vpc.id }),
    id,
    app.configPath,
  );
  // Waypoint creates the load balancer and its own "<app>-inbound" group at deploy time, so its ID
  // is unknown here; the load balancer reaches tasks from its addresses inside the VPC.
  addresses.pin(
    new VpcSecurityGroupIngressRule(stack, `ingress:${app.configPath}:tasks`, { securityGroupId: group.id, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: VPC_CIDR, description: 'App port from the load balancer inside the VPC' }),
    id,
    `${app.configPath}.deploy.port`,
  );
  // Tasks pull images from ECR and talk to the internet through their public IP.
  allowAllEgress(ctx, group, id, app.configPath);
  return group;
}

/** The database's group: 5432 from the given security groups only, no egress. */
export function addDatabaseSecurityGroup(ctx: StackContext, network: Network, clients: { id: string; group: SecurityGroup; at: string }[]): SecurityGroup {
  const { stack, model, addresses } = ctx;
  const group = addresses.pin(
    new SecurityGroup(stack, 'sg-database', { name: databaseSecurityGroup(model), description: 'Pilot database: PostgreSQL from the server and app tasks only', vpcId: network.vpc.id }),
    'database',
    'database',
  );
  for (const client of clients) {
    const id = logicalId('database_from', client.id);
    addresses.pin(
      new VpcSecurityGroupIngressRule(stack, `ingress:database:${client.at}`, { securityGroupId: group.id, ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, referencedSecurityGroupId: client.group.id, description: `PostgreSQL from ${client.id}` }),
      id,
      client.at,
    );
  }
  return group;
}
