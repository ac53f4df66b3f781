// What a site's build runs, and the container it runs in. The build is the site's own code (its
// dependencies' install scripts and its package.json script), so it gets none of the runner's access:
// see container-build.ts for how it is run and README.md (Security) for what remains.
import type { ContainerSpec } from './docker-api.ts';
import type { Owner } from './tar-files.ts';

export class BuildError extends Error {}

export type Command = { file: string; args: string[] };

/** The build the way its developers run it: a frozen yarn install, then the package.json script. */
export function buildCommands(script: string): Command[] {
  return [
    { file: 'yarn', args: ['install', '--frozen-lockfile'] },
    { file: 'yarn', args: ['run', script] },
  ];
}

/** The runtime image's unprivileged `node` user (uid and gid 1000, from the node base image). */
export const BUILD_USER: Owner = { uid: 1000, gid: 1000 };
export const BUILD_HOME = '/home/node';
/** The app directory in the container: `app` is the top directory of the uploaded sources. */
export const BUILD_APP_DIR = `${BUILD_HOME}/app`;
/** How long an abandoned build container lives (pilot-static killed mid-build) before Docker removes it. */
const MAX_BUILD_SECONDS = 6 * 60 * 60;

/**
 * POST /containers/create body (Docker Engine API v1.41). The container only idles, for at most
 * MAX_BUILD_SECONDS; each build command is an exec in it, so each has its own exit code and its
 * arguments are never parsed by a shell.
 */
export function buildContainerSpec(image: string): ContainerSpec {
  return {
    Image: image,
    // The runtime image's ENTRYPOINT is waypoint; node is the one program it surely has.
    Entrypoint: ['node', '-e', `setTimeout(() => {}, ${MAX_BUILD_SECONDS * 1000})`],
    Cmd: [],
    User: `${BUILD_USER.uid}:${BUILD_USER.gid}`,
    WorkingDir: BUILD_APP_DIR,
    // Nothing of the runner's environment. Docker adds the image's own ENV (PATH, NODE_VERSION,
    // YARN_VERSION), which holds no secret.
    Env: [`HOME=${BUILD_HOME}`],
    Labels: { 'pilot.static-build': '1' },
    HostConfig: {
      // Docker's default bridge (docker0), not the runner's `waypoint` network: the DOCKER-USER rule
      // (metadata-guard.ts) rejects the metadata address from every bridge but the runner's.
      NetworkMode: 'bridge',
      Binds: [],
      Mounts: [],
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
      // Removed by Docker when the idle process ends, if pilot-static could not remove it itself.
      AutoRemove: true,
    },
  };
}
