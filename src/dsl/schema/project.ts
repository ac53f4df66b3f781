import { z } from 'zod/mini';
import { appSchema, secretSchema } from './app.ts';
import { resourceName } from './common.ts';

/** How the runner authenticates to a private repository; both values are read at apply time. */
export const repositoryCredentialsSchema = z.union([
  z.strictObject({
    /** User name for HTTPS, e.g. "x-access-token" for a GitHub token. */
    username: z.string().check(z.minLength(1)),
    /** Password or access token: `secret('NAME')`. */
    password: secretSchema,
  }),
  z.strictObject({
    /** PEM private key of a deploy key: `secret('NAME')`. Required for ssh:// and git@ URLs. */
    sshKey: secretSchema,
  }),
], { error: "Expected { username, password: secret('NAME') } or { sshKey: secret('NAME') }" });

/** The git repository the runner checks out to build a project's apps. */
export const repositorySchema = z.strictObject({
  /** Anything `git clone` accepts. @example "https://github.com/acme/acme.git" */
  url: z.string().check(z.regex(/^(https?:\/\/|ssh:\/\/|git@)\S+$/, { message: 'Expected a git URL such as https://github.com/acme/app.git' })),
  /** Branch, tag or commit to build. @default "main" */
  ref: z._default(z.string().check(z.minLength(1)), 'main'),
  /** Subdirectory that holds the apps. @default "." (the repository root) */
  path: z.optional(z.string().check(z.minLength(1))),
  /** Poll the repository and deploy on change: an interval such as "60s", or false. @default false */
  poll: z._default(z.union([z.literal(false), z.string().check(z.regex(/^\d+(s|m|h)$/, { message: 'Expected an interval such as "60s" or "5m"' }))], { error: 'Expected false or an interval such as "60s" or "5m"' }), false),
  /** Credentials for a private repository: `{ username, password: secret('...') }` or `{ sshKey: secret('...') }`. */
  credentials: z.optional(repositoryCredentialsSchema),
});

/** A Waypoint project: one repository, several apps. */
export const projectSchema = z.strictObject({
  /** The git repository the runner checks out to build the project's apps. */
  repository: repositorySchema,
  /** Apps by name (lowercase, digits, hyphens). */
  apps: z.record(resourceName, appSchema).check(z.refine((apps) => Object.keys(apps).length > 0, { message: 'A project needs at least one app', params: { hint: "Add an app, e.g. apps: { web: { build: docker(), deploy: ecs() } }" } })),
  /** Waypoint labels on the project. @default {} */
  labels: z._default(z.record(z.string(), z.string()), {}),
});
