import { z } from 'zod/mini';

/** Push images to an ECR repository that pilot creates (one per app). */
export const ecrRegistrySchema = z.strictObject({
  kind: z.literal('ecr'),
  /** Refuse to overwrite a pushed tag. @default false */
  immutableTags: z._default(z.boolean(), false),
});

/** Push images to the project's Artifact Registry Docker repository that pilot creates. */
export const artifactRegistrySchema = z.strictObject({
  kind: z.literal('artifactRegistry'),
});

export const registrySchema = z.discriminatedUnion('kind', [ecrRegistrySchema, artifactRegistrySchema]);
