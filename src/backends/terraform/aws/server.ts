// The Pilot server: an EC2 instance in the first public subnet with an Elastic IP, IMDSv2 only, an
// encrypted root volume and an instance profile (no IAM user, no access keys).
// Boot ordering (T-10): cloud-init installs packages seconds after boot, and the subnet hands out
// no public IPs, so the Elastic IP sits on a network interface created before the instance, and
// the instance waits for the internet route and its subnet's route table association.
// The AMI: with root_block_device set, provider 5.100.0 calls DescribeImages with the AMI string
// before RunInstances, and EC2 rejects "resolve:ssm:..." (hashicorp/terraform-provider-aws#43488),
// so a `resolve:ssm:` AMI is read at plan time with the aws_ssm_parameter data source instead.
// user_data: a change is applied in place (stop, modify, start) rather than by replacing the
// instance (user_data_replace_on_change = false), so editing cloud-init never silently destroys
// the server and its Waypoint data; cloud-init's per-instance modules do not re-run on that boot,
// and `pilot plan` reports the change. The AMI is ignored after creation for the same reason: a
// new image behind the SSM parameter must never replace the server. The outputs server_ami (the
// image it runs) and server_ami_latest (the image a replacement would get) let a plan say so.
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js';
import { NetworkInterface } from '@cdktf/provider-aws/lib/network-interface/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Instance } from '@cdktf/provider-aws/lib/instance/index.js';
import { KeyPair } from '@cdktf/provider-aws/lib/key-pair/index.js';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import type { AwsServer } from '../../../compiler/model.ts';
import { serverName } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';
import { assumeRolePolicy } from './ecs.ts';
import { SNAPSHOT_TAG, snapshotTagValue } from './cis.ts';
import type { Network } from './network.ts';

export type Server = { instance: Instance; eip: Eip; role: IamRole; group: SecurityGroup; /** The image a new server would boot now. */ latestAmi: string };

const SSM_PREFIX = 'resolve:ssm:';

/** The AMI ID itself, or the plan-time value of its public SSM parameter (insecure_value: `value` is marked sensitive). */
function resolveAmi(ctx: StackContext, ami: string): string {
  if (!ami.startsWith(SSM_PREFIX)) return ami;
  const parameter = new DataAwsSsmParameter(ctx.stack, 'server-ami', { name: ami.slice(SSM_PREFIX.length) });
  parameter.overrideLogicalId('server_ami');
  return parameter.insecureValue;
}

export function addServer(ctx: StackContext, server: AwsServer, network: Network, group: SecurityGroup, userData: string): Server {
  const { stack, model, addresses } = ctx;
  const name = serverName(model);
  const key = addresses.pin(new KeyPair(stack, 'key', { keyName: name, publicKey: escapeTemplate(server.sshKey) }), 'server', 'server.sshKey');
  const role = addresses.pin(
    new IamRole(stack, 'role-server', { name: `${name}-server`, assumeRolePolicy: assumeRolePolicy('ec2.amazonaws.com'), description: 'Pilot server and runner' }),
    'server',
    'server',
  );
  const profile = addresses.pin(new IamInstanceProfile(stack, 'profile-server', { name: `${name}-server`, role: role.name }), 'server', 'server');
  const nic = addresses.pin(
    new NetworkInterface(stack, 'nic-server', { subnetId: network.publicSubnets[0].id, securityGroups: [group.id], description: 'Pilot server', tags: { Name: name } }),
    'server',
    'server',
  );
  // The EIP needs the internet gateway attached before it can be associated (provider docs, aws_eip).
  const eip = addresses.pin(new Eip(stack, 'eip-server', { domain: 'vpc', networkInterface: nic.id, tags: { Name: name }, dependsOn: [network.internetGateway] }), 'server', 'server');
  const latestAmi = resolveAmi(ctx, server.ami);
  const instance = addresses.pin(
    new Instance(stack, 'server', {
      ami: latestAmi,
      instanceType: server.instanceType,
      networkInterface: [{ networkInterfaceId: nic.id, deviceIndex: 0 }],
      keyName: key.keyName,
      iamInstanceProfile: profile.name,
      userData: escapeTemplate(userData),
      userDataReplaceOnChange: false,
      // Hop limit 2: the runner runs in a container, one network hop behind the instance.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2 },
      // The tag selects the volume for its daily snapshots (cis.ts). Termination protection guards
      // against a console or CLI terminate; `terraform destroy` still works, because the provider
      // turns it off before TerminateInstances (resourceInstanceDelete, provider 5.100.0).
      rootBlockDevice: { volumeSize: server.diskGb, volumeType: 'gp3', encrypted: true, deleteOnTermination: true, tags: { Name: name, [SNAPSHOT_TAG]: snapshotTagValue(model.name) } },
      disableApiTermination: true,
      tags: { Name: name },
      lifecycle: { ignoreChanges: ['ami'] },
      dependsOn: [eip, network.internetRoute, network.publicAssociations[0]],
    }),
    'server',
    'server',
  );
  return { instance, eip, role, group, latestAmi };
}
