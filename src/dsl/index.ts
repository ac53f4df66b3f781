// The public surface of '@pilot-framework/pilot': defineConfig, builders and types. Builders return
// plain data (plain object literals work too) and remember their call site for error messages.
import type { z } from 'zod';
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

export type { Config, ConfigInput } from './schema/config.ts';

type Options<S extends z.ZodType> = Omit<z.input<S>, 'kind' | 'cloud' | 'engine'>;

export type AwsServerOptions = Options<typeof awsServerSchema>;
export type GcpServerOptions = Options<typeof gcpServerSchema>;
export type PostgresOptions = Options<typeof databaseSchema>;
export type DockerBuildOptions = Options<typeof dockerBuildSchema>;
export type PackBuildOptions = Options<typeof packBuildSchema>;
export type YarnBuildOptions = Options<typeof yarnBuildSchema>;
export type EcrOptions = Options<typeof ecrRegistrySchema>;
export type EcsOptions = Options<typeof ecsDeploySchema>;
export type CloudRunOptions = Options<typeof cloudRunDeploySchema>;
export type LambdaOptions = Options<typeof lambdaDeploySchema>;
export type CloudfrontOptions = Options<typeof cloudfrontDeploySchema>;
export type CloudCdnOptions = Options<typeof cloudCdnDeploySchema>;
export type Secret = z.input<typeof secretSchema>;

/** What a config function receives. */
export type ConfigEnv = { /** The pilot command being run, e.g. "compile". */ command: string };

/** Identity with types: gives editors completion and docs for pilot.config.ts. */
export function defineConfig<T extends ConfigInput | ((env: ConfigEnv) => ConfigInput | Promise<ConfigInput>)>(config: T): T {
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
