// The Pilot server on Compute Engine: subnetwork, firewall (SSH and Waypoint from allowFrom only),
// static address and a shielded VM booted by cloud-init, running as the runner's service account.
// The VM holds Waypoint's only database, so by default it is deletion-protected (server.deletionProtection)
// and its boot disk is snapshotted daily (server.diskSnapshots days kept).
import { Fn } from 'cdktf';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address/index.js';
import { ComputeDiskResourcePolicyAttachment } from '@cdktf/provider-google/lib/compute-disk-resource-policy-attachment/index.js';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall/index.js';
import { ComputeInstance } from '@cdktf/provider-google/lib/compute-instance/index.js';
import type { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network/index.js';
import { ComputeResourcePolicy } from '@cdktf/provider-google/lib/compute-resource-policy/index.js';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork/index.js';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import type { GcpServer } from '../../../compiler/model.ts';
import { gcpFirewallName, gcpServerAddressName, gcpServerSnapshotPolicyName, gcpSubnetworkName, serverName } from '../../../compiler/names.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';
import { GCE_STARTUP_SCRIPT } from '../../cloud-init/gce-startup-script.ts';

/** Waypoint's gRPC (runners, CLI) and HTTP API/UI ports. */
export const WAYPOINT_PORTS = ['9701', '9702'] as const;
/** The server's subnetwork; Cloud SQL and the VPC connector take other ranges of the same network. */
export const SERVER_SUBNET_CIDR = '10.10.0.0/24';
/** Login user of the configured SSH key (cloud-init creates the same user on AWS). */
export const SSH_USER = 'pilot';
/**
 * CIS GCP 3.8 (flow logs on every subnet) as the benchmark recommends it: 5-second aggregation, every
 * flow sampled, all metadata. Opt out with `clouds.gcp.flowLogs: false` (log ingestion is billed).
 */
export const SUBNET_FLOW_LOGS = { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 1, metadata: 'INCLUDE_ALL_METADATA' } as const;

export function addGcpServer(ctx: GcpContext, server: GcpServer, network: ComputeNetwork, runner: ServiceAccount, userData: string): void {
  const { model, addresses } = ctx;
  const name = serverName(model);
  const compute = ctx.api('compute.googleapis.com');

  const subnet = addresses.pin(
    new ComputeSubnetwork(ctx.stack, 'gcp_server_subnet', {
      name: gcpSubnetworkName(model),
      region: escapeTemplate(server.region),
      network: network.id,
      ipCidrRange: SERVER_SUBNET_CIDR,
      privateIpGoogleAccess: true,
      ...(ctx.model.clouds.gcp?.flowLogs !== false ? { logConfig: { ...SUBNET_FLOW_LOGS } } : {}),
    }),
    'pilot_server',
    'server',
  );

  // Two rules so each port set is reviewable on its own; both admit exactly allowFrom, and only to
  // this VM's tag. The Docker API (2375/2376) is never opened: the runner uses the local socket.
  const sourceRanges = server.allowFrom.map(escapeTemplate);
  const rules: [rule: 'ssh' | 'waypoint', ports: string[]][] = [['ssh', ['22']], ['waypoint', [...WAYPOINT_PORTS]]];
  for (const [rule, ports] of rules) {
    addresses.pin(
      new ComputeFirewall(ctx.stack, `gcp_firewall_${rule}`, {
        name: gcpFirewallName(model, rule),
        network: network.id,
        direction: 'INGRESS',
        sourceRanges,
        targetTags: [name],
        allow: [{ protocol: 'tcp', ports }],
      }),
      `pilot_${rule}`,
      'server.allowFrom',
    );
  }

  const address = addresses.pin(
    new ComputeAddress(ctx.stack, 'gcp_server_address', {
      name: gcpServerAddressName(model),
      region: escapeTemplate(server.region),
      addressType: 'EXTERNAL',
      dependsOn: compute,
    }),
    'pilot_server',
    'server',
  );

  const instance = addresses.pin(
    new ComputeInstance(ctx.stack, 'gcp_server', {
      name,
      zone: escapeTemplate(server.zone),
      machineType: escapeTemplate(server.machineType),
      tags: [name],
      bootDisk: { initializeParams: { image: escapeTemplate(server.bootImage), size: server.diskGb, type: 'pd-balanced' } },
      networkInterface: [{ subnetwork: subnet.id, accessConfig: [{ natIp: address.address }] }],
      shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
      // The configured key only, for one user: project-wide keys are blocked and OS Login stays off,
      // because `pilot apply` logs in with this key (as on AWS) rather than with a Google identity.
      metadata: {
        'user-data': escapeTemplate(userData),
        // Debian's GCE images have no cloud-init: this installs it on first boot (see the script).
        'startup-script': escapeTemplate(GCE_STARTUP_SCRIPT),
        'ssh-keys': escapeTemplate(`${SSH_USER}:${server.sshKey}`),
        'block-project-ssh-keys': 'true',
        'enable-oslogin': 'FALSE',
      },
      serviceAccount: { email: runner.email, scopes: ['cloud-platform'] },
      // Resizing the machine type needs a stop; allow it rather than forcing a replacement.
      allowStoppingForUpdate: true,
      // Deleting the VM would delete Waypoint's database with it; turned off on purpose to destroy
      // (pilot destroy refuses while it is on: apply/destroy.ts).
      deletionProtection: server.deletionProtection,
    }),
    'pilot_server',
    'server',
  );

  if (server.diskSnapshots > 0) addBootDiskSnapshots(ctx, server, instance);

  addOutput(ctx.stack, 'server_address', address.address, 'Public IP address of the Pilot server');
  addOutput(ctx.stack, 'waypoint_url', `https://${address.address}:${WAYPOINT_PORTS[1]}`, 'Waypoint UI and HTTP API');
  addOutput(ctx.stack, 'server_instance', instance.selfLink, 'Compute Engine instance of the Pilot server');
}

/** Daily snapshots at 03:00 kept `server.diskSnapshots` days (the server's state: Waypoint's database, runner cache). */
function addBootDiskSnapshots(ctx: GcpContext, server: GcpServer, instance: ComputeInstance): void {
  const { model, addresses } = ctx;
  const at = 'server.diskSnapshots';
  // Attached rather than set in boot_disk.initialize_params.resource_policies, which would replace an
  // existing server. The disk's name is the last segment of the boot disk's self link.
  const snapshots = addresses.pin(
    new ComputeResourcePolicy(ctx.stack, 'gcp_server_snapshots', {
      name: gcpServerSnapshotPolicyName(model),
      region: escapeTemplate(server.region),
      snapshotSchedulePolicy: {
        schedule: { dailySchedule: { daysInCycle: 1, startTime: '03:00' } },
        retentionPolicy: { maxRetentionDays: server.diskSnapshots, onSourceDiskDelete: 'KEEP_AUTO_SNAPSHOTS' },
        snapshotProperties: { storageLocations: [escapeTemplate(server.region)] },
      },
      dependsOn: ctx.api('compute.googleapis.com'),
    }),
    'pilot_server',
    at,
  );
  addresses.pin(
    new ComputeDiskResourcePolicyAttachment(ctx.stack, 'gcp_server_disk_snapshots', {
      name: snapshots.name,
      disk: Fn.basename(instance.bootDisk.source),
      zone: escapeTemplate(server.zone),
    }),
    'pilot_server',
    at,
  );
}
