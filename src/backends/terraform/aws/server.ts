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
// The root disk holds Waypoint's only database (T-26): termination protection by default, and daily
// snapshots by Data Lifecycle Manager, which finds the volume by its pilot-snapshots tag.
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js';
import { DlmLifecyclePolicy } from '@cdktf/provider-aws/lib/dlm-lifecycle-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
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
import type { Network } from './network.ts';

export type Server = { instance: Instance; eip: Eip; role: IamRole; group: SecurityGroup; /** The image a new server would boot now. */ latestAmi: string };

const SSM_PREFIX = 'resolve:ssm:';
/** Tag on the server's root volume that its snapshot policy targets. */
export const SNAPSHOT_TAG = 'pilot-snapshots';

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
      rootBlockDevice: { volumeSize: server.diskGb, volumeType: 'gp3', encrypted: true, deleteOnTermination: true, tags: { Name: name, [SNAPSHOT_TAG]: name } },
      disableApiTermination: server.terminationProtection,
      tags: { Name: name },
      lifecycle: { ignoreChanges: ['ami'] },
      dependsOn: [eip, network.internetRoute, network.publicAssociations[0]],
    }),
    'server',
    'server',
  );
  if (server.diskSnapshots > 0) addDiskSnapshots(ctx, name, server.diskSnapshots);
  return { instance, eip, role, group, latestAmi };
}

/** Daily snapshots of the root volume at 03:00 UTC, keeping `keep`; DLM acts through its documented service role policy. */
function addDiskSnapshots(ctx: StackContext, name: string, keep: number): void {
  const { stack, addresses } = ctx;
  const at = 'server.diskSnapshots';
  const role = addresses.pin(new IamRole(stack, 'role-snapshots', { name: `${name}-snapshots`, assumeRolePolicy: assumeRolePolicy('dlm.amazonaws.com'), description: 'Snapshots of the Pilot server disk' }), 'server_snapshots', at);
  addresses.pin(new IamRolePolicyAttachment(stack, 'attach-snapshots', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole' }), 'server_snapshots', at);
  addresses.pin(
    new DlmLifecyclePolicy(stack, 'snapshots', {
      description: `Daily snapshots of the ${name} disk`, // DLM allows letters, digits, spaces, _ and - only
      executionRoleArn: role.arn,
      state: 'ENABLED',
      policyDetails: {
        resourceTypes: ['VOLUME'],
        targetTags: { [SNAPSHOT_TAG]: name },
        schedule: [{ name: 'daily', copyTags: true, createRule: { interval: 24, intervalUnit: 'HOURS', times: ['03:00'] }, retainRule: { count: keep } }],
      },
    }),
    'server',
    at,
  );
}
