// The one plain, fully defaulted model every emitter reads. JSON-serialisable, sorted, no optionals
// that an emitter would have to default again.
import type { Config } from '../dsl/schema/config.ts';

type C = Config;
type App = C['projects'][string]['apps'][string];

export type RuntimeImage = { repository: string; tag: string; digest?: string; /** repository:tag[@digest] */ ref: string };

export type AwsServer = Omit<Extract<C['server'], { cloud: 'aws' }>, 'ami' | 'availabilityZones' | 'image'> & {
  ami: string;
  availabilityZones: [string, string];
  image: RuntimeImage;
};
export type GcpServer = Omit<Extract<C['server'], { cloud: 'gcp' }>, 'image'> & {
  /** From clouds.gcp. */
  project: string;
  region: string;
  image: RuntimeImage;
};
export type ModelServer = AwsServer | GcpServer;

export type ModelClouds = { aws?: { region: string }; gcp?: { project: string; region: string } };

/** `history`: how many applied records the record store keeps (absent: 20). */
export type ModelState =
  | { backend: 'local'; history?: number }
  | { backend: 's3'; bucket: string; region: string; prefix: string; history?: number }
  | { backend: 'gcs'; bucket: string; prefix: string; history?: number };

export type ModelDatabase = Omit<NonNullable<C['database']>, 'on' | 'size' | 'instanceClass' | 'engine'> & {
  cloud: 'aws' | 'gcp';
  /** RDS instance class or Cloud SQL tier, resolved from size. */
  instanceClass: string;
};

export type EnvVar = { name: string; value: string } | { name: string; secret: string };

export type ModelBuild = App['build'];
export type ModelRegistry =
  | { kind: 'ecr'; immutableTags: boolean; /** Repository name (region-local, no account). */ repository: string; region: string }
  | { kind: 'artifactRegistry'; project: string; region: string; repository: string; /** Image path without tag. */ image: string };

type D = App['deploy'];
export type EcsDeploy = Omit<Extract<D, { kind: 'ecs' }>, 'cpu' | 'region'> & { cpu: number; region: string };
export type CloudRunDeploy = Omit<Extract<D, { kind: 'cloudRun' }>, 'region'> & { region: string; project: string };
export type LambdaDeploy = Omit<Extract<D, { kind: 'lambda' }>, 'region'> & { region: string };
export type CloudfrontDeploy = Extract<D, { kind: 'cloudfront' }> & { region: string };
export type CloudCdnDeploy = Extract<D, { kind: 'cloudCdn' }> & { project: string; region: string };
export type ModelDeploy = EcsDeploy | CloudRunDeploy | LambdaDeploy | CloudfrontDeploy | CloudCdnDeploy;

export type ModelApp = {
  project: string;
  name: string;
  /** `<name>-<project>-<app>`: the base of this app's cloud resource names. */
  resourceName: string;
  /** `<project>_<app>`: the base of this app's Terraform addresses and output names. */
  id: string;
  /** Path of the app relative to the project's `repository.path` (where Waypoint works). */
  path: string;
  build: ModelBuild;
  /** Absent for static sites. */
  registry?: ModelRegistry;
  deploy: ModelDeploy;
  env: EnvVar[];
  /** Whether the app gets the database's connection (see appUsesDatabase in secrets.ts). */
  database: boolean;
  labels: Record<string, string>;
  /** Dot path of the app in pilot.config.ts, for diagnostics. */
  configPath: string;
};

/** Git credentials by secret name; `pilot apply` resolves them and sends data_source.git.basic / .ssh (W-7). */
export type RepositoryCredentials =
  | { kind: 'basic'; username: string; passwordSecret: string }
  | { kind: 'ssh'; sshKeySecret: string; /** From the URL's user part ("git" by default, as Waypoint's own default). */ user: string };

export type ModelProject = {
  name: string;
  repository: { url: string; ref: string; path?: string; poll: false | string; credentials?: RepositoryCredentials };
  labels: Record<string, string>;
  apps: ModelApp[];
};

export type Model = {
  name: string;
  server: ModelServer;
  clouds: ModelClouds;
  state: ModelState;
  database?: ModelDatabase;
  projects: ModelProject[];
};

/** Every app of every project, in project then app order. */
export const allApps = (model: Model): ModelApp[] => model.projects.flatMap((p) => p.apps);
