// What the runner can build and Waypoint v0.11.4's builders can run, checked before anything is
// emitted. Pure; one diagnostic per offending field, with the line the loader finds for its path.
import type { Config } from '../dsl/schema/config.ts';
import { CODES, type Diagnostic, error } from './diagnostics.ts';

type App = Config['projects'][string]['apps'][string];

/**
 * pack() is refused rather than pinned. Waypoint v0.11.4 links pack v0.20.0 (go.mod), which speaks
 * Platform API 0.3-0.6 only (pack internal/build/lifecycle_executor.go:22-25) and refuses any other
 * builder ("incompatible with this version of pack", build.go:263-271). Lifecycle 0.18 removed
 * those APIs (buildpacks/rfcs#249, lifecycle#1191), and every maintained builder ships a newer one:
 * heroku/builder:24 pins lifecycle 0.20.14 (heroku/cnb-builder-images builder-24/builder.toml),
 * gcr.io/buildpacks/builder 0.21.8. A builder old enough is also years out of security updates,
 * and no public source lets us verify a digest's lifecycle offline, so we pin none.
 */
export const PACK_HINT = 'Add a Dockerfile to the app and use build: docker() (Waypoint 0.11.4 links pack v0.20.0, which cannot drive any maintained builder)';

function packErrors(app: App, at: string): Diagnostic[] {
  if (app.build.kind !== 'pack') return [];
  return [error(CODES.PACK_UNSUPPORTED, 'pack() cannot build with Waypoint 0.11.4: its pack library supports Platform API 0.3-0.6, which no maintained builder offers', { path: `${at}.build`, hint: PACK_HINT })];
}

/**
 * The runner VM is amd64 (server.instanceType/machineType must be x86) and has no QEMU/binfmt, and
 * Waypoint's docker builder builds for the daemon's platform unless `platform` is set with buildkit
 * (builtin/docker/builder.go:465-466), so an arm64 task or function would start an amd64 image and
 * die with "exec format error". Refused until cross-builds exist.
 */
function architectureErrors(app: App, at: string): Diagnostic[] {
  const d = app.deploy;
  if ((d.kind !== 'ecs' && d.kind !== 'lambda') || d.architecture !== 'arm64') return [];
  return [
    error(CODES.ARCHITECTURE_UNSUPPORTED, `${d.kind}() on arm64 would run an amd64 image: the runner builds for amd64 only`, {
      path: `${at}.deploy.architecture`,
      hint: "Remove architecture (or use 'x86_64'); Pilot's runner cannot cross-build arm64 images yet",
    }),
  ];
}

export function buildLimitErrors(app: App, at: string): Diagnostic[] {
  return [...packErrors(app, at), ...architectureErrors(app, at)];
}
