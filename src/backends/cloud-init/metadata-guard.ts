// Build containers must not read the runner's cloud credentials (T-22, W-19). The instance's
// metadata server hands the VM's role (IMDSv2 with hop limit 2 on AWS) or service-account token
// (GCE) to every container that can route to 169.254.169.254. Waypoint's docker builder sets no
// network for its builds (builtin/docker/builder.go ImageBuildOptions), so RUN steps run on Docker's
// default bridge (docker0), as do pilot-static's yarn builds (NetworkMode "bridge", plugins/pilot-static/
// src/build.ts); the runner and server run on the `waypoint` network, whose bridge is
// named DOCKER_NETWORK_BRIDGE. One rule in DOCKER-USER (Docker's chain for user rules, jumped to from
// FORWARD before Docker's own) rejects forwarded traffic to the metadata address from every bridge
// but the runner's. The host's own processes (guest agent, SSM) use OUTPUT and are not affected.
// Installed by the bootstrap and again by a oneshot unit after every Docker start (rules do not
// survive a reboot); `iptables -C` first, so reruns never add a second copy. The same script owns
// the runner's network, so the bridge the rule exempts is always the runner's: it creates the
// network with that bridge name, and refuses a network someone made with another.
import { DOCKER_NETWORK, DOCKER_NETWORK_BRIDGE, METADATA_ADDRESS, METADATA_GUARD_SCRIPT_PATH } from './paths.ts';
import { renderUnit } from './systemd-unit.ts';

export const METADATA_GUARD_COMMENT = 'pilot-metadata-guard';

/** The iptables rule, as argv after `-C`/`-I DOCKER-USER 1`. */
export const METADATA_GUARD_RULE = ['-d', `${METADATA_ADDRESS}/32`, '!', '-i', DOCKER_NETWORK_BRIDGE, '-m', 'comment', '--comment', METADATA_GUARD_COMMENT, '-j', 'REJECT'];

export const METADATA_GUARD_SCRIPT = `#!/bin/bash
# Pilot: build containers may not reach the cloud metadata server; the runner (bridge ${DOCKER_NETWORK_BRIDGE}) may.
# Idempotent: creates the runner's network and inserts the rule only when missing. Fails (and keeps
# the server and runner from starting) on a network with another bridge or without Docker's chains.
set -euo pipefail
if ! bridge=$(docker network inspect ${DOCKER_NETWORK} --format '{{index .Options "com.docker.network.bridge.name"}}' 2>/dev/null); then
  docker network create --opt com.docker.network.bridge.name=${DOCKER_NETWORK_BRIDGE} ${DOCKER_NETWORK} >/dev/null
elif [ "$bridge" != ${DOCKER_NETWORK_BRIDGE} ]; then
  echo "pilot-metadata-guard: Docker network ${DOCKER_NETWORK} uses bridge '$bridge', not ${DOCKER_NETWORK_BRIDGE}; stop the Waypoint units and run: docker network rm ${DOCKER_NETWORK}" >&2
  exit 1
fi
RULE="${METADATA_GUARD_RULE.join(' ')}"
# shellcheck disable=SC2086 # RULE is split into words on purpose; it holds no glob characters.
if ! iptables -w -C DOCKER-USER $RULE 2>/dev/null; then
  iptables -w -I DOCKER-USER 1 $RULE
fi
`;

/** Re-applies the rule whenever Docker (re)starts; the server and runner units require it. */
export function metadataGuardUnit(): string {
  return renderUnit({
    Unit: [
      ['Description', 'Keep build containers away from the cloud metadata server (Pilot)'],
      ['Requires', 'docker.service'],
      ['After', 'docker.service'],
      // Restarted with Docker, which recreates its chains on start.
      ['PartOf', 'docker.service'],
    ],
    Service: [
      ['Type', 'oneshot'],
      ['RemainAfterExit', 'yes'],
      ['ExecStart', METADATA_GUARD_SCRIPT_PATH],
    ],
    Install: [['WantedBy', 'multi-user.target docker.service']],
  });
}
