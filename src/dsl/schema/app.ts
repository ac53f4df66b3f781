import { z } from 'zod/mini';
import { buildSchema } from './build.ts';
import { deploySchema } from './deploy.ts';
import { registrySchema } from './registry.ts';

/** A reference to a secret, resolved at apply time from the environment variable of that name. */
export const secretSchema = z.strictObject({
  kind: z.literal('secret'),
  /** Environment variable that holds the value when `pilot apply` runs. */
  name: z.string().check(z.regex(/^[A-Z_][A-Z0-9_]*$/, { message: 'Use UPPER_SNAKE_CASE, e.g. AUTH_JWT_SECRET' })),
  // A plain string here is a secret written into the config: name the builder, not "an object".
}, { error: (issue) => (issue.code === 'invalid_type' ? "Expected secret('NAME')" : undefined) });

const envName = z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'Environment variable names use letters, digits and underscores' }));

/** One deployable unit: where its source is, how it is built, where it runs. */
export const appSchema = z.strictObject({
  /** Directory of the app inside the repository, relative to `repository.path`. @default "." */
  path: z._default(z.string().check(z.minLength(1)), '.'),
  /** How to build it: `docker()`, `pack()` or `yarn()` (static sites). */
  build: buildSchema,
  /** Where images go. @default ECR for AWS deploys, Artifact Registry for Cloud Run */
  registry: z.optional(registrySchema),
  /** Where it runs: `ecs()`, `cloudRun()`, `lambda()`, `cloudfront()` or `cloudCdn()`. */
  deploy: deploySchema,
  /** Environment variables: plain strings, or `secret('NAME')` read at apply time. @default {} */
  env: z._default(z.record(envName, z.union([z.string(), secretSchema])), {}),
  /**
   * Give the app the database's connection (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE and
   * PGPASSWORD). Container apps on the database's cloud get it unless this is false; true makes it
   * an error when the app cannot reach the database. @default true on the database's cloud
   */
  database: z.optional(z.boolean()),
  /** Waypoint labels on the app. @default {} */
  labels: z._default(z.record(z.string(), z.string()), {}),
});
