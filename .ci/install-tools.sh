#!/usr/bin/env bash
# Installs the Debian tools the tests call for real. Idempotent: installs only what is missing.
#   cloud-init   `cloud-init schema --config-file` validates cloud-init/user-data.yaml
#                (Debian 12 ships 22.4.2; no service starts where PID 1 is not systemd).
#   jq, openssl  the bootstrap script the tests run against stubbed docker/systemctl
set -euo pipefail

missing=()
command -v cloud-init >/dev/null 2>&1 || missing+=(cloud-init)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "install-tools: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
