// Every cloud resource name pilot derives, in one place, with the limit and the reserved words the
// cloud puts on it. Semantic validation (name-checks.ts) checks these final names; emitters call the
// same functions, so a name's format changes here and nowhere else.
//
// Unambiguous joins: pilot, project and app names may not contain "--" (common.ts), so names that
// join two or three of them use "--" as the separator and split back in exactly one way (Pilot "a" +
// project "b-c" is "a--b-c", Pilot "a-b" + project "c" is "a-b--c"). Names that carry only the pilot
// name end in one fixed suffix per kind of resource ("<pilot>-pilot", "<pilot>-db"), which is also
// injective. ECR repository names may not contain "--", so they use "/" (also not in names).
import { createHash } from 'node:crypto';
import type { Model, ModelApp } from './model.ts';

/** Kinds of names whose cloud reserves words or restricts the characters (rules in NAME_RULES). */
export type NameKind =
  | 's3-bucket-prefix'
  | 'gcs-bucket'
  | 'security-group'
  | 'elb'
  | 'ecr-repository'
  | 'rds-identifier'
  | 'gcp-resource'
  | 'cloud-run-service'
  | 'lambda-function'
  | 'wif-pool'
  | 'wif-provider';

export type DerivedName = {
  what: string;
  value: string;
  max: number;
  configPath: string;
  kind?: NameKind;
  /** How to shorten it, when the generic hint would not say which name to shorten. */
  hint?: string;
};

/**
 * `blame` says when the pilot name is the cause: `prefix` when the refused name starts with it,
 * `word` when the pilot name itself contains the refused word.
 */
export type NameRule = { test: (value: string) => boolean; why: string; blame?: 'prefix' | 'word' };

const startsWith = (prefix: string, source: string): NameRule => ({ test: (v) => v.startsWith(prefix), why: `${source} reserves the prefix "${prefix}"`, blame: 'prefix' });
const pattern = (re: RegExp, source: string): NameRule => ({ test: (v) => !re.test(v), why: `${source} allows only names matching ${re.source}` });

const WIF_RULES = [startsWith('gcp-', 'Google (workload identity pool and provider IDs)'), pattern(/^[a-z0-9-]{4,32}$/, 'Google (workload identity pool and provider IDs)')];

/** What each cloud refuses, beyond length. Each rule's `test` returns true when the name is refused. */
export const NAME_RULES: Record<NameKind, NameRule[]> = {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html: no "xn--", "sthree-"
  // (and "sthree-configurator") or "amzn-s3-demo-" prefix. The reserved suffixes (-s3alias, --ol-s3,
  // .mrap, --x-s3, --table-s3) cannot occur: Terraform's bucket_prefix appends 26 digits.
  's3-bucket-prefix': [
    startsWith('xn--', 'S3'),
    startsWith('sthree-', 'S3'),
    startsWith('amzn-s3-demo-', 'S3'),
    pattern(/^[a-z0-9][a-z0-9.-]*$/, 'S3'),
  ],
  // https://cloud.google.com/storage/docs/naming-buckets: no "goog" prefix, no "google" or close misspellings such as "g00gle".
  'gcs-bucket': [
    startsWith('goog', 'Cloud Storage'),
    { test: (v) => /g[o0][o0]g[l1]e/.test(v), why: 'Cloud Storage refuses bucket names that contain "google" or a close misspelling such as "g00gle"', blame: 'word' },
  ],
  // EC2 CreateSecurityGroup GroupName: "Up to 255 characters in length. Cannot start with sg-."
  'security-group': [startsWith('sg-', 'EC2 (CreateSecurityGroup)')],
  // ELB CreateLoadBalancer / CreateTargetGroup Name: alphanumerics and hyphens, not beginning or ending with a hyphen.
  elb: [pattern(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, 'Elastic Load Balancing')],
  // ECR CreateRepository repositoryName pattern.
  'ecr-repository': [pattern(/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/, 'ECR')],
  // RDS DBInstanceIdentifier: a letter first, letters, digits and hyphens, no "--", no trailing hyphen.
  'rds-identifier': [pattern(/^[a-zA-Z](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9]))*$/, 'RDS')],
  // Compute Engine, Artifact Registry, Cloud SQL and VPC Access names are RFC 1035 labels.
  'gcp-resource': [pattern(/^[a-z](?:[-a-z0-9]*[a-z0-9])?$/, 'Google Cloud')],
  // "Service name must use only letters, numbers and '-'. Must begin with a letter and cannot end with a '-'."
  'cloud-run-service': [pattern(/^[a-z](?:[-a-z0-9]*[a-z0-9])?$/, 'Cloud Run')],
  // Lambda CreateFunction FunctionName (a plain name, not an ARN).
  'lambda-function': [pattern(/^[a-zA-Z0-9_-]+$/, 'Lambda')],
  // hashicorp/terraform-provider-google v6.50.0 validates pool and provider IDs (4–32 characters of
  // [a-z0-9-]) and refuses the prefix "gcp-", which Google reserves
  // (google/services/iambeta/resource_iam_workload_identity_pool.go:43, …_provider.go:44).
  'wif-pool': WIF_RULES,
  'wif-provider': WIF_RULES,
};

/** Short stable suffix for names that must be globally unique (buckets). */
export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 6);
}

export const JOIN = '--';
export const appResourceName = (name: string, project: string, app: string) => [name, project, app].join(JOIN);
export const appId = (project: string, app: string) => `${project}_${app}`.replace(/-/g, '_');

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
/** Three base-36 characters (46,656 values) of a hash: lowercase letters and digits, valid in every cloud name. */
function tag(...parts: string[]): string {
  const key = parts.join('\0');
  let t = tags.get(key);
  if (t === undefined) {
    const bytes = createHash('sha256').update(key).digest();
    t = [0, 1, 2].map((i) => BASE36[bytes[i] % 36]).join('');
    tags.set(key, t);
  }
  return t;
}
// Every name derived from an app asks for the same two tags: each is hashed once per pilot and project.
const tags = new Map<string, string>();

/**
 * The app's name on the Waypoint server (its `app` block label); `pilot up` and apply address apps by it.
 * Waypoint v0.11.4 names cloud resources after it alone (ALB `waypoint-ecs-<app>`, security group
 * `<app>-inbound`, task family `waypoint-<app>`, target groups `<app>-<ULID>`, Lambda function `<app>`,
 * Cloud Run service `<app>`), so it is `<app>-<pilot tag><project tag>`: three characters from a hash
 * of the pilot name and three from a hash of pilot and project. Two Pilots, or two projects of one
 * Pilot, so never give Waypoint the same name (but for a hash collision, which name-checks.ts
 * refuses within a config), and the pilot tag lets IAM scope a runner to its own Pilot's Waypoint
 * resources by pattern (waypointAppPattern). Six characters keep ECS app names up to 12 characters
 * under the ALB's 32; the app name stays in front so logs and the UI read naturally.
 */
export const waypointAppName = (model: Model, app: ModelApp) => `${app.name}-${tag(model.name)}${tag(model.name, app.project)}`;
/** The config app name inside a Waypoint app name (the inverse of waypointAppName, for apps no longer in the model). */
export const configAppNameOf = (waypointName: string) => waypointName.replace(/-[0-9a-z]{6}$/, '');
/** IAM wildcard matching every Waypoint app name of this Pilot and (but for a 1-in-46,656 pilot-tag collision) no other: `*-<pilot tag>???`. */
export const waypointAppPattern = (model: Model) => `*-${tag(model.name)}???`;

// Names Waypoint v0.11.4 derives from the app name (hashicorp/waypoint builtin/…/platform.go at v0.11.4).
/** aws-ecs `lbName := "waypoint-ecs-" + src.App` (ecs/platform.go:1795). */
export const waypointEcsLoadBalancer = (model: Model, app: ModelApp) => `waypoint-ecs-${waypointAppName(model, app)}`;
/** aws-ecs `family := "waypoint-" + src.App` (ecs/platform.go:1621). */
export const waypointEcsTaskFamily = (model: Model, app: ModelApp) => `waypoint-${waypointAppName(model, app)}`;
/** aws-ecs `fmt.Sprintf("%s-inbound", src.App)` (ecs/platform.go:2148). */
export const waypointEcsInboundSecurityGroup = (model: Model, app: ModelApp) => `${waypointAppName(model, app)}-inbound`;
/**
 * Target groups (and ECS services) are `<app>-<ULID>` cut to 32 characters (ecs/platform.go:363,1293-1300;
 * lambda/platform.go:544-550); this is the part before the ULID.
 */
export const waypointTargetGroupPrefix = (model: Model, app: ModelApp) => `${waypointAppName(model, app)}-`;
/** aws-lambda `FunctionName: aws.String(src.App)` (lambda/platform.go:316,437). */
export const waypointLambdaFunction = (model: Model, app: ModelApp) => waypointAppName(model, app);
/** google-cloud-run `Name: src.App` (cloudrun/platform.go:98,482). */
export const waypointCloudRunService = (model: Model, app: ModelApp) => waypointAppName(model, app);

/** GCS bucket names are global: suffix a hash of the GCP project so two accounts never collide. */
export const gcsSiteBucket = (model: Model, app: ModelApp) =>
  `${app.resourceName}-${shortHash(model.clouds.gcp?.project ?? '', app.resourceName)}`;
/** S3 buckets use Terraform's bucket_prefix (random suffix): this is the prefix. */
export const s3SiteBucketPrefix = (app: ModelApp) => `${app.resourceName}-`;
export const cloudfrontOacName = (app: ModelApp) => app.resourceName;
export const artifactRepository = (pilotName: string, project: string) => [pilotName, project].join(JOIN);
export const ecsCluster = (pilotName: string, project: string) => [pilotName, project].join(JOIN);
export const ecrRepository = (pilotName: string, project: string, app: string) => [pilotName, project, app].join('/');
/** Task execution role (ECS) or function role (Lambda). */
export const appRoleName = (app: ModelApp) => `${app.resourceName}-exec`;
export const ecsLogGroup = (app: ModelApp) => `/pilot/${app.resourceName}`;
export const appTasksSecurityGroup = (app: ModelApp) => `${app.resourceName}-tasks`;
export const serverSecurityGroup = (model: Model) => `${model.name}-pilot-server`;
export const databaseSecurityGroup = (model: Model) => `${model.name}-db`;
export const serverName = (model: Model) => `${model.name}-pilot`;
export const databaseName = (model: Model) => `${model.name}-db`;
export const vpcConnectorName = (model: Model) => `${model.name}-run`;
export const serverServiceAccountId = (model: Model) => `${model.name}-pilot-runner`;
/** IAM role of the AWS server's instance profile; Google's workload identity federation trusts exactly this role. */
export const awsServerRoleName = (model: Model) => `${model.name}-pilot-server`;

/**
 * Secrets Manager name of secret('NAME') for ECS apps: unique per Pilot and region (Pilot names
 * cannot contain "/"), and never ending in "-" plus six characters, which Secrets Manager's
 * partial-ARN matching would misread (Secrets Manager user guide, "Troubleshoot": ARN_secretnamehyphen).
 */
export const awsSecretName = (model: Model, secret: string) => `pilot/${model.name}/${secret}`;

/** GCP: the custom-mode VPC network shared by the server, Cloud SQL's private peering and the VPC connector. */
export const gcpNetworkName = (model: Model) => `${model.name}-pilot`;
export const gcpSubnetworkName = (model: Model) => `${model.name}-pilot-server`;
export const gcpFirewallName = (model: Model, rule: 'ssh' | 'waypoint') => `${model.name}-pilot-${rule}`;
export const gcpServerAddressName = (model: Model) => `${model.name}-pilot-ip`;
/** Range reserved for Cloud SQL's private services access peering. */
export const gcpSqlPeeringRangeName = (model: Model) => `${model.name}-sql-peering`;
/**
 * Workload identity pool and its AWS provider (IDs 4–32 characters). A deleted pool's ID stays
 * reserved for 30 days ("You cannot reuse the ID of a soft-deleted pool until it is permanently
 * deleted", WorkloadIdentityPool.State DELETED), so `clouds.gcp.poolGeneration` gives a re-created
 * Pilot a fresh pool ID (`<name>-pilot-g2`). Provider IDs are scoped to their pool, so a new pool
 * frees the provider ID too.
 */
export const gcpWifPoolId = (model: Model) => {
  const generation = model.clouds.gcp?.poolGeneration;
  return generation ? `${model.name}-pilot-g${generation}` : `${model.name}-pilot`;
};
export const gcpWifProviderId = (model: Model) => `${model.name}-aws`;
/** Load-balancer pieces of a Cloud CDN site, all named `<resourceName>-<part>`. */
export type GcpSitePart = 'cdn' | 'lb' | 'redirect' | 'https' | 'http' | 'cert' | 'ip';
export const gcpSiteName = (app: ModelApp, part: GcpSitePart) => `${app.resourceName}-${part}`;

/** Cloud CDN signed-URL key of a site's backend bucket (its creation makes Google create the cache-fill agent). */
export const gcpSiteSignedUrlKeyName = (app: ModelApp) => `${app.resourceName}-cdn-key`;
/**
 * Runtime service account of one project's Cloud Run apps: `<pilot>--<project>-run`. The "--" join
 * keeps it unambiguous (Pilot "a" + project "b-cdef" is "a--b-cdef-run", Pilot "a-b" + project
 * "cdef" is "a-b--cdef-run"); Google allows "--" inside account IDs (terraform-provider-google
 * verify/validation.go ServiceAccountNameRegex `^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$`, 6-30 characters).
 * A longer ID is cut and given a hash of pilot and project, so it fits and two projects or Pilots never
 * share an account; hashed IDs end in 6 hex digits, never in "-run", so they cannot meet a readable one.
 */
export function gcpRunServiceAccountId(model: Model, project: string): string {
  const id = `${model.name}${JOIN}${project}-run`;
  return id.length <= 30 ? id : `${id.slice(0, 23).replace(/-+$/, '')}-${shortHash(model.name, project)}`;
}
/**
 * The runner's custom role; role IDs allow only letters, digits, `_` and `.` (3-64 characters,
 * provider IAMCustomRoleIDRegex). A deleted custom role can be undeleted for 7 days (the provider's
 * Create undeletes a soft-deleted role of the same ID: resource_google_project_iam_custom_role.go),
 * then its ID stays taken until permanent deletion ends 37 days after the delete (Google IAM,
 * "Deleting a custom role"; terraform-provider-google #1681), so `clouds.gcp.poolGeneration` also renames the role
 * (`pilot_<name>_runner_g2`). At most 6 + 16 + 7 + 5 = 34 characters.
 */
export const gcpRunnerRoleId = (model: Model) => {
  const base = `pilot_${model.name.replace(/-/g, '_')}_runner`;
  const generation = model.clouds.gcp?.poolGeneration;
  return generation ? `${base}_g${generation}` : base;
};
/** Daily snapshot schedule of the GCP server's boot disk (Waypoint's database lives there). */
export const gcpServerSnapshotPolicyName = (model: Model) => `${model.name}-pilot-snapshots`;

/** All derived names with their limits (the smallest limit among the clouds that use them). */
export function derivedNames(model: Model): DerivedName[] {
  const out: DerivedName[] = [
    { what: 'server instance name', value: serverName(model), max: 63, configPath: 'name', kind: model.server.cloud === 'gcp' ? 'gcp-resource' : undefined },
    { what: 'server service account ID', value: serverServiceAccountId(model), max: 30, configPath: 'name' },
  ];
  if (model.server.cloud === 'aws') {
    out.push({ what: 'server security group name', value: serverSecurityGroup(model), max: 255, configPath: 'name', kind: 'security-group' });
    out.push({ what: 'server IAM role name', value: awsServerRoleName(model), max: 64, configPath: 'name' });
  }
  if (model.database) {
    const aws = model.database.cloud === 'aws';
    out.push({ what: 'database instance name', value: databaseName(model), max: 63, configPath: 'database', kind: aws ? 'rds-identifier' : 'gcp-resource' });
    if (aws) out.push({ what: 'database security group name', value: databaseSecurityGroup(model), max: 255, configPath: 'name', kind: 'security-group' });
  }
  if (model.database?.cloud === 'gcp') out.push({ what: 'Serverless VPC Access connector name', value: vpcConnectorName(model), max: 25, configPath: 'name', kind: 'gcp-resource' });
  if (model.server.cloud === 'gcp' || model.database?.cloud === 'gcp') out.push({ what: 'VPC network name', value: gcpNetworkName(model), max: 63, configPath: 'name', kind: 'gcp-resource' });
  if (model.server.cloud === 'aws' && model.clouds.gcp) {
    out.push({ what: 'workload identity pool ID', value: gcpWifPoolId(model), max: 32, configPath: 'name', kind: 'wif-pool' });
    out.push({ what: 'workload identity provider ID', value: gcpWifProviderId(model), max: 32, configPath: 'name', kind: 'wif-provider' });
  }
  for (const project of model.projects) {
    const apps = project.apps;
    if (apps.some((a) => a.deploy.kind === 'ecs'))
      out.push({ what: 'ECS cluster name', value: ecsCluster(model.name, project.name), max: 255, configPath: `projects.${project.name}` });
    if (apps.some((a) => a.registry?.kind === 'artifactRegistry'))
      out.push({ what: 'Artifact Registry repository ID', value: artifactRepository(model.name, project.name), max: 63, configPath: `projects.${project.name}`, kind: 'gcp-resource' });
    for (const app of apps) {
      const at = app.configPath;
      const wp = waypointAppName(model, app);
      const waypointHint = (max: number, what: string) =>
        `Waypoint names the ${what} after "${wp}" (the app name, "-" and 6 characters hashed from the pilot and project names): use an app name of at most ${max - (wp.length - app.name.length)} characters`;
      if (app.registry?.kind === 'ecr') out.push({ what: 'ECR repository name', value: app.registry.repository, max: 256, configPath: at, kind: 'ecr-repository' });
      // IAM role names (task execution role, Lambda role) are capped at 64.
      if (app.deploy.kind === 'ecs' || app.deploy.kind === 'lambda') out.push({ what: 'IAM role name', value: appRoleName(app), max: 64, configPath: at });
      if (app.deploy.kind === 'ecs') {
        out.push({ what: 'security group name', value: appTasksSecurityGroup(app), max: 255, configPath: at, kind: 'security-group' });
        const alb = waypointEcsLoadBalancer(model, app);
        out.push({ what: 'load balancer name (set by Waypoint)', value: alb, max: 32, configPath: at, kind: 'elb', hint: waypointHint(32 - (alb.length - wp.length), 'load balancer "waypoint-ecs-<app>"') });
        out.push({ what: 'load balancer security group name (set by Waypoint)', value: waypointEcsInboundSecurityGroup(model, app), max: 255, configPath: at, kind: 'security-group' });
      }
      // Waypoint cuts "<app>-<26-character ULID>" to 32 characters; keeping the ULID's 10-character
      // timestamp keeps each deployment's target group distinct and never ends the name in "-".
      if (app.deploy.kind === 'ecs' || app.deploy.kind === 'lambda') {
        const prefix = waypointTargetGroupPrefix(model, app);
        out.push({ what: 'target group name prefix (set by Waypoint, before the deployment ID)', value: prefix, max: 32 - 10, configPath: at, hint: waypointHint(32 - 10 - 1, 'target groups "<app>-<deployment ID>"') });
      }
      if (app.deploy.kind === 'lambda') out.push({ what: 'Lambda function name (set by Waypoint)', value: waypointLambdaFunction(model, app), max: 64, configPath: at, kind: 'lambda-function' });
      if (app.deploy.kind === 'cloudRun')
        out.push({ what: 'Cloud Run service name (set by Waypoint)', value: waypointCloudRunService(model, app), max: 49, configPath: at, kind: 'cloud-run-service', hint: waypointHint(49, 'Cloud Run service') });
      if (app.deploy.kind === 'cloudfront') {
        out.push({ what: 'S3 bucket prefix', value: s3SiteBucketPrefix(app), max: 37, configPath: at, kind: 's3-bucket-prefix' });
        // CreateOriginAccessControl: "Name … up to 64 characters".
        out.push({ what: 'CloudFront origin access control name', value: cloudfrontOacName(app), max: 64, configPath: at });
      }
      if (app.deploy.kind === 'cloudCdn') {
        out.push({ what: 'Cloud Storage bucket name', value: gcsSiteBucket(model, app), max: 63, configPath: at, kind: 'gcs-bucket' });
        out.push({ what: 'Cloud CDN load balancer resource name', value: gcpSiteName(app, 'redirect'), max: 63, configPath: at, kind: 'gcp-resource' });
      }
    }
  }
  return out;
}

/**
 * RDS's final snapshot name ends in the database's creation time (a Terraform expression frozen in
 * state): before Terraform's state is read, plan and destroy show that part as a placeholder.
 */
export const describeFinalSnapshot = (identifier: string) => identifier.replace(/\$\{.*?\}/g, '<creation time>');
