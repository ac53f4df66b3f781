// Checks the schema cannot express: cross-references between clouds, regions, builds and deploys,
// Fargate sizes, CIDRs, and the final derived names. Pure; returns diagnostics with config paths.
import type { Config } from '../dsl/schema/config.ts';
import { buildLimitErrors } from './build-limits.ts';
import { parseCidr } from './cidr.ts';
import { checkSecretsAndDatabase } from './check-secrets.ts';
import { CODES, type Diagnostic, error, warning } from './diagnostics.ts';
import { FARGATE_MEMORY_VALUES, fargateCpuFor } from './fargate.ts';
import { connectorRegionErrors } from './database-access.ts';
import { checkLambdaEnv } from './lambda-env.ts';
import type { Model } from './model.ts';
import { checkNames } from './name-checks.ts';
import { resolveClouds } from './normalize.ts';
import { checkSshKey } from './ssh-key-check.ts';
import { checkAwsZones, checkRunnerPolicySize } from './aws-checks.ts';

type App = Config['projects'][string]['apps'][string];
const CLOUD_OF_DEPLOY = { ecs: 'aws', lambda: 'aws', cloudfront: 'aws', cloudRun: 'gcp', cloudCdn: 'gcp' } as const;
const LABEL_KEY = /^[a-zA-Z]([a-zA-Z0-9-]+[.]?)*[a-zA-Z0-9]$/;

/** Waypoint's label rules (internal/config/validate.go ValidateLabels), for apps and projects alike. */
function labelErrors(labels: Record<string, string>, at: string): Diagnostic[] {
  return Object.entries(labels)
    .filter(([key, value]) => !LABEL_KEY.test(key.split('/')[0]) || key.startsWith('waypoint/') || key.length > 255 || value.length > 255)
    .map(([key]) =>
      error(CODES.INVALID_LABEL, `Waypoint rejects the label "${key}"`, {
        path: `${at}.labels.${key}`,
        hint: 'Label keys start with a letter, have at least two characters of letters, digits, "-" and ".", and may not use the waypoint/ prefix; keys and values are at most 255 characters',
      }),
    );
}

function checkServer(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  const s = config.server;
  s.allowFrom.forEach((text, i) => {
    const path = `server.allowFrom.${i}`;
    const cidr = parseCidr(text);
    if (!cidr) {
      const v6 = text.includes(':');
      out.push(error(CODES.INVALID_CIDR, v6 ? `"${text}" is an IPv6 range, but the server has only an IPv4 address` : `"${text}" is not an IPv4 CIDR range`, { path, hint: v6 ? 'List the IPv4 ranges you connect from' : 'Write an address and prefix length, e.g. "203.0.113.0/24" or "198.51.100.7/32"' }));
    } else if (cidr.network !== cidr.address) {
      out.push(error(CODES.INVALID_CIDR, `"${text}" has host bits set after the /${cidr.prefix} prefix`, { path, hint: `Did you mean "${cidr.network}/${cidr.prefix}"?` }));
    } else if (cidr.prefix === 0) {
      out.push(warning(CODES.OPEN_TO_WORLD, `"${text}" opens SSH and the Waypoint API (9701, 9702) to the whole internet`, { path, hint: 'List only the addresses your team and CI connect from; brute-force scans find open SSH within minutes' }));
    }
  });
  // The runtime image and Debian's default AMI are amd64 builds: an Arm server could not run them.
  const type = s.cloud === 'aws' ? s.instanceType : s.machineType;
  const arm = s.cloud === 'aws' ? /^[a-z]+\d+g[a-z]*\./.test(type) : /^(t2a|c4a)-/.test(type);
  if (arm) {
    const field = s.cloud === 'aws' ? 'instanceType' : 'machineType';
    out.push(error(CODES.SERVER_ARCHITECTURE, `${type} is an Arm machine, but the Pilot runtime image is built for amd64 only`, { path: `server.${field}`, hint: s.cloud === 'aws' ? 'Use an x86 type such as t3.medium or m6i.large' : 'Use an x86 type such as e2-medium or n2-standard-2' }));
  }
  if (s.cloud === 'aws' && config.clouds.aws && config.clouds.aws.region !== s.region) {
    out.push(error(CODES.REGION_MISMATCH, `The server is in ${s.region} but clouds.aws.region is ${config.clouds.aws.region}`, { path: 'server.region', hint: 'Use one AWS region for the server and clouds.aws' }));
  }
  if (s.cloud === 'gcp') {
    const gcp = config.clouds.gcp;
    if (!gcp) out.push(error(CODES.SERVER_CLOUD_NOT_CONFIGURED, 'The server runs on GCP but clouds.gcp is not configured', { path: 'server', hint: "Add clouds: { gcp: { project: 'my-project', region: 'us-central1' } }" }));
    else if (!s.zone.startsWith(`${gcp.region}-`)) out.push(error(CODES.REGION_MISMATCH, `Zone ${s.zone} is not in clouds.gcp.region ${gcp.region}`, { path: 'server.zone', hint: `Use a zone of ${gcp.region}, e.g. ${gcp.region}-a` }));
  }
  return out;
}

function checkApp(config: Config, projectName: string, appName: string, app: App): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = `projects.${projectName}.apps.${appName}`;
  const clouds = resolveClouds(config);
  const d = app.deploy;
  const cloud = CLOUD_OF_DEPLOY[d.kind];
  if (!clouds[cloud]) {
    const example = cloud === 'aws' ? "aws: { region: 'us-east-1' }" : "gcp: { project: 'my-project', region: 'us-central1' }";
    out.push(error(CODES.APP_CLOUD_NOT_CONFIGURED, `${appName} deploys with ${d.kind}() to ${cloud.toUpperCase()}, which clouds does not configure`, { path: `${at}.deploy`, hint: `Add clouds: { ${example} }` }));
  }
  if ((d.kind === 'ecs' || d.kind === 'lambda') && d.region && clouds.aws && d.region !== clouds.aws.region) {
    out.push(error(CODES.REGION_MISMATCH, `${appName} deploys to ${d.region} but clouds.aws.region is ${clouds.aws.region}`, { path: `${at}.deploy.region`, hint: 'Remove region to use clouds.aws.region; pilot provisions one AWS region' }));
  }
  const isStatic = d.kind === 'cloudfront' || d.kind === 'cloudCdn';
  if (isStatic && app.build.kind !== 'yarn') {
    out.push(error(CODES.BUILD_DEPLOY_MISMATCH, `${d.kind}() hosts static files, but ${appName} builds a container image with ${app.build.kind}()`, { path: `${at}.build`, hint: "Use build: yarn({ outDir: 'build' }) for a static site, or deploy the image with ecs(), cloudRun() or lambda()" }));
  }
  if (!isStatic && app.build.kind === 'yarn') {
    out.push(error(CODES.BUILD_DEPLOY_MISMATCH, `yarn() builds static files, but ${d.kind}() runs a container image`, { path: `${at}.build`, hint: 'Use docker() or pack() to build an image, or deploy with cloudfront() / cloudCdn()' }));
  }
  if (app.registry) {
    const reg = app.registry.kind;
    if (isStatic) out.push(error(CODES.REGISTRY_DEPLOY_MISMATCH, `${d.kind}() sites have no image registry`, { path: `${at}.registry`, hint: 'Remove registry' }));
    else if (reg === 'ecr' && d.kind === 'cloudRun') out.push(error(CODES.REGISTRY_DEPLOY_MISMATCH, 'Cloud Run only runs images from Artifact Registry or gcr.io, not ECR', { path: `${at}.registry`, hint: 'Remove registry to use Artifact Registry' }));
    else if (reg === 'artifactRegistry' && d.kind !== 'cloudRun') out.push(error(CODES.REGISTRY_DEPLOY_MISMATCH, `${d.kind}() needs an ECR image; Waypoint's ${d.kind === 'ecs' ? 'aws-ecs' : 'aws-lambda'} plugin cannot pull from Artifact Registry`, { path: `${at}.registry`, hint: 'Remove registry to use ECR' }));
  }
  // A runner on GCP has a Google identity only; AWS would need web-identity federation pilot does not set up yet.
  if (config.server.cloud === 'gcp' && cloud === 'aws') {
    out.push(warning(CODES.NO_RUNNER_IDENTITY, `The server runs on GCP, so its runner has no AWS credentials to deploy ${appName} with ${d.kind}()`, { path: `${at}.deploy`, hint: 'Run the server on AWS (it can deploy to both clouds), or give the runner AWS credentials yourself' }));
  }
  if (d.kind === 'ecs') {
    const allowed = fargateCpuFor(d.memory);
    if (allowed.length === 0) {
      out.push(error(CODES.FARGATE_SIZE, `Fargate does not offer ${d.memory} MiB of memory`, { path: `${at}.deploy.memory`, hint: `Use 512, 1024, 2048, 3072 or a multiple of 1024 from 4096 to 30720 (${FARGATE_MEMORY_VALUES.length} sizes)` }));
    } else if (d.cpu !== undefined && !allowed.includes(d.cpu)) {
      out.push(error(CODES.FARGATE_SIZE, `Fargate does not run ${d.memory} MiB with ${d.cpu} CPU units`, { path: `${at}.deploy.cpu`, hint: `With memory ${d.memory} use cpu ${allowed.join(', ')}, or remove cpu` }));
    }
  }
  // Waypoint's load balancer listens on port 80 to 0.0.0.0/0 unless it gets a certificate (T-24).
  if (d.kind === 'ecs' && !d.domain) {
    out.push(warning(CODES.PLAIN_HTTP_APP, `${appName} is served over plain HTTP on port 80, open to the internet: anyone on the path can read and change its requests and responses, cookies and tokens included`, { path: `${at}.deploy`, hint: "Add domain: 'api.example.com' for HTTPS with an ACM certificate pilot requests" }));
  }
  if (d.kind === 'cloudfront') {
    if (d.certificateArn && !d.domain) out.push(error(CODES.CERTIFICATE_WITHOUT_DOMAIN, 'certificateArn is set but domain is not', { path: `${at}.deploy.certificateArn`, hint: "Add domain: 'www.example.com', or remove certificateArn" }));
    if (d.domain && !d.certificateArn) out.push(error(CODES.CERTIFICATE_WITHOUT_DOMAIN, `CloudFront needs an ACM certificate in us-east-1 to serve ${d.domain}`, { path: `${at}.deploy.domain`, hint: 'Add certificateArn of a certificate covering the domain, or remove domain to use the *.cloudfront.net address' }));
  }
  out.push(...buildLimitErrors(app, at));
  out.push(...labelErrors(app.labels, at));
  return out;
}

/** Checks on the validated config, before normalize. */
export function checkConfig(config: Config): Diagnostic[] {
  const out = [...checkServer(config), ...checkSshKey(config), ...checkAwsZones(config)];
  const clouds = resolveClouds(config);
  if (config.database && !clouds[config.database.on]) {
    out.push(error(CODES.DATABASE_CLOUD_NOT_CONFIGURED, `The database is on ${config.database.on.toUpperCase()}, which clouds does not configure`, { path: 'database.on', hint: `Configure clouds.${config.database.on}, or put the database on the server's cloud (${config.server.cloud})` }));
  }
  if (config.state.backend === 's3' && !clouds.aws) out.push(error(CODES.STATE_BACKEND_CLOUD, 'State in S3 needs AWS credentials, but no AWS cloud is configured', { path: 'state', hint: "Use backend: 'gcs' or 'local', or configure clouds.aws" }));
  if (config.state.backend === 'gcs' && !clouds.gcp) out.push(error(CODES.STATE_BACKEND_CLOUD, 'State in GCS needs a Google Cloud project, but clouds.gcp is not configured', { path: 'state', hint: "Use backend: 's3' or 'local', or configure clouds.gcp" }));
  for (const [projectName, project] of Object.entries(config.projects)) {
    for (const [appName, app] of Object.entries(project.apps)) out.push(...checkApp(config, projectName, appName, app));
    out.push(...labelErrors(project.labels, `projects.${projectName}`));
  }
  out.push(...checkSecretsAndDatabase(config));
  out.push(...checkLambdaEnv(config));
  return out;
}

/** Checks on the normalized model: final names are unique and within each cloud's limits. */
export function checkModel(model: Model): Diagnostic[] {
  return [...checkRunnerPolicySize(model), ...connectorRegionErrors(model), ...checkNames(model)];
}
