// The public surface of '@pilot-framework/pilot': defineConfig, builders and types. Builders return
// plain data (plain object literals work too) and remember their call site for error messages.
import type { z } from 'zod/mini';
import { located } from './loc.ts';
import type { secretSchema } from './schema/app.ts';
import type { dockerBuildSchema, packBuildSchema, yarnBuildSchema } from './schema/build.ts';
import type { ConfigInput } from './schema/config.ts';
import type { databaseSchema } from './schema/database.ts';
import type {
  cloudCdnDeploySchema,
  cloudfrontDeploySchema,
  cloudRunDeploySchema,
  ecsDeploySchema,
  lambdaDeploySchema,
} from './schema/deploy.ts';
import type { artifactRegistrySchema, ecrRegistrySchema } from './schema/registry.ts';
import type { awsServerSchema, gcpServerSchema } from './schema/server.ts';

export type { AppInput, Config, ConfigInput, ProjectInput, RepositoryInput } from './schema/config.ts';

// Interfaces rather than aliases: type errors and hovers then say "EcsOptions", not a 10-line literal.
type Options<S extends z.ZodMiniType> = Omit<z.input<S>, 'kind' | 'cloud' | 'engine'>;

export interface AwsServerOptions extends Options<typeof awsServerSchema> {}
export interface GcpServerOptions extends Options<typeof gcpServerSchema> {}
export interface PostgresOptions extends Options<typeof databaseSchema> {}
export interface DockerBuildOptions extends Options<typeof dockerBuildSchema> {}
export interface PackBuildOptions extends Options<typeof packBuildSchema> {}
export interface YarnBuildOptions extends Options<typeof yarnBuildSchema> {}
export interface EcrOptions extends Options<typeof ecrRegistrySchema> {}
export interface EcsOptions extends Options<typeof ecsDeploySchema> {}
export interface CloudRunOptions extends Options<typeof cloudRunDeploySchema> {}
export interface LambdaOptions extends Options<typeof lambdaDeploySchema> {}
export interface CloudfrontOptions extends Options<typeof cloudfrontDeploySchema> {}
export interface CloudCdnOptions extends Options<typeof cloudCdnDeploySchema> {}
export type Secret = z.input<typeof secretSchema>;

/** What a config function receives. */
export type ConfigEnv = { /** The pilot command being run, e.g. "compile". */ command: string };

/**
 * A config computed when pilot loads it (it may be async). TypeScript checks the returned object for
 * misspelt keys only with a return type: `async (env): Promise<ConfigInput> => ({ ... })`.
 */
export type ConfigFunction = (env: ConfigEnv) => ConfigInput | Promise<ConfigInput>;

/**
 * Identity with types: gives editors completion and docs for pilot.config.ts.
 * Not generic on purpose: a type parameter inferred from the literal would switch off TypeScript's
 * excess-property check, and a misspelt key in a plain object (`databse`, `reff`) would pass.
 */
export function defineConfig(config: ConfigInput | ConfigFunction): ConfigInput | ConfigFunction {
  return config;
}

/** AWS builders. */
export const aws = {
  /** An EC2 VM running the Waypoint server and runner. */
  server: (options: AwsServerOptions) => located({ cloud: 'aws' as const, ...options }),
};

/** Google Cloud builders. */
export const gcp = {
  /** A Compute Engine VM running the Waypoint server and runner. */
  server: (options: GcpServerOptions) => located({ cloud: 'gcp' as const, ...options }),
};

/** A managed PostgreSQL database (RDS or Cloud SQL), reachable only from the private network. */
export const postgres = (options: PostgresOptions) => located({ engine: 'postgres' as const, ...options });

/** Build with a Dockerfile. */
export const docker = (options: DockerBuildOptions = {}) => located({ kind: 'docker' as const, ...options });
/**
 * Build with Cloud Native Buildpacks. Refused with PILOT3060: Waypoint 0.11.4's pack library cannot
 * drive any maintained builder.
 * @deprecated Use docker() with a Dockerfile.
 */
export const pack = (options: PackBuildOptions = {}) => located({ kind: 'pack' as const, ...options });
/** Build a static site with yarn. */
export const yarn = (options: YarnBuildOptions = {}) => located({ kind: 'yarn' as const, ...options });

/** Push to an ECR repository pilot creates. */
export const ecr = (options: EcrOptions = {}) => located({ kind: 'ecr' as const, ...options });
/** Push to the project's Artifact Registry repository pilot creates. */
export const artifactRegistry = () => located({ kind: 'artifactRegistry' as const });

/** Deploy to ECS Fargate. */
export const ecs = (options: EcsOptions = {}) => located({ kind: 'ecs' as const, ...options });
/** Deploy to Cloud Run. */
export const cloudRun = (options: CloudRunOptions = {}) => located({ kind: 'cloudRun' as const, ...options });
/** Deploy to AWS Lambda with a function URL. */
export const lambda = (options: LambdaOptions = {}) => located({ kind: 'lambda' as const, ...options });
/** Host a static site on S3 + CloudFront. */
export const cloudfront = (options: CloudfrontOptions = {}) => located({ kind: 'cloudfront' as const, ...options });
/** Host a static site on Cloud Storage + Cloud CDN. */
export const cloudCdn = (options: CloudCdnOptions = {}) => located({ kind: 'cloudCdn' as const, ...options });

/** A secret read from the environment variable `name` at apply time; never written to an artifact. */
export const secret = (name: string): Secret => located({ kind: 'secret' as const, name });
