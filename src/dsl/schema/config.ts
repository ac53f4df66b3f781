import { z } from 'zod';
import { awsRegion, gcpRegion, resourceName } from './common.ts';
import { databaseSchema } from './database.ts';
import { appSchema } from './app.ts';
import { projectSchema, repositorySchema } from './project.ts';
import { serverSchema } from './server.ts';

/** Cloud accounts apps and the database may use. */
export const cloudsSchema = z.strictObject({
  /** AWS: credentials come from the environment where `pilot apply` runs. */
  aws: z
    .strictObject({
      /** @example "us-east-1" */
      region: awsRegion,
      /**
       * Two availability zones for pilot's VPC subnets (server, database, ECS tasks), whichever
       * cloud the server runs on. Zone letters differ per account and some are closed to new
       * subnets or lack Fargate: set this to pin zones you know work.
       * @default the region's first two available zones that need no opt-in, looked up at plan time
       * @example ['us-east-1a', 'us-east-1c']
       */
      availabilityZones: z.tuple([z.string(), z.string()]).optional(),
      /**
       * VPC flow logs (all traffic) to a CloudWatch log group kept 30 days (CIS AWS 3.7). CloudWatch
       * bills ingestion per GB. @default true
       */
      flowLogs: z.boolean().default(true),
    })
    .optional(),
  /** Google Cloud: credentials come from the environment where `pilot apply` runs. */
  gcp: z.strictObject({ /** Project ID. */ project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { message: 'Expected a Google Cloud project ID such as acme-prod' }), /** @example "us-central1" */ region: gcpRegion,
    /**
     * Raise (2, 3, …) after `pilot destroy` to re-create under new IDs what Google keeps reserved once
     * deleted: the workload identity pool (`<name>-pilot-g<n>`, 30 days; AWS server only) and the
     * runner's custom role (`pilot_<name>_runner_g<n>`, 37 days).
     */
    poolGeneration: z.number().int().min(2).max(999).optional(),
    /** Flow logs of pilot's server subnet (CIS GCP 3.8), billed as log ingestion; the same switch as clouds.aws.flowLogs. @default true */
    flowLogs: z.boolean().default(true),
  }).optional(),
});

/** How many applied records `pilot history` keeps. @default 20 */
const history = z.number().int().min(1).max(1000).optional();

/** Where Terraform keeps its state (and pilot its record). @default { backend: 'local' } */
export const stateSchema = z.discriminatedUnion('backend', [
  z.strictObject({ backend: z.literal('local'), history }),
  z.strictObject({ backend: z.literal('s3'), bucket: z.string().min(3), region: awsRegion, /** @default "pilot/<name>" */ prefix: z.string().min(1).optional(), history }),
  z.strictObject({ backend: z.literal('gcs'), bucket: z.string().min(3), /** @default "pilot/<name>" */ prefix: z.string().min(1).optional(), history }),
]);

/** The whole of pilot.config.ts. */
export const configSchema = z.strictObject({
  /** Prefix of every cloud resource name; two Pilots in one account need different names. */
  name: resourceName.max(16),
  /** The VM that runs the Waypoint server and runner. */
  server: serverSchema,
  /** Clouds that apps and the database deploy to. @default {} */
  clouds: cloudsSchema.default({}),
  /** Where Terraform state lives. @default { backend: 'local' } */
  state: stateSchema.default({ backend: 'local' }),
  /** Optional PostgreSQL database. */
  database: databaseSchema.optional(),
  /** Projects by name. @default {} */
  projects: z.record(resourceName, projectSchema).default({}),
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
