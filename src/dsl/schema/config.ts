import { z } from 'zod/mini';
import { awsRegion, gcpRegion, resourceName } from './common.ts';
import { databaseSchema } from './database.ts';
import { appSchema } from './app.ts';
import { projectSchema, repositorySchema } from './project.ts';
import { serverSchema } from './server.ts';

/** Cloud accounts apps and the database may use. */
export const cloudsSchema = z.strictObject({
  /** AWS: credentials come from the environment where `pilot apply` runs. */
  aws: z.optional(
    z.strictObject({
      /** @example "us-east-1" */
      region: awsRegion,
      /**
       * Two availability zones for pilot's VPC subnets (server, database, ECS tasks), whichever
       * cloud the server runs on. Zone letters differ per account and some are closed to new
       * subnets or lack Fargate: set this to pin zones you know work.
       * @default the region's first two available zones that need no opt-in, looked up at plan time
       * @example ['us-east-1a', 'us-east-1c']
       */
      availabilityZones: z.optional(z.tuple([z.string(), z.string()])),
      /**
       * VPC flow logs (all traffic) to a CloudWatch log group kept 30 days (CIS AWS 3.7). CloudWatch
       * bills ingestion per GB. @default true
       */
      flowLogs: z._default(z.boolean(), true),
    }),
  ),
  /** Google Cloud: credentials come from the environment where `pilot apply` runs. */
  gcp: z.optional(z.strictObject({ /** Project ID. */ project: z.string().check(z.regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { message: 'Expected a Google Cloud project ID such as acme-prod' })), /** @example "us-central1" */ region: gcpRegion,
    /**
     * Raise (2, 3, …) after `pilot destroy` to re-create under new IDs what Google keeps reserved once
     * deleted: the workload identity pool (`<name>-pilot-g<n>`, 30 days; AWS server only) and the
     * runner's custom role (`pilot_<name>_runner_g<n>`, 37 days).
     */
    poolGeneration: z.optional(z.number().check(z.int(), z.gte(2), z.lte(999))),
    /** Flow logs of pilot's server subnet (CIS GCP 3.8), billed as log ingestion; the same switch as clouds.aws.flowLogs. @default true */
    flowLogs: z._default(z.boolean(), true),
  })),
});

/** How many applied records `pilot history` keeps. @default 20 */
const history = z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000)));

/** Where Terraform keeps its state (and pilot its record). @default { backend: 'local' } */
export const stateSchema = z.discriminatedUnion('backend', [
  z.strictObject({ backend: z.literal('local'), history }),
  z.strictObject({ backend: z.literal('s3'), bucket: z.string().check(z.minLength(3)), region: awsRegion, /** @default "pilot/<name>" */ prefix: z.optional(z.string().check(z.minLength(1))), history }),
  z.strictObject({ backend: z.literal('gcs'), bucket: z.string().check(z.minLength(3)), /** @default "pilot/<name>" */ prefix: z.optional(z.string().check(z.minLength(1))), history }),
]);

/** The whole of pilot.config.ts. */
export const configSchema = z.strictObject({
  /** Prefix of every cloud resource name; two Pilots in one account need different names. */
  name: resourceName.check(z.maxLength(16)),
  /** The VM that runs the Waypoint server and runner. */
  server: serverSchema,
  /** Clouds that apps and the database deploy to. @default {} */
  clouds: z._default(cloudsSchema, {}),
  /** Where Terraform state lives. @default { backend: 'local' } */
  state: z._default(stateSchema, { backend: 'local' }),
  /** Optional PostgreSQL database. */
  database: z.optional(databaseSchema),
  /** Projects by name. @default {} */
  projects: z._default(z.record(resourceName, projectSchema), {}),
});

// Named interfaces for the nested plain objects. The declaration files inline a schema's type where
// another file's schema uses it, without its doc comments; through these interfaces an editor shows
// each field's doc comment (repository.ref, an app's env) from the file that declares it.

/** The git repository a project's runner checks out: `{ url, ref, path, poll, credentials }`. */
export interface RepositoryInput extends z.input<typeof repositorySchema> {}
/** One deployable unit: where its source is, how it is built, where it runs. */
export interface AppInput extends z.input<typeof appSchema> {}
/** A Waypoint project: one repository, several apps. */
export interface ProjectInput extends Omit<z.input<typeof projectSchema>, 'repository' | 'apps'> {
  /** The git repository the runner checks out to build the project's apps. */
  repository: RepositoryInput;
  /** Apps by name (lowercase, digits, hyphens). */
  apps: Record<string, AppInput>;
}

/** What pilot.config.ts exports (defaults not yet applied). An interface, so messages name it. */
export interface ConfigInput extends Omit<z.input<typeof configSchema>, 'projects'> {
  /** Projects by name. @default {} */
  projects?: Record<string, ProjectInput>;
}
export type Config = z.output<typeof configSchema>;
