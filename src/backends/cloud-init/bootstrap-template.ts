// The bootstrap script's Handlebars template, alone in its module so the shipped CLI can precompile it
// at build time (scripts/precompile-templates-plugin.mjs): no template compiler runs per compile.
export const BOOTSTRAP_TEMPLATE = String.raw`#!/bin/bash
# Pilot server bootstrap. cloud-init runs it once (runcmd); running it again is safe, because every
# step checks what already exists. It never prints a token: there is no "set -x", tokens live only in
# shell variables, in the environment of the command that needs them (never in argv, which any local
# user can read) and in root-only files. Its output reaches the serial console and
# /var/log/cloud-init-output.log.
set -euo pipefail
umask 077

log() { echo "pilot-bootstrap: $*" >&2; }
fail() { log "error: $*"; exit 1; }

# A token as Waypoint prints it (base58). Anything else means the command printed something
# unexpected; fail without echoing it.
is_token() { [[ -n "$1" && "$1" =~ ^[A-Za-z0-9]+$ ]]; }

# Write stdin to FILE atomically with the given mode, owned by root.
write_file() {
  local file="$1" mode="$2"
  cat > "$file.new"
  chown root:root "$file.new"
  chmod "$mode" "$file.new"
  mv -f "$file.new" "$file"
}

install -d -m 0755 -o root -g root {{stateDir}} {{tlsDir}}
{{#if mountGcpCredentials}}
# pilot apply writes the Workload Identity Federation credential config here (it holds no key).
install -d -m 0755 -o root -g root {{gcpCredentialsDir}}
{{/if}}

# The sshd drop-in written by cloud-init (password logins off) applies from here on.
systemctl try-reload-or-restart ssh.service || log "could not reload sshd; the drop-in applies at its next start"

# 1. Docker from Debian's package, listening on its unix socket only. Stop if anything made dockerd
#    listen on a TCP port: the runner uses the mounted socket and nothing else may reach the API.
systemctl enable --now docker.service
listeners=$(ss -Hltnp)
if grep '"dockerd"' <<<"$listeners" >/dev/null; then
  fail "dockerd listens on a TCP port; configure it with its unix socket only"
fi

# 1b. Build containers may not reach the cloud metadata server (the runner's credentials); the runner,
#     on bridge {{runnerBridge}}, may. Applied now and by {{guardUnit}} after every Docker start.
{{guardScript}}
systemctl daemon-reload
systemctl enable {{guardUnit}}

# 2. The server's TLS certificate, made once. Without one, Waypoint self-signs a new certificate on
#    every start, and the fingerprint pilot apply pins would change with each restart. The key is
#    readable by group {{tlsKeyGid}} only: no host account has it, the server container gets it with
#    --group-add, whatever user the runtime image runs as.
if [ ! -s {{tlsCert}} ] || [ ! -s {{tlsKey}} ]; then
  log "creating the server certificate"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj /O=Pilot/CN={{serverContainer}} \
    -addext subjectAltName=DNS:{{serverContainer}},DNS:localhost,IP:127.0.0.1 \
    -addext extendedKeyUsage=serverAuth \
    -keyout {{tlsKey}}.new -out {{tlsCert}}.new
  chown root:{{tlsKeyGid}} {{tlsKey}}.new
  chmod 0640 {{tlsKey}}.new
  chmod 0644 {{tlsCert}}.new
  mv -f {{tlsKey}}.new {{tlsKey}}
  mv -f {{tlsCert}}.new {{tlsCert}}
fi
fingerprint=$(openssl x509 -noout -fingerprint -sha256 -in {{tlsCert}} | cut -d= -f2)

# 3. The server. Ready when its HTTP port serves our certificate.
systemctl daemon-reload
systemctl enable --now {{serverUnit}}
served_fingerprint() {
  openssl s_client -connect 127.0.0.1:{{httpPort}} </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null | cut -d= -f2
}
log "waiting for the Waypoint server"
tries=0
until [ "$(served_fingerprint || true)" = "$fingerprint" ]; do
  tries=$((tries + 1))
  [ "$tries" -le 300 ] || fail "the Waypoint server did not serve its certificate on port {{httpPort}} within 10 minutes"
  sleep 2
done

# 4. Bootstrap, once. A server hands out its first token exactly once per database, so the root-only
#    {{serverInfo}} is the marker: when it exists, reboots and reruns reuse its token. It is written
#    right after the bootstrap, before anything else can fail.
if [ -s {{serverInfo}} ]; then
  token=$(jq -r '.token // empty' {{serverInfo}})
else
  log "bootstrapping the Waypoint server"
  token=""
  for attempt in 1 2 3 4 5; do
    if token=$(docker exec {{serverContainer}} waypoint server bootstrap -plain -context-create= \
        -server-addr=127.0.0.1:{{grpcPort}} -server-tls -server-tls-skip-verify | tail -n 1 | tr -d '[:space:]'); then
      break
    fi
    token=""
    log "bootstrap attempt $attempt failed; retrying"
    sleep 5
  done
  [ -n "$token" ] || fail "waypoint server bootstrap failed; if this server was bootstrapped before, restore {{serverInfo}} or delete the {{serverVolume}} volume"
fi
is_token "$token" || fail "unexpected output from waypoint server bootstrap (not shown)"
# The token (through jq's environment) and the certificate with its SHA-256 fingerprint, which pilot
# apply reads over SSH to authenticate and to pin TLS. Rewritten on every run, so it always names
# the certificate on disk.
TOKEN="$token" FINGERPRINT="$fingerprint" jq -n --rawfile pem {{tlsCert}} \
  '{token: env.TOKEN, certificateSha256: env.FINGERPRINT, certificatePem: $pem}' | write_file {{serverInfo}} 0600

# 5. The runner's token. A runner token preauthorises the runner, so it needs neither a cookie nor a
#    manual "waypoint runner adopt". It does not expire (-expires-in=0s): the runner presents it at
#    every start, and the default 30 days would silently stop builds a month after boot.
if [ ! -s {{runnerEnv}} ]; then
  log "issuing the runner token"
  runner_token=$(WAYPOINT_SERVER_TOKEN="$token" docker exec --env WAYPOINT_SERVER_TOKEN \
      --env WAYPOINT_SERVER_ADDR=127.0.0.1:{{grpcPort}} --env WAYPOINT_SERVER_TLS=true --env WAYPOINT_SERVER_TLS_SKIP_VERIFY=true \
      {{serverContainer}} waypoint runner token -id={{runnerId}} -expires-in=0s | tail -n 1 | tr -d '[:space:]')
  is_token "$runner_token" || fail "unexpected output from waypoint runner token (not shown)"
  printf 'WAYPOINT_SERVER_TOKEN=%s\n' "$runner_token" | write_file {{runnerEnv}} 0600
fi

# 6. The runner. Ready when the server knows it.
systemctl enable --now {{runnerUnit}}
log "waiting for the runner to register"
tries=0
until WAYPOINT_SERVER_TOKEN="$token" docker exec --env WAYPOINT_SERVER_TOKEN \
    --env WAYPOINT_SERVER_ADDR=127.0.0.1:{{grpcPort}} --env WAYPOINT_SERVER_TLS=true --env WAYPOINT_SERVER_TLS_SKIP_VERIFY=true \
    {{serverContainer}} waypoint runner inspect {{runnerId}} >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -le 150 ] || fail "the runner did not register within 5 minutes"
  sleep 2
done

# 7. Done: pilot apply waits for this file.
touch {{ready}}
chmod 0644 {{ready}}
log "ready"
`;

export const BOOTSTRAP_TEMPLATE_OPTIONS = { noEscape: true, strict: true };
