// The cloud-config document as plain data. Key order here is the order in the YAML.
import type { Model } from '../../compiler/model.ts';
import { bootstrapScript } from './bootstrap-script.ts';
import { runnerUnit, serverUnit } from './container-units.ts';
import { METADATA_GUARD_SCRIPT, metadataGuardUnit } from './metadata-guard.ts';
import {
  ADMIN_USER, BOOTSTRAP_SCRIPT_PATH, DAEMON_JSON_PATH, METADATA_GUARD_SCRIPT_PATH, METADATA_GUARD_UNIT, RUNNER_DOCKER_CONFIG_PATH, RUNNER_UNIT, SERVER_UNIT,
  SSHD_DROP_IN_PATH, unitPath,
} from './paths.ts';
import { runnerDockerConfig } from './runner-docker-config.ts';
import { runnerCloudEnv } from './runner-env.ts';

export type WriteFile = { path: string; owner: string; permissions: string; content: string };

export type CloudConfig = {
  users: { name: string; gecos: string; groups: string[]; shell: string; sudo: string; lock_passwd: boolean; ssh_authorized_keys: string[] }[];
  disable_root: boolean;
  ssh_pwauth: boolean;
  package_update: boolean;
  packages: string[];
  write_files: WriteFile[];
  runcmd: string[][];
};

/** Log rotation only. No `hosts`: Debian's unit starts dockerd with `-H fd://` (its unix socket). */
const DAEMON_JSON = `${JSON.stringify({ 'log-driver': 'json-file', 'log-opts': { 'max-file': '3', 'max-size': '10m' } }, null, 2)}\n`;

const SSHD_DROP_IN = ['# Written by Pilot: keys only.', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PermitRootLogin no', ''].join('\n');

const file = (path: string, permissions: string, content: string): WriteFile => ({ path, owner: 'root:root', permissions, content });

export function buildCloudConfig(model: Model): CloudConfig {
  const { mountGcpCredentials } = runnerCloudEnv(model);
  const dockerConfig = runnerDockerConfig(model);
  return {
    users: [
      {
        name: ADMIN_USER,
        gecos: 'Pilot admin',
        groups: ['sudo'],
        shell: '/bin/bash',
        // Key-only account (the password is locked), so sudo cannot ask for one.
        sudo: 'ALL=(ALL) NOPASSWD:ALL',
        lock_passwd: true,
        ssh_authorized_keys: [model.server.sshKey],
      },
    ],
    disable_root: true,
    ssh_pwauth: false,
    package_update: true,
    // Debian 12's own Docker (docker.io), not a third-party repository; iptables for the metadata guard.
    packages: ['ca-certificates', 'docker.io', 'iproute2', 'iptables', 'jq', 'openssl', 'sudo'],
    write_files: [
      file(DAEMON_JSON_PATH, '0644', DAEMON_JSON),
      file(SSHD_DROP_IN_PATH, '0644', SSHD_DROP_IN),
      file(unitPath(SERVER_UNIT), '0644', serverUnit(model)),
      file(unitPath(RUNNER_UNIT), '0644', runnerUnit(model)),
      file(METADATA_GUARD_SCRIPT_PATH, '0700', METADATA_GUARD_SCRIPT),
      file(unitPath(METADATA_GUARD_UNIT), '0644', metadataGuardUnit()),
      ...(dockerConfig === undefined ? [] : [file(RUNNER_DOCKER_CONFIG_PATH, '0644', dockerConfig)]),
      file(BOOTSTRAP_SCRIPT_PATH, '0700', bootstrapScript({ mountGcpCredentials })),
    ],
    runcmd: [[BOOTSTRAP_SCRIPT_PATH]],
  };
}
