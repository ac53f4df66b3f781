import { z } from 'zod/mini';

/**
 * Names that become Waypoint project/app names and parts of cloud resource names: lowercase
 * letters, digits and single hyphens, a letter first and a letter or digit last. RDS and ECR refuse
 * "--" and every cloud refuses a trailing "-"; pilot also joins names with "--" (compiler/names.ts),
 * which is unambiguous only because names cannot contain it.
 */
export const resourceName = z.string().check(
  z.regex(/^[a-z][a-z0-9-]*$/, { message: 'Use lowercase letters, digits and hyphens, starting with a letter' }),
  z.regex(/^(?!.*--)/, { message: 'Do not use two hyphens in a row ("--"): RDS and ECR refuse them, and pilot joins names with "--"' }),
  z.regex(/(?<!-)$/, { message: 'End with a letter or digit, not "-": cloud names may not end with a hyphen' }),
  z.maxLength(24),
);

export const cidr = z.string().check(z.minLength(1));

export const awsRegion = z.string().check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { message: 'Expected an AWS region such as us-east-1' }));
export const gcpRegion = z.string().check(z.regex(/^[a-z]+-[a-z]+\d$/, { message: 'Expected a Google Cloud region such as us-central1' }));
export const gcpZone = z.string().check(z.regex(/^[a-z]+-[a-z]+\d-[a-z]$/, { message: 'Expected a Google Cloud zone such as us-central1-a' }));

export const cloud = z.enum(['aws', 'gcp']);
export type Cloud = z.infer<typeof cloud>;
