// Plan fixtures: one applied config (the record) and, per case, the config a pull request changes it
// to. Compiled through the real pipeline; the record is built from the base config's artifacts.
import { compileConfig, type CompileResult } from '../../src/compiler/compile.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { computePlan } from '../../src/plan/compute.ts';
import type { Plan } from '../../src/plan/types.ts';
import { fingerprintsFor } from '../../src/cli/commands/plan.ts';
import { buildRecord, type PilotRecord, recordHash, serializeRecord } from '../../src/state/index.ts';

export const SALT = 'fixed-test-salt-0123456789abcdef';
export const BASE_ENV = { SHOP_STRIPE_KEY: 'sk_test_original_value' };

export const base = (): ConfigInput => ({
  name: 'shop',
  server: {
    cloud: 'aws',
    region: 'eu-west-1',
    instanceType: 't3.small',
    ami: 'ami-0123456789abcdef0',
    sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0tchEnK1tchEnK1tchEnK1tchEnK1tchEnK1tchEn ops@shop',
    allowFrom: ['203.0.113.0/24'],
    image: { repository: 'ghcr.io/shop/pilot-runtime', tag: '0.1.0' },
  },
  clouds: { aws: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b'] } },
  database: { engine: 'postgres', on: 'aws', version: '15', size: 'small' },
  projects: {
    shop: {
      repository: { url: 'https://github.com/shop/shop.git', ref: 'main' },
      apps: {
        api: { path: 'api', build: { kind: 'docker' }, deploy: { kind: 'ecs', port: 3000, memory: 512 }, env: { LOG_LEVEL: 'info', STRIPE_KEY: { kind: 'secret', name: 'SHOP_STRIPE_KEY' } } },
        web: { path: 'web', build: { kind: 'yarn', outDir: 'build' }, deploy: { kind: 'cloudfront', spa: true } },
      },
    },
    tools: {
      repository: { url: 'https://github.com/shop/tools.git', ref: 'main' },
      apps: { admin: { path: 'admin', build: { kind: 'docker' }, deploy: { kind: 'ecs', port: 8080, memory: 512 } } },
    },
  },
});

type Mutate = (c: any) => void;
export const CASES: Record<string, { mutate?: Mutate; env?: Record<string, string>; says: RegExp[] }> = {
  'no-change': { says: [/No changes\./] },
  'add-app': {
    mutate: (c) => (c.projects.shop.apps.worker = { path: 'worker', build: { kind: 'docker' }, deploy: { kind: 'ecs', port: 4000, memory: 1024 } }),
    says: [/\+\s+app worker \(Waypoint: worker-[0-9a-z]{6}\)/, /PUBLIC shop\/worker gets a load balancer open to the whole internet on port 80 \(plain HTTP\)\n\s+at projects\.shop\.apps\.worker\.deploy\n/, /aws_ecr_repository\.shop_worker/],
  },
  'change-memory': { mutate: (c) => (c.projects.shop.apps.api.deploy.memory = 1024), says: [/~\s+app api \(Waypoint: api-[0-9a-z]{6}\)\s+\(deploy\)/] }, // the config name, then the Waypoint name (names.ts)
  'server-instance-type': { mutate: (c) => (c.server.instanceType = 't3.large'), says: [/stopped and started/, /aws_instance\.server\s+server\s+\(instance_type\)/] },
  'cloud-init': { mutate: (c) => (c.server.image.tag = '0.2.0'), says: [/cloud-init changed/, /does NOT rerun/, /cloud-init clean --logs --reboot/] },
  'db-version': { mutate: (c) => (c.database.version = '16'), says: [/upgraded in place from 15 to 16/, /a major version: downtime/] },
  // db_name is ForceNew on aws_db_instance (force-new.ts): the database is destroyed and recreated empty.
  'db-replace': { mutate: (c) => (c.database.name = 'shop'), says: [/DANGER/, /DATA LOSS: the database aws_db_instance\.database will be destroyed and recreated empty \(db_name cannot change in place\)/, /-\/\+ aws_db_instance\.database\s+database\s+\(db_name forces replacement\)/] },
  'remove-project': { mutate: (c) => delete c.projects.tools, says: [/-\s+project tools/, /-\s+app admin \(Waypoint: admin-[0-9a-z]{6}\)/, /-\s+aws_ecr_repository\.tools_admin/] },
  // An app that leaves a project the config keeps: apply destroys its deployments through Waypoint (src/apply/apps.ts).
  'remove-app': { mutate: (c) => delete c.projects.shop.apps.api, says: [/-\s+app api \(Waypoint: api-[0-9a-z]{6}\)\s+\(its deployments are destroyed through Waypoint\)/, /-\s+aws_ecr_repository\.shop_api/] },
  'widen-allow-from': { mutate: (c) => c.server.allowFrom.push('198.51.100.0/24'), says: [/SECURITY/, /port 22 \(SSH\) of aws_security_group\.server newly open to 198\.51\.100\.0\/24/] },
  'secret-value': { env: { SHOP_STRIPE_KEY: 'sk_test_rotated_value' }, says: [/~\s+SHOP_STRIPE_KEY\s+hmac-sha256:[0-9a-f]{16} -> hmac-sha256:[0-9a-f]{16}/] },
};

export async function compile(config: ConfigInput): Promise<CompileResult> {
  const r = await compileConfig(config, { file: 'pilot.config.ts', text: '' });
  if (!r.model) throw new Error(`fixture does not compile: ${JSON.stringify(r.diagnostics)}`);
  return r;
}

export async function baseRecord(): Promise<{ record: PilotRecord; hash: string; compiled: CompileResult }> {
  const compiled = await compile(base());
  const record = buildRecord({
    previous: null,
    artifacts: compiled.artifacts,
    configHash: compiled.configHash!,
    configPaths: compiled.configPaths!,
    pilotVersion: '0.1.0',
    appliedAt: '2026-11-30T09:00:00.000Z',
    appliedBy: { name: 'Ada Ops', email: 'ada@shop.example' },
    secretValues: BASE_ENV,
    newSalt: SALT,
  });
  return { record, hash: recordHash(serializeRecord(record)), compiled };
}

export async function planCase(name: string): Promise<{ plan: Plan; env: Record<string, string> }> {
  const c = CASES[name];
  const config = base();
  c.mutate?.(config);
  const env = { ...BASE_ENV, ...c.env };
  const { record, hash } = await baseRecord();
  const compiled = await compile(config);
  const plan = computePlan({ record: { record, hash }, artifacts: compiled.artifacts, model: compiled.model!, configPaths: compiled.configPaths!, secretFingerprints: fingerprintsFor(compiled.model!, record.secrets.salt, env), compileWarnings: compiled.diagnostics });
  return { plan, env };
}
