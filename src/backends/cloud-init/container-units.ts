// The systemd units that run the Waypoint server and the static runner as Docker containers.
// systemd owns the restart policy (Restart=always); each start removes a stale container first,
// so a crash, `docker rm` or reboot always converges to one running container.
import type { Model } from '../../compiler/model.ts';
import { runnerCloudEnv } from './runner-env.ts';
import { runnerDockerConfig } from './runner-docker-config.ts';
import { runnerConcurrency } from './runner-concurrency.ts';
import {
  DOCKER_NETWORK, DOCKER_SOCKET, GCP_CREDENTIALS_DIR, GRPC_PORT, HTTP_PORT, RUNNER_CONTAINER, RUNNER_DOCKER_CONFIG_DIR, RUNNER_ENV_PATH,
  METADATA_GUARD_UNIT, RUNNER_ID, SERVER_CONTAINER, SERVER_UNIT, SERVER_VOLUME, TLS_CERT_PATH, TLS_DIR, TLS_KEY_GID, TLS_KEY_PATH,
} from './paths.ts';
import { renderUnit, type UnitSection } from './systemd-unit.ts';

const DOCKER = '/usr/bin/docker';

// Image refs, regions and project IDs are validated by the config schema, so they need no quoting;
// this guard keeps a future schema change from smuggling shell or systemd syntax into a unit.
const SAFE_WORD = /^[A-Za-z0-9_./:@=,-]+$/;
function word(value: string): string {
  if (!SAFE_WORD.test(value)) throw new Error(`cloud-init: unsafe value for a systemd command line: ${JSON.stringify(value)}`);
  return value;
}

const serviceCommon = (container: string): UnitSection => [
  ['Restart', 'always'],
  ['RestartSec', '5'],
  // The first start pulls the image, which can take minutes.
  ['TimeoutStartSec', '0'],
  ['ExecStartPre', `-${DOCKER} rm --force ${container}`],
];

/** `waypoint server run`, reachable from the runner as `waypoint-server:9701` on the Docker network. */
export function serverUnit(model: Model): string {
  const image = word(model.server.image.ref);
  return renderUnit({
    Unit: [
      ['Description', 'Waypoint server (Pilot)'],
      // The guard creates the `waypoint` network (with the bridge name it exempts) and its rule.
      ['Requires', `docker.service ${METADATA_GUARD_UNIT}`],
      ['After', `docker.service ${METADATA_GUARD_UNIT} network-online.target`],
      ['Wants', 'network-online.target'],
      // The bootstrap script creates the certificate before it enables this unit.
      ['ConditionPathExists', TLS_CERT_PATH],
      ['StartLimitIntervalSec', '0'],
    ],
    Service: [
      ...serviceCommon(SERVER_CONTAINER),
      [
        'ExecStart',
        [
          `${DOCKER} run --rm --name ${SERVER_CONTAINER}`,
          `--network ${DOCKER_NETWORK}`,
          `--publish ${GRPC_PORT}:${GRPC_PORT}`,
          `--publish ${HTTP_PORT}:${HTTP_PORT}`,
          `--volume ${SERVER_VOLUME}:/data`,
          `--volume ${TLS_DIR}:${TLS_DIR}:ro`,
          `--group-add ${TLS_KEY_GID}`,
          '--entrypoint waypoint',
          image,
          'server run',
          '-db=/data/data.db',
          `-listen-grpc=0.0.0.0:${GRPC_PORT}`,
          `-listen-http=0.0.0.0:${HTTP_PORT}`,
          `-tls-cert-file=${TLS_CERT_PATH}`,
          `-tls-key-file=${TLS_KEY_PATH}`,
          '-url-enabled=false',
          // No -advertise-*: that address serves only on-demand runners and the entrypoint
          // (service_job.go:463-469), and with it every deploy would carry it and a 10-year invite
          // token into the app's environment (internal/core/app_deploy.go:293-317; W-13).
        ],
      ],
      ['ExecStop', `${DOCKER} stop ${SERVER_CONTAINER}`],
    ],
    Install: [['WantedBy', 'multi-user.target']],
  });
}

/**
 * `waypoint runner agent`, preauthorised with a runner token (no cookie, no manual adoption).
 * It builds with the host's Docker through the mounted unix socket: the Docker API is never on a
 * network (see the port 2375 story of the original Pilot). It runs as root, as `waypoint install`
 * runs its static runner, because the socket belongs to root:docker.
 */
export function runnerUnit(model: Model): string {
  const image = word(model.server.image.ref);
  const cloud = runnerCloudEnv(model);
  const dockerConfig = runnerDockerConfig(model) !== undefined;
  return renderUnit({
    Unit: [
      ['Description', 'Waypoint static runner (Pilot)'],
      // No build before build containers are cut off from the metadata server (metadata-guard.ts).
      ['Requires', `docker.service ${METADATA_GUARD_UNIT}`],
      ['Wants', SERVER_UNIT],
      ['After', `docker.service ${METADATA_GUARD_UNIT} ${SERVER_UNIT}`],
      // Written by the bootstrap script once the server has issued the runner token.
      ['ConditionPathExists', RUNNER_ENV_PATH],
      ['StartLimitIntervalSec', '0'],
    ],
    Service: [
      ...serviceCommon(RUNNER_CONTAINER),
      [
        'ExecStart',
        [
          `${DOCKER} run --rm --name ${RUNNER_CONTAINER}`,
          `--network ${DOCKER_NETWORK}`,
          '--user 0:0',
          `--volume ${DOCKER_SOCKET}:${DOCKER_SOCKET}`,
          ...(cloud.mountGcpCredentials ? [`--volume ${GCP_CREDENTIALS_DIR}:${GCP_CREDENTIALS_DIR}:ro`] : []),
          // Registry credentials for pushes: see runner-docker-config.ts.
          ...(dockerConfig ? [`--volume ${RUNNER_DOCKER_CONFIG_DIR}:${RUNNER_DOCKER_CONFIG_DIR}:ro`] : []),
          `--env-file ${RUNNER_ENV_PATH}`,
          `--env WAYPOINT_SERVER_ADDR=${SERVER_CONTAINER}:${GRPC_PORT}`,
          '--env WAYPOINT_SERVER_TLS=true',
          // Inside the host-local Docker network; the server's certificate is pinned by apply instead.
          '--env WAYPOINT_SERVER_TLS_SKIP_VERIFY=true',
          ...cloud.env.map(([name, value]) => `--env ${word(name)}=${word(value)}`),
          ...(dockerConfig ? [`--env DOCKER_CONFIG=${RUNNER_DOCKER_CONFIG_DIR}`] : []),
          // pilot-static builds yarn sites in a container of this image, on Docker's default bridge
          // (plugins/pilot-static/src/build.ts): already on the host, and pinned like the runner.
          `--env PILOT_BUILD_IMAGE=${image}`,
          '--entrypoint waypoint',
          image,
          'runner agent',
          `-id=${RUNNER_ID}`,
          `-concurrency=${runnerConcurrency(model.server)}`,
        ],
      ],
      ['ExecStop', `${DOCKER} stop ${RUNNER_CONTAINER}`],
    ],
    Install: [['WantedBy', 'multi-user.target']],
  });
}
