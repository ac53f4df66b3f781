import { z } from 'zod';
import { awsRegion, gcpRegion, resourceName } from './common.ts';
import { databaseSchema } from './database.ts';
import { projectSchema } from './project.ts';
import { serverSchema } from './server.ts';

/** Cloud accounts apps and the database may use. */
export const cloudsSchema = z.strictObject({
  /** AWS: credentials come from the environment where `pilot apply` runs. */
  aws: z.strictObject({ /** @example "us-east-1" */ region: awsRegion }).optional(),
  /** Google Cloud: credentials come from the environment where `pilot apply` runs. */
  gcp: z.strictObject({ /** Project ID. */ project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { message: 'Expected a Google Cloud project ID such as acme-prod' }), /** @example "us-central1" */ region: gcpRegion }).optional(),
});

/** Where Terraform keeps its state (and pilot its record). @default { backend: 'local' } */
export const stateSchema = z.discriminatedUnion('backend', [
  z.strictObject({ backend: z.literal('local') }),
  z.strictObject({ backend: z.literal('s3'), bucket: z.string().min(3), region: awsRegion, /** @default "pilot/<name>" */ prefix: z.string().min(1).optional() }),
  z.strictObject({ backend: z.literal('gcs'), bucket: z.string().min(3), /** @default "pilot/<name>" */ prefix: z.string().min(1).optional() }),
]);

/** The whole of pilot.config.ts. */
export const configSchema = z.strictObject({
  /** Prefix of every cloud resource name; two Pilots with different names never collide. */
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

/** What pilot.config.ts exports (defaults not yet applied). An interface, so messages name it. */
export interface ConfigInput extends z.input<typeof configSchema> {}
export type Config = z.output<typeof configSchema>;
