#!/usr/bin/env bash
# Installs the Debian tools the tests call for real. Idempotent: installs only what is missing.
#   cloud-init   `cloud-init schema --config-file` validates cloud-init/user-data.yaml
#                (Debian 12 ships 22.4.2; no service starts where PID 1 is not systemd).
#   jq, openssl  the bootstrap script the tests run against stubbed docker/systemctl
#   openssh-server  test/apply starts a real sshd (/usr/sbin/sshd -D) on 127.0.0.1 for the SSH client
set -euo pipefail

missing=()
command -v cloud-init >/dev/null 2>&1 || missing+=(cloud-init)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "install-tools: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
