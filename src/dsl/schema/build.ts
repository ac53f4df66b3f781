import { z } from 'zod/mini';

/** Build a container image from a Dockerfile (Waypoint's `docker` builder). */
export const dockerBuildSchema = z.strictObject({
  kind: z.literal('docker'),
  /** Dockerfile path, relative to the app's path. @default "Dockerfile" */
  dockerfile: z.optional(z.string().check(z.minLength(1))),
  /** Build context, relative to the app's path (emitted as `${path.app}/<context>`). @default the app's path */
  context: z.optional(z.string().check(z.minLength(1))),
  /** Build arguments (`--build-arg`). Plain values only: never secrets. */
  buildArgs: z.optional(z.record(z.string(), z.string())),
  /** Multi-stage target. */
  target: z.optional(z.string().check(z.minLength(1))),
});

/**
 * Cloud Native Buildpacks (Waypoint's `pack` builder). Kept in the schema only so a config using it
 * gets PILOT3060 with a migration hint: Waypoint 0.11.4's pack cannot drive any maintained builder
 * (see src/compiler/build-limits.ts).
 * @deprecated Use docker() with a Dockerfile.
 */
export const packBuildSchema = z.strictObject({
  kind: z.literal('pack'),
  /** Builder image. @default "heroku/builder:24" */
  builder: z._default(z.string().check(z.minLength(1)), 'heroku/builder:24'),
  /** Buildpacks to use instead of auto-detection. */
  buildpacks: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** Paths to leave out of the build. */
  ignore: z.optional(z.array(z.string().check(z.minLength(1)))),
});

/** Build a static site with yarn (`yarn install --frozen-lockfile` then a script). */
export const yarnBuildSchema = z.strictObject({
  kind: z.literal('yarn'),
  /** The package.json script that builds the site. @default "build" */
  script: z._default(z.string().check(z.regex(/^[A-Za-z0-9:_-]+$/, { message: 'Expected a package.json script name' })), 'build'),
  /** Directory the build writes, relative to the app's path. @default "build" */
  outDir: z._default(z.string().check(z.minLength(1)), 'build'),
});

export const buildSchema = z.discriminatedUnion('kind', [dockerBuildSchema, packBuildSchema, yarnBuildSchema]);
