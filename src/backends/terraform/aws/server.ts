// The Pilot server: an EC2 instance in the first public subnet with an Elastic IP, IMDSv2 only, an
// encrypted root volume and an instance profile (no IAM user, no access keys).
// user_data: a change is applied in place (stop, modify, start) rather than by replacing the
// instance (user_data_replace_on_change = false), so editing cloud-init never silently destroys
// the server and its Waypoint data; cloud-init's per-instance modules do not re-run on that boot,
// and `pilot plan` reports the change. The AMI is ignored after creation for the same reason: a
// new image behind the SSM parameter must never replace the server.
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

export type Server = { instance: Instance; eip: Eip; role: IamRole; group: SecurityGroup };

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
  const instance = addresses.pin(
    new Instance(stack, 'server', {
      ami: server.ami,
      instanceType: server.instanceType,
      subnetId: network.publicSubnets[0].id,
      vpcSecurityGroupIds: [group.id],
      keyName: key.keyName,
      iamInstanceProfile: profile.name,
      userData: escapeTemplate(userData),
      userDataReplaceOnChange: false,
      // Hop limit 2: the runner runs in a container, one network hop behind the instance.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2 },
      rootBlockDevice: { volumeSize: server.diskGb, volumeType: 'gp3', encrypted: true, deleteOnTermination: true },
      tags: { Name: name },
      lifecycle: { ignoreChanges: ['ami'] },
    }),
    'server',
    'server',
  );
  const eip = addresses.pin(new Eip(stack, 'eip-server', { domain: 'vpc', instance: instance.id, tags: { Name: name } }), 'server', 'server');
  return { instance, eip, role, group };
}
