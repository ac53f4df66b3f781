// Everything pilot creates on Google Cloud, added to the shared stack. A no-op when the config uses
// no GCP resource (besides the GCS state backend, which needs no provider).
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import { needsVpcConnector } from '../../../compiler/database-access.ts';
import { allApps, type Model } from '../../../compiler/model.ts';
import type { StackContext } from '../emit.ts';
import { addProjectServices } from './apis.ts';
import type { GcpContext, GoogleApi } from './context.ts';
import { addCloudSql } from './database.ts';
import { addNetwork } from './network.ts';
import { addGoogleProvider } from './provider.ts';
import { addArtifactRegistries, artifactRegistryProjects } from './registry.ts';
import { addCloudRunIdentities } from './run-identity.ts';
import { addRunnerProjectRoles, addRunnerServiceAccount } from './runner-identity.ts';
import { addGcpServer } from './server.ts';
import { addCloudCdnSite } from './static-site.ts';
import { addWorkloadIdentityFederation } from './workload-identity.ts';

export type GcpInputs = {
  /** cloud-init user-data of the server (used when the server runs on GCP). */
  userData: string;
};

/** Which GCP features the model uses; everything below is decided from this. */
export function gcpFeatures(model: Model) {
  const apps = allApps(model);
  const server = model.server.cloud === 'gcp';
  const database = model.database?.cloud === 'gcp';
  const cloudRun = apps.some((a) => a.deploy.kind === 'cloudRun');
  const registry = artifactRegistryProjects(model.projects).length > 0;
  const cloudCdn = apps.some((a) => a.deploy.kind === 'cloudCdn');
  const runner = server || cloudRun || registry || cloudCdn;
  const vpcConnector = needsVpcConnector(model);
  return { server, database, cloudRun, registry, cloudCdn, runner, vpcConnector, network: server || database, federation: runner && !server };
}

function neededApis(f: ReturnType<typeof gcpFeatures>): GoogleApi[] {
  const apis: GoogleApi[] = [];
  // Cloud Run apps run as pilot's own accounts (run-identity.ts), so Cloud Run alone needs no compute API.
  if (f.network || f.cloudCdn) apis.push('compute.googleapis.com');
  if (f.runner) apis.push('iam.googleapis.com');
  if (f.cloudRun || f.cloudCdn) apis.push('cloudresourcemanager.googleapis.com');
  if (f.cloudRun) apis.push('run.googleapis.com');
  if (f.registry) apis.push('artifactregistry.googleapis.com');
  if (f.cloudCdn) apis.push('storage.googleapis.com');
  if (f.database) apis.push('sqladmin.googleapis.com', 'servicenetworking.googleapis.com');
  if (f.vpcConnector) apis.push('vpcaccess.googleapis.com');
  if (f.federation) apis.push('iamcredentials.googleapis.com', 'sts.googleapis.com');
  return apis;
}

export function addGcpResources(ctx: StackContext, inputs: GcpInputs): void {
  const { model } = ctx;
  const gcp = model.server.cloud === 'gcp' ? { project: model.server.project, region: model.server.region } : model.clouds.gcp;
  const f = gcpFeatures(model);
  if (!gcp || !(f.runner || f.database)) return;

  addGoogleProvider(ctx, gcp.project, gcp.region);
  let projectNumber: string | undefined;
  const g: GcpContext = {
    ...ctx,
    ...gcp,
    api: addProjectServices(ctx, gcp.project, neededApis(f)),
    projectNumber() {
      if (projectNumber === undefined) {
        const data = new DataGoogleProject(ctx.stack, 'gcp_project', { projectId: escapeTemplate(gcp.project) });
        data.overrideLogicalId('pilot');
        projectNumber = data.number;
      }
      return projectNumber;
    },
    diagnostics: [],
  };

  const network = f.network ? addNetwork(g) : undefined;
  const runner = f.runner ? addRunnerServiceAccount(g) : undefined;
  if (runner) {
    addRunnerProjectRoles(g, runner, { cloudRun: f.cloudRun, cloudCdn: f.cloudCdn, vpcConnector: f.vpcConnector });
    addCloudRunIdentities(g, runner);
    if (f.federation) addWorkloadIdentityFederation(g, runner);
    addArtifactRegistries(g, runner);
    for (const app of allApps(model)) if (app.deploy.kind === 'cloudCdn') addCloudCdnSite(g, app, app.deploy, runner);
  }
  if (model.server.cloud === 'gcp' && network && runner) {
    addGcpServer(g, model.server, network, runner, inputs.userData);
  }
  if (model.database?.cloud === 'gcp' && network) addCloudSql(g, model.database, network);
  ctx.addresses.diagnostics.push(...g.diagnostics);
}
