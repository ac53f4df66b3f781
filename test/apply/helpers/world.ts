// Everything `pilot apply` talks to, stood in on this machine: a real sshd (the "server", whose
// /etc/pilot lives under a temp dir), the in-process Waypoint gRPC server, a Secrets Manager endpoint
// and the terraform stand-in. `env` is what the CLI needs to find them.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../helpers/golden.ts';
import { makeCert } from './certs.ts';
import { startFakeSecretsManager, type FakeSecretsManager } from './secrets-manager.ts';
import { startSshd, type TestSshd } from './sshd.ts';
import { type AnyJob, startFakeWaypoint, type FakeWaypoint, type JobScript } from './waypoint-server.ts';

export const STAND_IN = join(dirname(fileURLToPath(import.meta.url)), 'terraform-stand-in.mjs');

export const SECRET_VALUES = { AUTH_JWT_SECRET: 'jwt-7f3a9c-TOPSECRET-value', INVOICES_STRIPE_KEY: 'sk_live_STRIPE-9d8e7f-TOPSECRET' };

export type World = {
  dir: string;
  config: string;
  sshd: TestSshd;
  waypoint: FakeWaypoint;
  secretsManager: FakeSecretsManager;
  remoteRoot: string;
  log: string;
  env: Record<string, string>;
  /** Every terraform stand-in invocation, with the time it started (Date.now()). */
  tfLog(): { cmd: string; args: string[]; env: Record<string, string>; time: number }[];
  stop(): Promise<void>;
};

export async function startWorld(opts: { example?: string; script?: (job: AnyJob) => JobScript } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-world-'));
  const project = join(dir, 'project');
  mkdirSync(project);
  copyFileSync(join(ROOT, 'examples', opts.example ?? 'acme', 'pilot.config.ts'), join(project, 'pilot.config.ts'));
  const cert = makeCert();
  const sshd = await startSshd();
  const waypoint = await startFakeWaypoint(cert, { token: 'BootstrapTOKEN58xyz', script: opts.script });
  const secretsManager = await startFakeSecretsManager();
  const remoteRoot = join(dir, 'server');
  mkdirSync(join(remoteRoot, 'etc', 'pilot'), { recursive: true });
  writeFileSync(join(remoteRoot, 'etc', 'pilot', 'server.json'), JSON.stringify({ token: waypoint.token, certificateSha256: cert.sha256, certificatePem: cert.certPem }));
  chmodSync(join(remoteRoot, 'etc', 'pilot', 'server.json'), 0o600);
  writeFileSync(join(remoteRoot, 'etc', 'pilot', 'ready'), '');
  const log = join(dir, 'terraform.log');
  writeFileSync(log, '');
  const env: Record<string, string> = {
    PILOT_SSH_KEY: sshd.clientKeyPath,
    PILOT_SSH_PORT: String(sshd.port),
    PILOT_SSH_USER: sshd.user,
    PILOT_WAYPOINT_PORT: String(waypoint.port),
    PILOT_REMOTE_ROOT: remoteRoot,
    STANDIN_LOG: log,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.url,
    AWS_ACCESS_KEY_ID: 'AKIASTANDIN000000000',
    AWS_SECRET_ACCESS_KEY: 'standin-not-a-real-key',
    AWS_REGION: 'us-east-1',
    SSH_AUTH_SOCK: '',
    GIT_AUTHOR_NAME: 'Test Person',
    GIT_AUTHOR_EMAIL: 'test@example.test',
    ...SECRET_VALUES,
  };
  return {
    dir, config: join(project, 'pilot.config.ts'), sshd, waypoint, secretsManager, remoteRoot, log, env,
    tfLog: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    async stop() {
      await Promise.all([sshd.stop(), waypoint.stop(), secretsManager.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
