// The runner's Google identity: one service account, given only the permissions the configured apps
// need. Per-resource grants (registry writer, bucket object admin, actAs on the runtime accounts) sit
// beside their resources; this file holds the account and the one project-level custom role for what
// GCP cannot scope further. No keys, ever: on a GCP server the VM runs as this account, on an AWS
// server the runner federates (workload-identity.ts).
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role/index.js';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member/index.js';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import { gcpRunnerRoleId, serverServiceAccountId } from '../../../compiler/names.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';

export const serviceAccountMember = (sa: ServiceAccount) => `serviceAccount:${sa.email}`;

/**
 * What Waypoint v0.11.4's google-cloud-run plugin calls (builtin/google/cloudrun): list locations and
 * get the service in each (deployment.go:67-112), create or replace it (deployment.go:125-138,
 * releaser.go:52-69), make it public (releaser.go:108-118), get and delete old revisions and delete
 * the service on destroy (platform.go:436-464). Waypoint creates the services, so no per-service grant
 * can exist beforehand: these are project-wide, but far narrower than roles/run.admin.
 */
export const CLOUD_RUN_DEPLOY_PERMISSIONS = [
  'run.locations.list',
  'run.revisions.delete',
  'run.revisions.get',
  'run.services.create',
  'run.services.delete',
  'run.services.get',
  'run.services.setIamPolicy',
  'run.services.update',
] as const;
/**
 * Deploying a revision with a connector: Google's connector page asks deployers for Serverless VPC
 * Access User (these two permissions) when the connector is in another project; whether the same
 * project needs them is unverified (review, UNVERIFIED), so they are granted rather than risk a failed deploy.
 */
export const VPC_CONNECTOR_PERMISSIONS = ['vpcaccess.connectors.get', 'vpcaccess.connectors.use'] as const;
/**
 * pilot-static on Cloud CDN: `urlMaps.invalidateCache`, then `globalOperations.wait` until done
 * (plugins/pilot-static/src/cloud-cdn-invalidator.ts). URL maps have no per-resource IAM, so this
 * replaces project-wide roles/compute.loadBalancerAdmin, which could rewrite every load balancer.
 */
export const CDN_INVALIDATION_PERMISSIONS = ['compute.globalOperations.get', 'compute.urlMaps.invalidateCache'] as const;

export type RunnerNeeds = { cloudRun: boolean; cloudCdn: boolean; vpcConnector: boolean };

/** The custom role's permissions for what the config deploys, sorted (empty: no role at all). */
export function runnerPermissions(needs: RunnerNeeds): string[] {
  return [
    ...(needs.cloudRun ? CLOUD_RUN_DEPLOY_PERMISSIONS : []),
    ...(needs.cloudRun && needs.vpcConnector ? VPC_CONNECTOR_PERMISSIONS : []),
    ...(needs.cloudCdn ? CDN_INVALIDATION_PERMISSIONS : []),
  ].sort();
}

export function addRunnerServiceAccount(ctx: GcpContext): ServiceAccount {
  const sa = new ServiceAccount(ctx.stack, 'gcp_runner', {
    accountId: serverServiceAccountId(ctx.model),
    displayName: `Pilot runner (${ctx.model.name})`,
    description: 'Builds and deploys the apps of pilot.config.ts; has no keys',
    project: escapeTemplate(ctx.project),
    dependsOn: ctx.api('iam.googleapis.com'),
  });
  ctx.addresses.pin(sa, 'pilot_runner', 'server');
  addOutput(ctx.stack, 'gcp_runner_service_account', sa.email, 'Service account the Pilot runner acts as on Google Cloud');
  return sa;
}

/** One custom role with exactly `runnerPermissions`, granted to the runner on the project. */
export function addRunnerProjectRoles(ctx: GcpContext, runner: ServiceAccount, needs: RunnerNeeds): void {
  const permissions = runnerPermissions(needs);
  if (permissions.length === 0) return;
  const project = escapeTemplate(ctx.project);
  // A destroyed custom role can be undeleted for 7 days (the provider does so when the same ID is
  // applied again); after that its ID is taken until day 37, so the ID carries poolGeneration (names.ts).
  const role = ctx.addresses.pin(
    new ProjectIamCustomRole(ctx.stack, 'gcp_runner_role', {
      project,
      roleId: gcpRunnerRoleId(ctx.model),
      title: `Pilot runner (${ctx.model.name})`,
      description: 'Only what the Waypoint and pilot-static deploys of pilot.config.ts call',
      permissions,
      dependsOn: ctx.api('iam.googleapis.com'),
    }),
    'pilot_runner',
    'projects',
  );
  ctx.addresses.pin(
    new ProjectIamMember(ctx.stack, 'gcp_runner_deploy', {
      project,
      role: role.name,
      member: serviceAccountMember(runner),
      dependsOn: ctx.api('cloudresourcemanager.googleapis.com'),
    }),
    'pilot_runner_deploy',
    'projects',
  );
}
