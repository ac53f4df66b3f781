import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cloudInitEmitter } from '../../src/backends/cloud-init/emit.ts';
import { GCE_STARTUP_SCRIPT } from '../../src/backends/cloud-init/gce-startup-script.ts';
import * as P from '../../src/backends/cloud-init/paths.ts';
import { renderCloudInit } from '../../src/backends/cloud-init/render.ts';
import { assertGolden } from '../helpers/golden.ts';
import { EXAMPLES, exampleModel, modelOf } from '../helpers/model.ts';
import { fileAt, parseDoc } from './document.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { awsOnly, gcpOnly, SSH_KEY } from './fixtures.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

const golden = suite('cloud-init snapshots');
for (const name of EXAMPLES) {
  golden(`the ${name} example renders its snapshot`, async () => {
    const model = await exampleModel(name);
    const { artifacts, diagnostics } = cloudInitEmitter.emit(model);
    assert.equal(diagnostics, []);
    assert.equal(artifacts.map((a) => a.path), ['cloud-init/user-data.yaml']);
    assertGolden(`${name}/cloud-init/user-data.yaml`, artifacts[0].contents);
  });
}
golden.run();

const shape = suite('cloud-init document');

shape('starts with #cloud-config and parses as a YAML mapping', () => {
  const text = renderCloudInit(modelOf(awsOnly()));
  assert.is(text.split('\n')[0], '#cloud-config');
  const doc = parseDoc(text);
  assert.type(doc, 'object');
  assert.ok(Array.isArray(doc.write_files));
});

shape('is byte-for-byte the same when rendered twice', () => {
  assert.is(renderCloudInit(modelOf(awsOnly())), renderCloudInit(modelOf(awsOnly())));
  assert.is(renderCloudInit(modelOf(gcpOnly())), renderCloudInit(modelOf(gcpOnly())));
});

shape('creates only the pilot admin user, key-only, and turns password and root logins off', () => {
  const doc = parseDoc(renderCloudInit(modelOf(awsOnly())));
  assert.equal(doc.users, [
    { name: 'pilot', gecos: 'Pilot admin', groups: ['sudo'], shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL', lock_passwd: true, ssh_authorized_keys: [SSH_KEY] },
  ]);
  assert.is(doc.ssh_pwauth, false);
  assert.is(doc.disable_root, true);
  assert.match(fileAt(doc, P.SSHD_DROP_IN_PATH).content, /^PasswordAuthentication no$/m);
});

shape('installs Docker from the Debian package', () => {
  const doc = parseDoc(renderCloudInit(modelOf(gcpOnly())));
  assert.is(doc.package_update, true);
  assert.ok((doc.packages as string[]).includes('docker.io'));
  assert.not.ok(JSON.stringify(doc).includes('download.docker.com'));
});

shape('never exposes the Docker API on the network', () => {
  for (const text of [renderCloudInit(modelOf(awsOnly())), renderCloudInit(modelOf(gcpOnly()))]) {
    assert.not.ok(text.includes('2375'), 'mentions port 2375');
    assert.not.ok(text.includes('2376'), 'mentions port 2376');
    assert.not.ok(/tcp:\/\//i.test(text), 'has a tcp:// address');
    assert.not.ok(/dockerd[^\n]*\s-H\b|--host[= ]/.test(text), 'passes -H/--host to dockerd');
    const daemon = JSON.parse(fileAt(parseDoc(text), P.DAEMON_JSON_PATH).content) as Record<string, unknown>;
    assert.equal(Object.keys(daemon).sort(), ['log-driver', 'log-opts']);
  }
});

shape('contains no secret: neither the names of secret env vars nor their sources', () => {
  const text = renderCloudInit(modelOf(awsOnly()));
  for (const canary of ['CANARY_SECRET_VAR', 'CANARY_SECRET_SOURCE', 'CANARY_PLAIN_NAME']) assert.not.ok(text.includes(canary), canary);
  assert.not.ok(renderCloudInit(modelOf(gcpOnly())).includes('WREN_API_TOKEN'));
});

shape('contains no Terraform template sequences', () => {
  for (const text of [renderCloudInit(modelOf(awsOnly())), renderCloudInit(modelOf(gcpOnly()))]) {
    assert.not.ok(text.includes('${'), 'has ${');
    assert.not.ok(text.includes('%{'), 'has %{');
  }
});

shape('runs the bootstrap script once from runcmd, as a root-only executable', () => {
  const doc = parseDoc(renderCloudInit(modelOf(awsOnly())));
  assert.equal(doc.runcmd, [[P.BOOTSTRAP_SCRIPT_PATH]]);
  const script = fileAt(doc, P.BOOTSTRAP_SCRIPT_PATH);
  assert.is(script.permissions, '0700');
  assert.is(script.owner, 'root:root');
  assert.ok(script.content.startsWith('#!/bin/bash\n'));
});

shape('embeds shell that bash can parse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-cloud-init-'));
  try {
    for (const [name, model] of [['aws', modelOf(awsOnly())], ['gcp', modelOf(gcpOnly())]] as const) {
      const file = join(dir, `${name}.sh`);
      writeFileSync(file, fileAt(parseDoc(renderCloudInit(model)), P.BOOTSTRAP_SCRIPT_PATH).content);
      execFileSync('bash', ['-n', file], { stdio: 'pipe' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

shape('never traces the bootstrap script, so no token reaches the console log', () => {
  const script = fileAt(parseDoc(renderCloudInit(modelOf(awsOnly()))), P.BOOTSTRAP_SCRIPT_PATH).content;
  assert.not.match(script, /^\s*set\s+[^\n#]*x/m);
  assert.not.match(script, /echo[^\n]*\$(runner_)?token/);
});
shape.run();

const units = suite('cloud-init container units');

const unitsOf = (text: string) => {
  const doc = parseDoc(text);
  return { server: fileAt(doc, P.unitPath(P.SERVER_UNIT)).content, runner: fileAt(doc, P.unitPath(P.RUNNER_UNIT)).content };
};

units('run the server with its data on a named volume, both ports published and the URL service off', () => {
  const { server } = unitsOf(renderCloudInit(modelOf(awsOnly())));
  for (const part of ['--volume waypoint-server:/data', '--publish 9701:9701', '--publish 9702:9702', '-url-enabled=false', '-db=/data/data.db',
    '-listen-grpc=0.0.0.0:9701', '-listen-http=0.0.0.0:9702', `-tls-cert-file=${P.TLS_CERT_PATH}`])
    assert.ok(server.includes(part), part);
  // -advertise-* would put an unreachable address and a 10-year invite token into every app (W-13).
  assert.not.match(server, /-advertise/);
  assert.match(server, /^Restart=always$/m);
  assert.match(server, /^WantedBy=multi-user.target$/m);
});

units('give the runner the Docker socket, the server address and the token file, and restart it always', () => {
  const { runner } = unitsOf(renderCloudInit(modelOf(gcpOnly())));
  for (const part of ['--volume /var/run/docker.sock:/var/run/docker.sock', `--env-file ${P.RUNNER_ENV_PATH}`, '--env WAYPOINT_SERVER_ADDR=waypoint-server:9701',
    '--env WAYPOINT_SERVER_TLS=true', '--env WAYPOINT_SERVER_TLS_SKIP_VERIFY=true', '--network waypoint', 'runner agent', '-id=static'])
    assert.ok(runner.includes(part), part);
  assert.match(runner, /^Restart=always$/m);
});

units('run the runner with one job per vCPU of the server VM, not Waypoint\'s 3 x CPUs', () => {
  const concurrency = (server: Record<string, string>) =>
    /-concurrency=(\d+)$/m.exec(unitsOf(renderCloudInit(modelOf({ ...awsOnly(), server: { ...awsOnly().server, ...server } } as ConfigInput))).runner)?.[1];
  assert.is(concurrency({}), '2', 't3.medium, the default, has 2 vCPUs');
  assert.is(concurrency({ instanceType: 't2.micro' }), '1');
  assert.is(concurrency({ instanceType: 'm6i.xlarge' }), '4');
  assert.is(concurrency({ instanceType: 'c6i.4xlarge' }), '16');
  const gcp = (machineType?: string) =>
    /-concurrency=(\d+)$/m.exec(unitsOf(renderCloudInit(modelOf({ ...gcpOnly(), server: { ...gcpOnly().server, ...(machineType ? { machineType } : {}) } } as ConfigInput))).runner)?.[1];
  assert.is(gcp(), '2', 'e2-medium, the default, shows 2 vCPUs');
  assert.is(gcp('n2-standard-8'), '8');
  assert.is(gcp('e2-custom-6-12288'), '6');
  assert.is(gcp('f1-micro'), '1');
});

units('cut build containers off from the metadata server, and start the runner only after that', () => {
  for (const text of [renderCloudInit(modelOf(awsOnly())), renderCloudInit(modelOf(gcpOnly()))]) {
    const doc = parseDoc(text);
    const { server, runner } = unitsOf(text);
    // Server and runner join the network whose bridge the rule exempts, made by the guard first; builds run on docker0.
    const guard = fileAt(doc, P.METADATA_GUARD_SCRIPT_PATH);
    assert.ok(guard.content.includes(`docker network create --opt com.docker.network.bridge.name=${P.DOCKER_NETWORK_BRIDGE} ${P.DOCKER_NETWORK}`));
    for (const unit of [server, runner]) {
      assert.ok(unit.includes(`--network ${P.DOCKER_NETWORK} \\\n`));
      assert.match(unit, new RegExp(`^Requires=docker.service ${P.METADATA_GUARD_UNIT}$`, 'm'));
      assert.match(unit, new RegExp(`^After=docker.service ${P.METADATA_GUARD_UNIT}( |$)`, 'm'));
    }
    assert.not.ok(server.includes('network create'), 'one place creates the network');
    assert.is(guard.permissions, '0700');
    assert.match(guard.content, /^RULE="-d 169\.254\.169\.254\/32 ! -i pilot-wp0 -m comment --comment pilot-metadata-guard -j REJECT"$/m);
    assert.match(guard.content, /iptables -w -C DOCKER-USER \$RULE/);
    const unit = fileAt(doc, P.unitPath(P.METADATA_GUARD_UNIT)).content;
    for (const line of ['After=docker.service', 'PartOf=docker.service', 'Type=oneshot', 'RemainAfterExit=yes', `ExecStart=${P.METADATA_GUARD_SCRIPT_PATH}`, 'WantedBy=multi-user.target docker.service'])
      assert.ok(unit.split('\n').includes(line), line);
    assert.ok((doc.packages as string[]).includes('iptables'));
  }
});

units('run both containers from the configured image, pinned by digest when one is given', () => {
  const pinned = unitsOf(renderCloudInit(modelOf(awsOnly({ repository: 'registry.example.com/ops/pilot', tag: '1.2.3', digest: DIGEST }))));
  const ref = `registry.example.com/ops/pilot:1.2.3@${DIGEST}`;
  assert.ok(pinned.server.includes(`  ${ref} \\\n`));
  assert.ok(pinned.runner.includes(`  ${ref} \\\n`));
  // pilot-static builds yarn sites in a container of the same image (plugins/pilot-static/src/build.ts).
  assert.ok(pinned.runner.includes(`  --env PILOT_BUILD_IMAGE=${ref} \\\n`));
  const byDefault = unitsOf(renderCloudInit(modelOf(awsOnly())));
  assert.ok(byDefault.server.includes('  ghcr.io/pilot-framework/pilot-runtime:0.1.0 \\\n'));
});

units('give the runner the region on AWS, and no credentials or key files anywhere', () => {
  const { runner } = unitsOf(renderCloudInit(modelOf(awsOnly())));
  assert.ok(runner.includes('--env AWS_REGION=eu-west-1'));
  assert.not.ok(runner.includes('GOOGLE_APPLICATION_CREDENTIALS'), 'no GCP credential config without GCP');
  for (const text of [renderCloudInit(modelOf(awsOnly())), renderCloudInit(modelOf(gcpOnly()))])
    assert.not.match(text, /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|private_key|\.pem:/);
});

units('leave GCP credentials to the attached service account on a GCP server', () => {
  const { runner } = unitsOf(renderCloudInit(modelOf(gcpOnly())));
  assert.ok(runner.includes('--env GOOGLE_CLOUD_PROJECT=wren-platform'));
  assert.not.ok(runner.includes('GOOGLE_APPLICATION_CREDENTIALS'));
  assert.not.ok(runner.includes('AWS_REGION'));
});

units('point the runner of an AWS server that deploys to GCP at the federation config apply writes', async () => {
  const { runner } = unitsOf(renderCloudInit(await exampleModel('acme')));
  assert.ok(runner.includes(`--volume ${P.GCP_CREDENTIALS_DIR}:${P.GCP_CREDENTIALS_DIR}:ro`));
  assert.ok(runner.includes(`--env GOOGLE_APPLICATION_CREDENTIALS=${P.GCP_CREDENTIALS_PATH}`));
});
units.run();

const registry = suite('cloud-init registry credentials');

const dockerConfigOf = (text: string) => JSON.parse(fileAt(parseDoc(text), P.RUNNER_DOCKER_CONFIG_PATH).content) as unknown;

registry('name the pilot-gcp credential helper for the Artifact Registry host the acme apps push to', async () => {
  const text = renderCloudInit(await exampleModel('acme'));
  assert.equal(dockerConfigOf(text), { credHelpers: { 'us-central1-docker.pkg.dev': 'pilot-gcp' } });
  const file = fileAt(parseDoc(text), P.RUNNER_DOCKER_CONFIG_PATH);
  assert.is(file.owner, 'root:root');
  assert.is(file.permissions, '0644');
});

registry('name each region once for gcp-only, whose two Cloud Run apps share europe-west1', async () => {
  assert.equal(dockerConfigOf(renderCloudInit(await exampleModel('gcp-only'))), { credHelpers: { 'europe-west1-docker.pkg.dev': 'pilot-gcp' } });
});

registry('mount the config read-only into the runner and point DOCKER_CONFIG at it', async () => {
  for (const model of [await exampleModel('acme'), await exampleModel('gcp-only'), modelOf(gcpOnly())]) {
    const { runner, server } = unitsOf(renderCloudInit(model));
    assert.ok(runner.includes(`--volume ${P.RUNNER_DOCKER_CONFIG_DIR}:${P.RUNNER_DOCKER_CONFIG_DIR}:ro \\\n`));
    assert.ok(runner.includes(`--env DOCKER_CONFIG=${P.RUNNER_DOCKER_CONFIG_DIR} \\\n`));
    assert.is(P.RUNNER_DOCKER_CONFIG_PATH, `${P.RUNNER_DOCKER_CONFIG_DIR}/config.json`);
    assert.not.ok(server.includes('DOCKER_CONFIG'), 'the server pushes nothing');
  }
});

registry('write no Docker config, mount or variable when no app pushes to Artifact Registry', () => {
  const text = renderCloudInit(modelOf(awsOnly()));
  assert.not.ok(parseDoc(text).write_files.some((f) => f.path === P.RUNNER_DOCKER_CONFIG_PATH));
  assert.not.ok(text.includes('DOCKER_CONFIG'));
  assert.not.ok(text.includes(P.RUNNER_DOCKER_CONFIG_DIR));
});

registry.run();

const gce = suite('GCE startup script');

gce('parses with bash and does nothing once cloud-init is installed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-gce-startup-'));
  try {
    const file = join(dir, 'startup.sh');
    writeFileSync(file, GCE_STARTUP_SCRIPT);
    execFileSync('bash', ['-n', file]);
    assert.ok(GCE_STARTUP_SCRIPT.startsWith('#!/bin/bash\n'));
    assert.match(GCE_STARTUP_SCRIPT, /^command -v cloud-init >\/dev\/null 2>&1 && exit 0$/m);
    assert.not.ok(GCE_STARTUP_SCRIPT.includes('${') || GCE_STARTUP_SCRIPT.includes('%{'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
gce.run();
