// The runner's Google identity: one service account, given only the roles the configured apps need.
// Per-resource grants (registry writer, bucket object admin) sit beside their resources; this file
// holds the account and the project-level grants that GCP cannot scope further. No keys, ever: on a
// GCP server the VM runs as this account, on an AWS server the runner federates (workload-identity.ts).
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member/index.js';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import { serverServiceAccountId } from '../../../compiler/names.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';

export const serviceAccountMember = (sa: ServiceAccount) => `serviceAccount:${sa.email}`;

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

/** Project-level roles, each only when a configured app needs it. */
export function addRunnerProjectRoles(ctx: GcpContext, runner: ServiceAccount, needs: { cloudRun: boolean; cloudCdn: boolean }): void {
  const grant = (role: string, id: string, configPath: string) =>
    ctx.addresses.pin(
      new ProjectIamMember(ctx.stack, `gcp_runner_${id}`, {
        project: escapeTemplate(ctx.project),
        role,
        member: serviceAccountMember(runner),
        dependsOn: ctx.api('cloudresourcemanager.googleapis.com'),
      }),
      `pilot_runner_${id}`,
      configPath,
    );
  if (needs.cloudRun) {
    // Cloud Run has no per-service grant for services that do not exist yet: Waypoint creates them.
    grant('roles/run.admin', 'run_admin', 'projects');
    // Deploying a service that runs as the Compute Engine default account (Waypoint's default)
    // requires actAs on that account only, not on every account of the project.
    ctx.addresses.pin(
      new ServiceAccountIamMember(ctx.stack, 'gcp_runner_act_as_default', {
        serviceAccountId: `projects/${escapeTemplate(ctx.project)}/serviceAccounts/${ctx.projectNumber()}-compute@developer.gserviceaccount.com`,
        role: 'roles/iam.serviceAccountUser',
        member: serviceAccountMember(runner),
        dependsOn: ctx.api('compute.googleapis.com'),
      }),
      'pilot_runner_act_as_default_compute',
      'projects',
    );
  }
  // Cache invalidation of a URL map has no per-resource role.
  if (needs.cloudCdn) grant('roles/compute.loadBalancerAdmin', 'load_balancer_admin', 'projects');
}
