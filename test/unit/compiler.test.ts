// Pure pieces of the compiler: CIDR parsing, the Fargate table, locating a path in the source,
// key suggestions, and the defaults normalize fills in.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCidr } from '../../src/compiler/cidr.ts';
import { fargateCpuFor } from '../../src/compiler/fargate.ts';
import { DEFAULT_AWS_AMI } from '../../src/compiler/normalize.ts';
import { findPathLine } from '../../src/compiler/source-lines.ts';
import { suggestKey } from '../../src/compiler/suggest.ts';
import { configSchema } from '../../src/dsl/schema/config.ts';
import { modelOf } from '../helpers/model.ts';

const cidr = suite('parseCidr');
cidr('accepts network ranges and reports the network address', () => {
  assert.equal(parseCidr('203.0.113.0/24'), { address: '203.0.113.0', prefix: 24, network: '203.0.113.0' });
  assert.is(parseCidr('203.0.113.7/24')?.network, '203.0.113.0');
  assert.is(parseCidr('0.0.0.0/0')?.prefix, 0);
});
cidr('rejects what is not an IPv4 CIDR', () => {
  for (const bad of ['203.0.113.0', '203.0.113.0/33', '256.0.0.0/8', '01.2.3.4/8', 'office', '2001:db8::/32', '1.2.3/24']) assert.is(parseCidr(bad), undefined, bad);
});
cidr.run();

const fargate = suite('fargateCpuFor');
fargate('follows the table Waypoint and AWS enforce', () => {
  assert.equal(fargateCpuFor(512), [256]);
  assert.equal(fargateCpuFor(2048), [256, 512, 1024]);
  assert.equal(fargateCpuFor(6144), [1024, 2048]);
  assert.equal(fargateCpuFor(30720), [4096]);
  assert.equal(fargateCpuFor(1000), []);
  assert.equal(fargateCpuFor(31744), []);
});
fargate.run();

const lines = suite('findPathLine');
const SOURCE = `export default {\n  name: 'x',\n  projects: {\n    shop: {\n      apps: {\n        'api': { deploy: ecs({ port: 1 }) },\n      },\n    },\n  },\n};\n`;
lines('finds the line and column of a nested key, quoted or not', () => {
  assert.equal(findPathLine(SOURCE, ['projects', 'shop', 'apps', 'api', 'deploy', 'port']), { line: 6, column: 32, complete: true });
  assert.equal(findPathLine(SOURCE, ['name']), { line: 2, column: 3, complete: true });
});
lines('stops at the deepest key it finds', () => {
  assert.equal(findPathLine(SOURCE, ['projects', 'shop', 'apps', 'web']), { line: 5, column: 7, complete: false });
  assert.is(findPathLine(SOURCE, ['server']), undefined);
});
lines.run();

const suggest = suite('suggestKey');
suggest('suggests the key a user probably meant, per variant', () => {
  const raw = { server: { cloud: 'gcp' }, projects: { p: { apps: { a: { deploy: { kind: 'cloudRun' } } } } } };
  assert.is(suggestKey(configSchema, raw, ['server'], 'machine_type'), 'machineType');
  assert.is(suggestKey(configSchema, raw, ['projects', 'p', 'apps', 'a', 'deploy'], 'maxInstance'), 'maxInstances');
  assert.is(suggestKey(configSchema, raw, [], 'projcts'), 'projects');
  assert.is(suggestKey(configSchema, raw, [], 'zzzzzz'), undefined);
});
suggest.run();

const normalize = suite('normalizeConfig');
normalize('fills every default a user may leave out', () => {
  const m = modelOf({
    name: 'n',
    server: { cloud: 'aws', region: 'ap-northeast-1', sshKey: 'ssh-ed25519 AAAA x', allowFrom: ['10.0.0.0/8'] },
    database: { engine: 'postgres', on: 'aws' },
    projects: { p: { repository: { url: 'https://example.com/r.git' }, apps: { a: { build: { kind: 'docker' }, deploy: { kind: 'ecs' } } } } },
  });
  assert.is(m.server.cloud === 'aws' && m.server.ami, DEFAULT_AWS_AMI);
  // An AWS server implies clouds.aws, with its defaults (flow logs on).
  assert.equal(m.clouds, { aws: { region: 'ap-northeast-1', flowLogs: true } });
  assert.equal(m.database, { cloud: 'aws', version: '16', instanceClass: 'db.t4g.small', storageGb: 20, backupRetentionDays: 7, deletionProtection: true, finalSnapshot: true, name: 'app', username: 'pilot' });
  const app = m.projects[0].apps[0];
  assert.equal(app.deploy, { kind: 'ecs', port: 3000, memory: 512, cpu: 256, count: 1, architecture: 'x86_64', region: 'ap-northeast-1', healthCheckPath: '/' });
  assert.equal(app.registry, { kind: 'ecr', immutableTags: false, repository: 'n/p/a', region: 'ap-northeast-1' });
  assert.is(m.projects[0].repository.ref, 'main');
  assert.is(m.server.image.ref, 'ghcr.io/pilot-framework/pilot-runtime:0.1.0');
});
normalize('sorts projects, apps and env so output never depends on key order', () => {
  const app = (n: string) => ({ build: { kind: 'docker' as const }, deploy: { kind: 'ecs' as const }, env: { Z: n, A: n } });
  const m = modelOf({
    name: 'n',
    server: { cloud: 'aws', region: 'us-east-1', sshKey: 'ssh-ed25519 AAAA x', allowFrom: ['10.0.0.0/8'] },
    projects: { zeta: { repository: { url: 'https://e.com/z.git' }, apps: { b: app('1'), a: app('2') } }, alpha: { repository: { url: 'https://e.com/a.git' }, apps: { x: app('3') } } },
  });
  assert.equal(m.projects.map((p) => p.name), ['alpha', 'zeta']);
  assert.equal(m.projects[1].apps.map((a) => a.name), ['a', 'b']);
  assert.equal(m.projects[1].apps[0].env.map((e) => e.name), ['A', 'Z']);
});
normalize.run();

const semantic = suite('checkConfig');
semantic('warns that a GCP server cannot deploy AWS apps, and stays silent otherwise', async () => {
  const { checkConfig } = await import('../../src/compiler/semantic.ts');
  const base = {
    name: 'n',
    server: { cloud: 'gcp', zone: 'us-central1-a', sshKey: 'ssh-ed25519 AAAA x', allowFrom: ['10.0.0.0/8'] },
    clouds: { aws: { region: 'us-east-1' }, gcp: { project: 'proj-123', region: 'us-central1' } },
    projects: { p: { repository: { url: 'https://e.com/r.git' }, apps: { a: { build: { kind: 'docker' }, deploy: { kind: 'ecs', domain: 'a.example.com' } } } } },
  };
  const codes = (raw: unknown) => checkConfig(configSchema.parse(raw)).map((d) => `${d.severity} ${d.code} ${d.path}`);
  assert.equal(codes(base), ['warning PILOT3018 projects.p.apps.a.deploy']);
  const onRun = { ...base, projects: { p: { repository: base.projects.p.repository, apps: { a: { build: { kind: 'docker' }, deploy: { kind: 'cloudRun' } } } } } };
  assert.equal(codes(onRun), []);
});
semantic.run();
