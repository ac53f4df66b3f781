import { z } from 'zod/mini';
import { cloud } from './common.ts';

/** A managed PostgreSQL database: RDS on AWS, Cloud SQL on GCP. Private network only. */
export const databaseSchema = z.strictObject({
  engine: z.literal('postgres'),
  /** Which cloud hosts it; must be configured in `clouds` (or host the server). */
  on: cloud,
  /** Major PostgreSQL version. @default "16" */
  version: z._default(z.enum(['14', '15', '16', '17']), '16'),
  /**
   * Size class: small (2 GB RAM; 3.75 GB on GCP, its smallest dedicated tier), medium (4 GB), large (8 GB). Overridden by `instanceClass`.
   * @default "small"
   */
  size: z._default(z.enum(['small', 'medium', 'large']), 'small'),
  /** Exact RDS instance class or Cloud SQL tier, instead of `size`. @example "db.t4g.micro" */
  instanceClass: z.optional(z.string().check(z.minLength(1))),
  /** Allocated storage in GB. @default 20 */
  storageGb: z._default(z.number().check(z.int(), z.gte(20), z.lte(16384)), 20),
  /** Days of automated backups to keep (1–35). @default 7 */
  backupRetentionDays: z._default(z.number().check(z.int(), z.gte(1), z.lte(35)), 7),
  /** Refuse to delete the database. @default true */
  deletionProtection: z._default(z.boolean(), true),
  /** Take a final snapshot when the database is destroyed (AWS). @default true */
  finalSnapshot: z._default(z.boolean(), true),
  /** Name of the database created inside the instance. @default "app" */
  name: z._default(z.string().check(z.regex(/^[a-z][a-z0-9_]*$/, { message: 'Use lowercase letters, digits and underscores' }), z.maxLength(63)), 'app'),
  /** Name of the admin user. @default "pilot" */
  username: z._default(z.string().check(z.regex(/^[a-z][a-z0-9_]*$/, { message: 'Use lowercase letters, digits and underscores' }), z.maxLength(63)), 'pilot'),
});
