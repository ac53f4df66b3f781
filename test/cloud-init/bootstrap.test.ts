// Runs the real bootstrap script from the rendered document against stand-ins for docker,
// systemctl, ss, install and chown (no Docker engine here), with /etc/pilot moved into a temp dir.
// openssl and jq are the real ones. Proves: the token file is root-only, the bootstrap runs once,
// tokens never reach argv or the log, and a TCP-listening dockerd stops everything.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { METADATA_GUARD_RULE } from '../../src/backends/cloud-init/metadata-guard.ts';
import * as P from '../../src/backends/cloud-init/paths.ts';
import { renderCloudInit } from '../../src/backends/cloud-init/render.ts';
import { modelOf } from '../helpers/model.ts';
import { fileAt, parseDoc } from './document.ts';
import { awsOnly } from './fixtures.ts';

const BOOTSTRAP_TOKEN = 'bOoTsTrApToKeN7Qx9';
const RUNNER_TOKEN = 'rUnNeRtOkEn4Kp2';

const which = (cmd: string) => execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim();

// Each stub appends its argv to calls.log; docker checks the token arrives by environment only.
const STUBS: Record<string, string> = {
  docker: `#!/bin/bash
echo "docker $*" >> "$FAKE/calls.log"
case "$*" in
  *"server bootstrap"*) echo "$BOOTSTRAP_OUT" ;;
  *"runner token"*) [ "$WAYPOINT_SERVER_TOKEN" = "${BOOTSTRAP_TOKEN}" ] || exit 3; echo "${RUNNER_TOKEN}" ;;
  *"runner inspect"*) [ "$WAYPOINT_SERVER_TOKEN" = "${BOOTSTRAP_TOKEN}" ] || exit 3 ;;
  # The network's bridge name, as --format '{{index .Options "com.docker.network.bridge.name"}}' prints it.
  "network inspect ${P.DOCKER_NETWORK} "*) [ -f "$FAKE/network" ] && cat "$FAKE/network" || exit 1 ;;
  "network create --opt com.docker.network.bridge.name="*" ${P.DOCKER_NETWORK}") echo "\${4#*=}" > "$FAKE/network" ;;
esac
`,
  systemctl: '#!/bin/bash\necho "systemctl $*" >> "$FAKE/calls.log"\n',
  // iptables -w -C|-I DOCKER-USER [1] RULE...: the DOCKER-USER chain is a file of rules, one a line.
  iptables: `#!/bin/bash
echo "iptables $*" >> "$FAKE/calls.log"
[ "$1" = -w ] || exit 2
op="$2"; chain="$3"; shift 3
if [ "$chain" != DOCKER-USER ] || [ -n "$FAKE_NO_DOCKER_USER" ]; then echo "iptables: No chain/target/match by that name." >&2; exit 1; fi
case "$op" in
  -C) grep -qxF -- "$*" "$FAKE/docker-user.rules" 2>/dev/null ;;
  -I) shift; echo "$*" >> "$FAKE/docker-user.rules" ;;
  *) exit 2 ;;
esac
`,
  ss: '#!/bin/bash\necho "ss $*" >> "$FAKE/calls.log"\nprintf \'%s\\n\' "$FAKE_LISTENERS"\n',
  chown: '#!/bin/bash\necho "chown $*" >> "$FAKE/calls.log"\n',
  // install -d -m MODE -o USER -g GROUP DIR...: only the directories matter here.
  install: '#!/bin/bash\necho "install $*" >> "$FAKE/calls.log"\nwhile [ $# -gt 0 ]; do case "$1" in -d) shift ;; -m|-o|-g) shift 2 ;; *) mkdir -p "$1"; shift ;; esac; done\n',
  // The server "serves" the certificate on disk.
  openssl: `#!/bin/bash
if [ "$1" = s_client ]; then cat "$FAKE${P.TLS_CERT_PATH}"; exit 0; fi
exec ${which('openssl')} "$@"
`,
};

type Run = { status: number | null; output: string };

function setup() {
  const fake = mkdtempSync(join(tmpdir(), 'pilot-bootstrap-'));
  const bin = join(fake, 'bin');
  mkdirSync(bin);
  for (const [name, body] of Object.entries(STUBS)) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  const doc = parseDoc(renderCloudInit(modelOf(awsOnly())));
  const script = fileAt(doc, P.BOOTSTRAP_SCRIPT_PATH).content;
  // The metadata guard is the real script from the document too, run from the temp dir.
  const guard = join(fake, 'metadata-guard.sh');
  writeFileSync(guard, fileAt(doc, P.METADATA_GUARD_SCRIPT_PATH).content);
  chmodSync(guard, 0o700);
  const moved = script
    .replaceAll(`${P.STATE_DIR}/`, `${fake}${P.STATE_DIR}/`)
    .replaceAll(`${P.STATE_DIR} `, `${fake}${P.STATE_DIR} `)
    .replaceAll(P.METADATA_GUARD_SCRIPT_PATH, guard);
  assert.not.match(moved, /[\s'"]\/etc\/pilot/, 'every /etc/pilot path was moved into the temp dir');
  writeFileSync(join(fake, 'bootstrap.sh'), moved);
  const run = (env: Record<string, string> = {}): Run => {
    const r = spawnSync('bash', [join(fake, 'bootstrap.sh')], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH}`, FAKE: fake, FAKE_LISTENERS: 'LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=1,fd=3))', BOOTSTRAP_OUT: BOOTSTRAP_TOKEN, ...env },
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  };
  const calls = () => (existsSync(join(fake, 'calls.log')) ? readFileSync(join(fake, 'calls.log'), 'utf8') : '');
  const at = (path: string) => join(fake, path);
  const dockerUser = () => (existsSync(join(fake, 'docker-user.rules')) ? readFileSync(join(fake, 'docker-user.rules'), 'utf8').split('\n').filter(Boolean) : []);
  return { fake, run, calls, at, dockerUser };
}

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

const bootstrap = suite('bootstrap script');

bootstrap('writes the token and the certificate fingerprint to a root-only file, then marks the server ready', () => {
  const { fake, run, calls, at } = setup();
  try {
    const r = run();
    assert.is(r.status, 0, r.output);
    const info = JSON.parse(readFileSync(at(P.SERVER_INFO_PATH), 'utf8')) as Record<string, string>;
    assert.is(info.token, BOOTSTRAP_TOKEN);
    const fingerprint = execFileSync(which('openssl'), ['x509', '-noout', '-fingerprint', '-sha256', '-in', at(P.TLS_CERT_PATH)], { encoding: 'utf8' }).trim().split('=')[1];
    assert.match(info.certificateSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.is(info.certificateSha256, fingerprint);
    assert.is(info.certificatePem, readFileSync(at(P.TLS_CERT_PATH), 'utf8'));
    assert.is(mode(at(P.SERVER_INFO_PATH)), '600');
    assert.ok(calls().includes(`chown root:root ${at(P.SERVER_INFO_PATH)}.new`), 'server.json is owned by root');
    assert.is(readFileSync(at(P.RUNNER_ENV_PATH), 'utf8'), `WAYPOINT_SERVER_TOKEN=${RUNNER_TOKEN}\n`);
    assert.is(mode(at(P.RUNNER_ENV_PATH)), '600');
    assert.is(mode(at(P.TLS_KEY_PATH)), '640');
    assert.ok(calls().includes(`chown root:${P.TLS_KEY_GID} ${at(P.TLS_KEY_PATH)}.new`));
    assert.ok(existsSync(at(P.READY_PATH)));
    assert.ok(calls().indexOf(`systemctl enable --now ${P.SERVER_UNIT}`) < calls().indexOf(`systemctl enable --now ${P.RUNNER_UNIT}`));
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap('never puts a token in a command line or in its output', () => {
  const { fake, run, calls } = setup();
  try {
    const r = run();
    assert.is(r.status, 0, r.output);
    for (const token of [BOOTSTRAP_TOKEN, RUNNER_TOKEN]) {
      assert.not.ok(r.output.includes(token), 'token in the console output');
      assert.not.ok(calls().includes(token), 'token in a command line');
    }
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap('bootstraps the server only once across reruns and keeps the same token and certificate', () => {
  const { fake, run, calls, at } = setup();
  try {
    assert.is(run().status, 0);
    const info = readFileSync(at(P.SERVER_INFO_PATH), 'utf8');
    const cert = readFileSync(at(P.TLS_CERT_PATH), 'utf8');
    // A second bootstrap would fail on a real server; make it visible here too.
    const second = run({ BOOTSTRAP_OUT: 'SECONDTOKEN' });
    assert.is(second.status, 0, second.output);
    assert.is(calls().split('\n').filter((l) => l.includes('server bootstrap')).length, 1);
    assert.is(calls().split('\n').filter((l) => l.includes('runner token')).length, 1);
    assert.is(readFileSync(at(P.SERVER_INFO_PATH), 'utf8'), info);
    assert.is(readFileSync(at(P.TLS_CERT_PATH), 'utf8'), cert);
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap('stops before starting anything when dockerd listens on a TCP port', () => {
  const { fake, run, calls, at } = setup();
  try {
    const r = run({ FAKE_LISTENERS: 'LISTEN 0 4096 *:2376 *:* users:(("dockerd",pid=7,fd=9))' });
    assert.is.not(r.status, 0);
    assert.match(r.output, 'dockerd listens on a TCP port');
    assert.not.ok(calls().includes(P.SERVER_UNIT));
    assert.not.ok(existsSync(at(P.READY_PATH)));
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap('refuses output that is not a token instead of storing or printing it', () => {
  const { fake, run, at } = setup();
  try {
    const r = run({ BOOTSTRAP_OUT: 'Error: something odd happened' });
    assert.is.not(r.status, 0);
    assert.not.ok(r.output.includes('something odd'));
    assert.not.ok(existsSync(at(P.SERVER_INFO_PATH)));
    assert.not.ok(existsSync(at(P.READY_PATH)));
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap('rejects build containers\' traffic to the metadata server before any container starts, once across reruns', () => {
  const { fake, run, calls, dockerUser } = setup();
  try {
    assert.is(run().status, 0);
    const rule = METADATA_GUARD_RULE.join(' ');
    assert.equal(dockerUser(), [rule]);
    assert.ok(rule.includes('-d 169.254.169.254/32 ! -i pilot-wp0 '), 'the metadata address, from every bridge but the runner\'s');
    assert.ok(rule.endsWith(' -j REJECT'));
    const log = calls();
    assert.ok(log.includes(`iptables -w -I DOCKER-USER 1 ${rule}\n`), 'inserted first in DOCKER-USER');
    assert.ok(log.indexOf('iptables -w -I DOCKER-USER') < log.indexOf(`systemctl enable --now ${P.SERVER_UNIT}`), 'before the server and runner start');
    assert.ok(log.includes(`systemctl enable ${P.METADATA_GUARD_UNIT}\n`), 'and again after each Docker start, across reboots');
    assert.is(run().status, 0);
    assert.equal(dockerUser(), [rule], 'a rerun adds no second copy');
    assert.is(calls().split('\n').filter((l) => l.startsWith('iptables -w -I')).length, 1);
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap('creates the runner network with the bridge the rule exempts, and refuses one with another bridge', () => {
  const { fake, run, calls, at } = setup();
  try {
    assert.is(run().status, 0);
    assert.is(readFileSync(join(fake, 'network'), 'utf8'), `${P.DOCKER_NETWORK_BRIDGE}\n`);
    assert.is(calls().split('\n').filter((l) => l.includes('network create')).length, 1);
    assert.is(run().status, 0, 'a rerun keeps the network');
    assert.is(calls().split('\n').filter((l) => l.includes('network create')).length, 1);
    // A network made by hand (Docker's br-<id> bridge) would leave the runner behind the rule.
    writeFileSync(join(fake, 'network'), 'br-0123456789ab\n');
    rmSync(at(P.READY_PATH));
    const r = run();
    assert.is.not(r.status, 0);
    assert.match(r.output, `uses bridge 'br-0123456789ab', not ${P.DOCKER_NETWORK_BRIDGE}`);
    assert.not.ok(existsSync(at(P.READY_PATH)));
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap('starts neither server nor runner when the DOCKER-USER chain is missing', () => {
  const { fake, run, calls, at } = setup();
  try {
    const r = run({ FAKE_NO_DOCKER_USER: '1' });
    assert.is.not(r.status, 0);
    assert.not.ok(calls().includes(`enable --now ${P.SERVER_UNIT}`));
    assert.not.ok(calls().includes(`enable --now ${P.RUNNER_UNIT}`));
    assert.not.ok(existsSync(at(P.READY_PATH)));
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});

bootstrap.run();
