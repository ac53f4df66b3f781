// Config -> Model: defaults resolved, names derived, everything sorted. Pure. Runs only on a config
// that passed schema and semantic checks, so cross-references (clouds, regions) are known to exist.
import type { Config } from '../dsl/schema/config.ts';
import { fargateCpuFor } from './fargate.ts';
import type { EnvVar, Model, ModelApp, ModelDeploy, ModelProject, ModelRegistry, ModelServer, ModelClouds, RepositoryCredentials, RuntimeImage } from './model.ts';
import { appId, appResourceName, artifactRepository, ecrRepository } from './names.ts';
import { databaseWanted } from './secrets.ts';
import { byCodePoint } from './canonical.ts';

/** Debian publishes its current AMI per region as this public SSM parameter. */
export const DEFAULT_AWS_AMI = 'resolve:ssm:/aws/service/debian/release/12/latest/amd64';

export const DATABASE_CLASSES = {
  aws: { small: 'db.t4g.small', medium: 'db.t4g.medium', large: 'db.m7g.large' },
  // Cloud SQL custom tiers need at least 3840 MB and 0.9-6.5 GB per vCPU in 256 MB steps
  // (https://cloud.google.com/sql/docs/postgres/instance-settings), so "small" is the smallest
  // dedicated tier (3.75 GB); medium and large match the documented 4 and 8 GB with 2 vCPUs, as on AWS.
  gcp: { small: 'db-custom-1-3840', medium: 'db-custom-2-4096', large: 'db-custom-2-8192' },
} as const;

const sortedRecord = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => byCodePoint(a, b)));
const sortedKeys = <T>(r: Record<string, T>) => Object.keys(r).sort();

function runtimeImage(image: Config['server']['image']): RuntimeImage {
  return { ...image, ref: `${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ''}` };
}

/** Clouds in use: the configured ones plus the server's own. */
export function resolveClouds(config: Config): ModelClouds {
  const clouds: ModelClouds = { ...config.clouds };
  if (config.server.cloud === 'aws' && !clouds.aws) clouds.aws = { region: config.server.region, flowLogs: true };
  return clouds;
}

function normalizeServer(config: Config, clouds: ModelClouds): ModelServer {
  const s = config.server;
  if (s.cloud === 'aws') {
    return {
      ...s,
      ami: s.ami ?? DEFAULT_AWS_AMI,
      allowFrom: [...s.allowFrom],
      image: runtimeImage(s.image),
    };
  }
  const gcp = clouds.gcp!;
  return { ...s, project: gcp.project, region: gcp.region, allowFrom: [...s.allowFrom], image: runtimeImage(s.image) };
}

function normalizeDeploy(deploy: Config['projects'][string]['apps'][string]['deploy'], clouds: ModelClouds): ModelDeploy {
  switch (deploy.kind) {
    case 'ecs':
      return { ...deploy, region: deploy.region ?? clouds.aws!.region, cpu: deploy.cpu ?? fargateCpuFor(deploy.memory)[0] };
    case 'lambda':
      return { ...deploy, region: deploy.region ?? clouds.aws!.region };
    case 'cloudRun':
      return { ...deploy, region: deploy.region ?? clouds.gcp!.region, project: clouds.gcp!.project };
    case 'cloudfront':
      return { ...deploy, region: clouds.aws!.region };
    case 'cloudCdn':
      return { ...deploy, project: clouds.gcp!.project, region: clouds.gcp!.region };
  }
}

function normalizeRegistry(config: Config, project: string, app: Omit<ModelApp, 'registry'>, declared: Config['projects'][string]['apps'][string]['registry']): ModelRegistry | undefined {
  const d = app.deploy;
  if (d.kind === 'cloudfront' || d.kind === 'cloudCdn') return undefined;
  const kind = declared?.kind ?? (d.kind === 'cloudRun' ? 'artifactRegistry' : 'ecr');
  if (kind === 'ecr') {
    return { kind: 'ecr', immutableTags: declared?.kind === 'ecr' ? declared.immutableTags : false, repository: ecrRepository(config.name, project, app.name), region: d.region };
  }
  const gcp = config.clouds.gcp!;
  const repository = artifactRepository(config.name, project);
  return { kind: 'artifactRegistry', project: gcp.project, region: gcp.region, repository, image: `${gcp.region}-docker.pkg.dev/${gcp.project}/${repository}/${app.name}` };
}

/** The SSH user of `git@host:path` or `ssh://user@host/path`; Waypoint sends "git" when none is given (internal/datasource/git.go auth). */
const sshUser = (url: string) => /^(?:ssh:\/\/)?([^@/:]+)@/.exec(url)?.[1] ?? 'git';

function repositoryCredentials(url: string, c: NonNullable<Config['projects'][string]['repository']['credentials']>): RepositoryCredentials {
  return 'sshKey' in c ? { kind: 'ssh', sshKeySecret: c.sshKey.name, user: sshUser(url) } : { kind: 'basic', username: c.username, passwordSecret: c.password.name };
}

export function normalizeConfig(config: Config): Model {
  const clouds = resolveClouds(config);
  const projects: ModelProject[] = sortedKeys(config.projects).map((projectName) => {
    const p = config.projects[projectName];
    const apps = sortedKeys(p.apps).map((appName): ModelApp => {
      const a = p.apps[appName];
      const env: EnvVar[] = sortedKeys(a.env).map((name) => {
        const v = a.env[name];
        return typeof v === 'string' ? { name, value: v } : { name, secret: v.name };
      });
      const base = {
        project: projectName,
        name: appName,
        resourceName: appResourceName(config.name, projectName, appName),
        id: appId(projectName, appName),
        path: a.path,
        build: a.build,
        deploy: normalizeDeploy(a.deploy, clouds),
        env,
        database: databaseWanted(config.database?.on, a.deploy.kind, a.database),
        labels: sortedRecord(a.labels),
        configPath: `projects.${projectName}.apps.${appName}`,
      };
      const registry = normalizeRegistry(config, projectName, base, a.registry);
      return registry ? { ...base, registry } : base;
    });
    const repo = p.repository;
    return {
      name: projectName,
      repository: { url: repo.url, ref: repo.ref, ...(repo.path ? { path: repo.path } : {}), poll: repo.poll, ...(repo.credentials ? { credentials: repositoryCredentials(repo.url, repo.credentials) } : {}) },
      labels: sortedRecord(p.labels),
      apps,
    };
  });
  const db = config.database;
  return {
    name: config.name,
    server: normalizeServer(config, clouds),
    clouds,
    state: config.state.backend === 'local' ? config.state : { ...config.state, prefix: config.state.prefix ?? `pilot/${config.name}` },
    ...(db
      ? {
          database: {
            cloud: db.on,
            version: db.version,
            instanceClass: db.instanceClass ?? DATABASE_CLASSES[db.on][db.size],
            storageGb: db.storageGb,
            backupRetentionDays: db.backupRetentionDays,
            deletionProtection: db.deletionProtection,
            finalSnapshot: db.finalSnapshot,
            name: db.name,
            username: db.username,
          },
        }
      : {}),
    projects,
  };
}
