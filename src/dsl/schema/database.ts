import { z } from 'zod';
import { cloud } from './common.ts';

/** A managed PostgreSQL database: RDS on AWS, Cloud SQL on GCP. Private network only. */
export const databaseSchema = z.strictObject({
  engine: z.literal('postgres'),
  /** Which cloud hosts it; must be configured in `clouds` (or host the server). */
  on: cloud,
  /** Major PostgreSQL version. @default "16" */
  version: z.enum(['14', '15', '16', '17']).default('16'),
  /**
   * Size class: small (2 GB RAM; 3.75 GB on GCP, its smallest dedicated tier), medium (4 GB), large (8 GB). Overridden by `instanceClass`.
   * @default "small"
   */
  size: z.enum(['small', 'medium', 'large']).default('small'),
  /** Exact RDS instance class or Cloud SQL tier, instead of `size`. @example "db.t4g.micro" */
  instanceClass: z.string().min(1).optional(),
  /** Allocated storage in GB. @default 20 */
  storageGb: z.number().int().min(20).max(16384).default(20),
  /** Days of automated backups to keep (1–35). @default 7 */
  backupRetentionDays: z.number().int().min(1).max(35).default(7),
  /** Refuse to delete the database. @default true */
  deletionProtection: z.boolean().default(true),
  /** Take a final snapshot when the database is destroyed (AWS). @default true */
  finalSnapshot: z.boolean().default(true),
  /** Name of the database created inside the instance. @default "app" */
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'Use lowercase letters, digits and underscores' }).max(63).default('app'),
  /** Name of the admin user. @default "pilot" */
  username: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'Use lowercase letters, digits and underscores' }).max(63).default('pilot'),
});
