// Every cloud resource name pilot derives, in one place, with the limit the cloud puts on it.
// Semantic validation checks these final names; emitters use the same functions.
import { createHash } from 'node:crypto';
import type { Model, ModelApp } from './model.ts';

export type DerivedName = { what: string; value: string; max: number; configPath: string };

/** Short stable suffix for names that must be globally unique (buckets). */
export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 6);
}

export const appResourceName = (name: string, project: string, app: string) => `${name}-${project}-${app}`;
export const appId = (project: string, app: string) => `${project}_${app}`.replace(/-/g, '_');
/** The app's name on the Waypoint server (its `app` block label); `pilot up` and apply address apps by it. */
export const waypointAppName = (_model: Model, app: ModelApp) => app.name;

/** GCS bucket names are global: suffix a hash of the GCP project so two accounts never collide. */
export const gcsSiteBucket = (model: Model, app: ModelApp) =>
  `${app.resourceName}-${shortHash(model.clouds.gcp?.project ?? '', app.resourceName)}`;
/** S3 buckets use Terraform's bucket_prefix (random suffix): this is the prefix. */
export const s3SiteBucketPrefix = (app: ModelApp) => `${app.resourceName}-`;
export const artifactRepository = (pilotName: string, project: string) => `${pilotName}-${project}`;
export const ecsCluster = (pilotName: string, project: string) => `${pilotName}-${project}`;
export const serverName = (model: Model) => `${model.name}-pilot`;
export const databaseName = (model: Model) => `${model.name}-db`;
export const vpcConnectorName = (model: Model) => `${model.name}-run`;
export const serverServiceAccountId = (model: Model) => `${model.name}-pilot-runner`;
/** IAM role of the AWS server's instance profile; Google's workload identity federation trusts exactly this role. */
export const awsServerRoleName = (model: Model) => `${model.name}-pilot-server`;

/** GCP: the custom-mode VPC network shared by the server, Cloud SQL's private peering and the VPC connector. */
export const gcpNetworkName = (model: Model) => `${model.name}-pilot`;
export const gcpSubnetworkName = (model: Model) => `${model.name}-pilot-server`;
export const gcpFirewallName = (model: Model, rule: 'ssh' | 'waypoint') => `${model.name}-pilot-${rule}`;
export const gcpServerAddressName = (model: Model) => `${model.name}-pilot-ip`;
/** Range reserved for Cloud SQL's private services access peering. */
export const gcpSqlPeeringRangeName = (model: Model) => `${model.name}-sql-peering`;
/** Workload identity pool and its AWS provider (IDs 4–32 characters). */
export const gcpWifPoolId = (model: Model) => `${model.name}-pilot`;
export const gcpWifProviderId = (model: Model) => `${model.name}-aws`;
/** Load-balancer pieces of a Cloud CDN site, all named `<resourceName>-<part>`. */
export type GcpSitePart = 'cdn' | 'lb' | 'redirect' | 'https' | 'http' | 'cert' | 'ip';
export const gcpSiteName = (app: ModelApp, part: GcpSitePart) => `${app.resourceName}-${part}`;

/** Cloud CDN signed-URL key of a site's backend bucket (its creation makes Google create the cache-fill agent). */
export const gcpSiteSignedUrlKeyName = (app: ModelApp) => `${app.resourceName}-cdn-key`;
/**
 * Runtime service account of one project's Cloud Run apps. Account IDs are 6-30 characters
 * (https://cloud.google.com/iam/docs/service-accounts-create#creating): a longer readable ID is cut
 * and given a hash of the full one, so it always fits and two projects never share an account.
 */
export function gcpRunServiceAccountId(model: Model, project: string): string {
  const id = `${model.name}-${project}-run`;
  return id.length <= 30 ? id : `${id.slice(0, 23).replace(/-+$/, '')}-${shortHash(model.name, project)}`;
}
/** The runner's custom role; role IDs allow only letters, digits, `_` and `.` (3-64 characters). */
export const gcpRunnerRoleId = (model: Model) => `pilot_${model.name.replace(/-/g, '_')}_runner`;
/** Daily snapshot schedule of the GCP server's boot disk (Waypoint's database lives there). */
export const gcpServerSnapshotPolicyName = (model: Model) => `${model.name}-pilot-snapshots`;

/** All derived names with their limits (the smallest limit among the clouds that use them). */
export function derivedNames(model: Model): DerivedName[] {
  const out: DerivedName[] = [
    { what: 'server instance name', value: serverName(model), max: 63, configPath: 'name' },
    { what: 'server service account ID', value: serverServiceAccountId(model), max: 30, configPath: 'name' },
  ];
  if (model.database) out.push({ what: 'database instance name', value: databaseName(model), max: 63, configPath: 'database' });
  if (model.database?.cloud === 'gcp') out.push({ what: 'Serverless VPC Access connector name', value: vpcConnectorName(model), max: 25, configPath: 'name' });
  if (model.server.cloud === 'aws') out.push({ what: 'server IAM role name', value: awsServerRoleName(model), max: 64, configPath: 'name' });
  if (model.server.cloud === 'gcp' || model.database?.cloud === 'gcp') out.push({ what: 'VPC network name', value: gcpNetworkName(model), max: 63, configPath: 'name' });
  if (model.server.cloud === 'aws' && model.clouds.gcp)
    out.push({ what: 'workload identity pool ID', value: gcpWifPoolId(model), max: 32, configPath: 'name' });
  for (const project of model.projects) {
    const apps = project.apps;
    if (apps.some((a) => a.deploy.kind === 'ecs'))
      out.push({ what: 'ECS cluster name', value: ecsCluster(model.name, project.name), max: 255, configPath: `projects.${project.name}` });
    if (apps.some((a) => a.registry?.kind === 'artifactRegistry'))
      out.push({ what: 'Artifact Registry repository ID', value: artifactRepository(model.name, project.name), max: 63, configPath: `projects.${project.name}` });
    for (const app of apps) {
      const at = app.configPath;
      // IAM role names (task execution role, Lambda role) are capped at 64 with a 6-character suffix.
      if (app.deploy.kind === 'ecs' || app.deploy.kind === 'lambda')
        out.push({ what: 'IAM role name', value: `${app.resourceName}-exec`, max: 64, configPath: at });
      if (app.deploy.kind === 'ecs')
        // Waypoint's aws-ecs plugin names the load balancer and target group after the app (32 max).
        out.push({ what: 'load balancer name (set by Waypoint from the app name)', value: app.name, max: 32, configPath: at });
      if (app.deploy.kind === 'cloudRun')
        out.push({ what: 'Cloud Run service name (set by Waypoint from the app name)', value: app.name, max: 49, configPath: at });
      if (app.deploy.kind === 'cloudfront')
        out.push({ what: 'S3 bucket prefix', value: s3SiteBucketPrefix(app), max: 37, configPath: at });
      if (app.deploy.kind === 'cloudCdn') {
        out.push({ what: 'Cloud Storage bucket name', value: gcsSiteBucket(model, app), max: 63, configPath: at });
        out.push({ what: 'Cloud CDN load balancer resource name', value: gcpSiteName(app, 'redirect'), max: 63, configPath: at });
      }
    }
  }
  return out;
}
