// The custom-mode VPC network shared by the server's subnetwork, Cloud SQL's private peering and the
// Serverless VPC Access connector. Custom mode: no auto-created subnets in every region.
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network/index.js';
import { gcpNetworkName } from '../../../compiler/names.ts';
import type { GcpContext } from './context.ts';

export function addNetwork(ctx: GcpContext): ComputeNetwork {
  const network = new ComputeNetwork(ctx.stack, 'gcp_network', {
    name: gcpNetworkName(ctx.model),
    autoCreateSubnetworks: false,
    dependsOn: ctx.api('compute.googleapis.com'),
  });
  return ctx.addresses.pin(network, 'pilot', 'name');
}
