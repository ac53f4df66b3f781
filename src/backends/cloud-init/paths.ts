// Names and paths on the Pilot server VM. `pilot apply` imports these to find what cloud-init left
// behind (over SSH), so the document and its reader can never disagree.

/** Root-only JSON (mode 0600): `{ token, certificateSha256, certificatePem }`. Read it with sudo. */
export const SERVER_INFO_PATH = '/etc/pilot/server.json';
/** Exists once the server is bootstrapped and the runner started. World-readable; apply polls it. */
export const READY_PATH = '/etc/pilot/ready';

export const STATE_DIR = '/etc/pilot';
/** Our own certificate: Waypoint would generate a new self-signed one on every start. */
export const TLS_DIR = '/etc/pilot/tls';
export const TLS_CERT_PATH = '/etc/pilot/tls/server.crt';
export const TLS_KEY_PATH = '/etc/pilot/tls/server.key';
/**
 * Group that may read the TLS key. It exists only as a number: the host has no member, and the
 * server container gets it with `--group-add`, whatever user the runtime image runs as.
 */
export const TLS_KEY_GID = 9701;
/** Root-only env file (0600) holding the runner's token, passed with `docker run --env-file`. */
export const RUNNER_ENV_PATH = '/etc/pilot/runner.env';

/**
 * Where `pilot apply` writes the Google external-account credential configuration (Workload
 * Identity Federation, no key) when the server runs on AWS and apps deploy to GCP. Not secret.
 */
export const GCP_CREDENTIALS_DIR = '/etc/pilot/gcp';
export const GCP_CREDENTIALS_PATH = '/etc/pilot/gcp/credentials.json';

/**
 * The runner's Docker CLI config (`DOCKER_CONFIG`): Waypoint's docker registry plugin reads it to find
 * credentials for a push. Mounted read-only into the runner; not secret (it names helpers, no tokens).
 */
export const RUNNER_DOCKER_CONFIG_DIR = '/etc/pilot/docker';
export const RUNNER_DOCKER_CONFIG_PATH = '/etc/pilot/docker/config.json';

export const BOOTSTRAP_SCRIPT_PATH = '/usr/local/sbin/pilot-bootstrap';
export const DAEMON_JSON_PATH = '/etc/docker/daemon.json';
export const SSHD_DROP_IN_PATH = '/etc/ssh/sshd_config.d/10-pilot.conf';

export const SERVER_UNIT = 'pilot-waypoint-server.service';
export const RUNNER_UNIT = 'pilot-waypoint-runner.service';
export const unitPath = (unit: string) => `/etc/systemd/system/${unit}`;

/** User-defined Docker network: the runner finds the server by container name on it. */
export const DOCKER_NETWORK = 'waypoint';
/**
 * Its Linux bridge, named (com.docker.network.bridge.name) rather than Docker's `br-<id>`, so the
 * metadata guard can tell the runner's traffic from build containers' (docker0). At most 15 characters.
 */
export const DOCKER_NETWORK_BRIDGE = 'pilot-wp0';

/** The cloud's instance metadata server: IMDS on AWS, metadata.google.internal on GCE (same address). */
export const METADATA_ADDRESS = '169.254.169.254';
export const METADATA_GUARD_UNIT = 'pilot-metadata-guard.service';
export const METADATA_GUARD_SCRIPT_PATH = '/usr/local/sbin/pilot-metadata-guard';
export const SERVER_CONTAINER = 'waypoint-server';
export const RUNNER_CONTAINER = 'waypoint-runner';
/** Named volume holding the server's database. */
export const SERVER_VOLUME = 'waypoint-server';
/** Runner ID, as `waypoint install` names its static runner. */
export const RUNNER_ID = 'static';

export const GRPC_PORT = 9701;
export const HTTP_PORT = 9702;
export const DOCKER_SOCKET = '/var/run/docker.sock';

export const ADMIN_USER = 'pilot';
