// Cloud names: the grammar, unambiguous joins (two Pilots never share a name), the names Waypoint
// derives from the app name, and the limits and reserved words each cloud enforces.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Model } from '../../src/compiler/model.ts';
import { checkNames } from '../../src/compiler/name-checks.ts';
import {
  derivedNames,
  gcpRunnerRoleId,
  gcpRunServiceAccountId,
  gcpWifPoolId,
  NAME_RULES,
  waypointAppName,
  waypointAppPattern,
  waypointCloudRunService,
  waypointEcsInboundSecurityGroup,
  waypointEcsLoadBalancer,
  waypointEcsTaskFamily,
  waypointLambdaFunction,
  waypointTargetGroupPrefix,
} from '../../src/compiler/names.ts';
import { checkConfig } from '../../src/compiler/semantic.ts';
import { resourceName } from '../../src/dsl/schema/common.ts';
import { configSchema, type ConfigInput } from '../../src/dsl/schema/config.ts';
import { modelOf } from '../helpers/model.ts';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops@acme';
type Apps = NonNullable<ConfigInput['projects']>[string]['apps'];
const ecs = { build: { kind: 'docker' as const }, deploy: { kind: 'ecs' as const } };
const lambda = { build: { kind: 'docker' as const }, deploy: { kind: 'lambda' as const } };
const run = (region?: string) => ({ build: { kind: 'docker' as const }, deploy: { kind: 'cloudRun' as const, ...(region ? { region } : {}) } });
const site = { build: { kind: 'yarn' as const }, deploy: { kind: 'cloudfront' as const } };
const cdn = { build: { kind: 'yarn' as const }, deploy: { kind: 'cloudCdn' as const } };

function config(name: string, projects: Record<string, Apps>, extra: Partial<ConfigInput> = {}): ConfigInput {
  return {
    name,
    server: { cloud: 'aws', region: 'us-east-1', sshKey: KEY, allowFrom: ['203.0.113.0/24'] },
    clouds: { aws: { region: 'us-east-1' }, gcp: { project: 'acme-prod', region: 'us-central1' } },
    database: { engine: 'postgres', on: 'aws' },
    projects: Object.fromEntries(Object.entries(projects).map(([p, apps]) => [p, { repository: { url: 'https://e.com/r.git' }, apps }])),
    ...extra,
  };
}
const codes = (m: Model) => checkNames(m).map((d) => `${d.code} ${d.path}`);

/** Every name the model puts into a cloud, including those Waypoint derives. */
function allNames(m: Model): string[] {
  const out = derivedNames(m).map((n) => n.value);
  for (const app of m.projects.flatMap((p) => p.apps))
    out.push(waypointAppName(m, app), waypointEcsLoadBalancer(m, app), waypointEcsTaskFamily(m, app), waypointEcsInboundSecurityGroup(m, app), waypointTargetGroupPrefix(m, app), waypointLambdaFunction(m, app), waypointCloudRunService(m, app));
  // Google names that derivedNames does not list (their limits cannot be reached).
  for (const p of m.projects) out.push(gcpRunServiceAccountId(m, p.name));
  out.push(gcpRunnerRoleId(m), gcpWifPoolId(m));
  return out;
}

const grammar = suite('name grammar');
grammar('refuses "--", a trailing hyphen and a leading digit; accepts single inner hyphens', () => {
  for (const bad of ['ab--c', 'api-', 'a-', '1api', 'Api', 'a_b', 'a.b']) assert.not.ok(resourceName.safeParse(bad).success, bad);
  for (const good of ['a', 'a-b-c', 'api2', 'x1-y2']) assert.ok(resourceName.safeParse(good).success, good);
  const issue = resourceName.safeParse('shop--api').error?.issues[0];
  assert.match(issue?.message ?? '', /two hyphens/);
});
grammar.run();

const joins = suite('unambiguous joins');
joins('Pilot "a" + project "b-c" and Pilot "a-b" + project "c" share no cloud name', () => {
  const apps = { api: ecs, fn: lambda, svc: run(), site, cdn };
  const one = modelOf(config('a', { 'b-c': apps }));
  const two = modelOf(config('a-b', { c: apps }));
  const shared = allNames(one).filter((n) => allNames(two).includes(n));
  assert.equal(shared, []);
  assert.is(one.projects[0].apps[0].resourceName, 'a--b-c--api');
  assert.is(two.projects[0].apps[0].resourceName, 'a-b--c--api');
  // Cloud Run runtime accounts, readable and hashed (IDs over 30 characters).
  for (const [p1, p2] of [['b-cdef', 'cdef'], ['b-' + 'x'.repeat(22), 'x'.repeat(22)]]) {
    const a = modelOf(config('a', { [p1]: { svc: run() } }));
    const b = modelOf(config('a-b', { [p2]: { svc: run() } }));
    assert.is.not(gcpRunServiceAccountId(a, p1), gcpRunServiceAccountId(b, p2));
    for (const id of [gcpRunServiceAccountId(a, p1), gcpRunServiceAccountId(b, p2)]) assert.match(id, /^[a-z](?:[-a-z0-9]{4,28}[a-z0-9])$/);
  }
  assert.is(gcpRunServiceAccountId(one, 'b-c'), 'a--b-c-run');
});
joins('the same app name in two Pilots or two projects gets different Waypoint names', () => {
  const a = modelOf(config('acme', { shop: { api: ecs }, admin: { api: ecs } }));
  const b = modelOf(config('beta', { shop: { api: ecs } }));
  const names = [...a.projects.map((p) => waypointAppName(a, p.apps[0])), waypointAppName(b, b.projects[0].apps[0])];
  assert.is(new Set(names).size, 3, names.join(' '));
  for (const n of names) assert.match(n, /^api-[0-9a-z]{6}$/);
  // Apps of one project share the suffix, so it reads as "which Pilot and project".
  const c = modelOf(config('acme', { shop: { api: ecs, web: ecs } }));
  assert.is(waypointAppName(c, c.projects[0].apps[0]).slice(-6), waypointAppName(c, c.projects[0].apps[1]).slice(-6));
});
joins('waypointAppPattern matches every Waypoint app name of its Pilot and none of another', () => {
  const glob = (pattern: string) => new RegExp(`^${pattern.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const a = modelOf(config('acme', { shop: { api: ecs, web: ecs }, admin: { api: lambda } }));
  const b = modelOf(config('beta', { shop: { api: ecs, web: ecs }, admin: { api: lambda } }));
  const names = (m: Model) => m.projects.flatMap((p) => p.apps.map((app) => waypointAppName(m, app)));
  for (const n of names(a)) assert.match(n, glob(waypointAppPattern(a)));
  for (const n of names(b)) assert.not.match(n, glob(waypointAppPattern(a)));
  assert.match(waypointEcsLoadBalancer(a, a.projects[1].apps[0]), glob(`waypoint-ecs-${waypointAppPattern(a)}`));
});
joins('README caveat (W-14): only the target-group pattern reaches another Pilot without a tag collision', () => {
  const glob = (pattern: string) => new RegExp(`^${pattern.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const acme = modelOf(config('acme', { shop: { api: ecs } }));
  const p = waypointAppPattern(acme);
  assert.is(p, '*-m7f???');
  // Pilot "beta" (another tag) with apps named to contain acme's tag segment.
  for (const name of ['x-m7fabc', 'x-m7fabc-y']) {
    const beta = modelOf(config('beta', { shop: { [name]: ecs } }));
    const app = beta.projects[0].apps[0];
    assert.not.match(waypointAppPattern(beta), /m7f/);
    // A target group is "<Waypoint app name>-<deployment ID>" cut to 32; the TargetGroups statement is
    // `targetgroup/<pattern>-*/*` (pinned by terraform-aws/apply-facts.test.ts T-11/W-3).
    const targetGroup = `${waypointTargetGroupPrefix(beta, app)}01JABCDEFGHJKMNPQRSTVWXYZ0`.slice(0, 32);
    assert.match(targetGroup, glob(`${p}-*`), `${targetGroup} is within acme's target-group pattern`);
    assert.not.match(waypointEcsLoadBalancer(beta, app), glob(`waypoint-ecs-${p}`));
    assert.not.match(waypointEcsTaskFamily(beta, app), glob(`waypoint-${p}`));
    assert.not.match(waypointLambdaFunction(beta, app), glob(p));
  }
});
joins('ECR repositories join with "/" (ECR refuses "--") and pass ECR\'s pattern', () => {
  const m = modelOf(config('a-b', { 'c-d': { 'e-f': ecs } }));
  const reg = m.projects[0].apps[0].registry;
  assert.is(reg?.kind === 'ecr' && reg.repository, 'a-b/c-d/e-f');
  assert.equal(codes(m), []);
});
joins.run();

const waypoint = suite('names Waypoint derives');
waypoint('follow Waypoint v0.11.4: waypoint-ecs-<app>, waypoint-<app>, <app>-inbound, <app>-<ULID>, <app>', () => {
  const m = modelOf(config('acme', { shop: { api: ecs } }));
  const app = m.projects[0].apps[0];
  const wp = waypointAppName(m, app);
  assert.is(waypointEcsLoadBalancer(m, app), `waypoint-ecs-${wp}`);
  assert.is(waypointEcsTaskFamily(m, app), `waypoint-${wp}`);
  assert.is(waypointEcsInboundSecurityGroup(m, app), `${wp}-inbound`);
  assert.is(waypointTargetGroupPrefix(m, app), `${wp}-`);
  assert.is(waypointLambdaFunction(m, app), wp);
  assert.is(waypointCloudRunService(m, app), wp);
});
waypoint('an ECS app name may have 12 characters: waypoint-ecs-<app>-<hash> fits the ALB\'s 32', () => {
  assert.equal(codes(modelOf(config('acme', { shop: { 'a23456789012': ecs } }))), []);
  const long = modelOf(config('acme', { shop: { 'a234567890123': ecs } }));
  const d = checkNames(long).find((x) => x.code === 'PILOT3003');
  assert.ok(d, 'NAME_TOO_LONG');
  assert.is(d.path, 'projects.shop.apps.a234567890123');
  assert.match(d.message, /load balancer/);
  assert.match(d.hint ?? '', /at most 12 characters/);
});
waypoint('a Lambda app name may have 14 characters: its target group keeps the deployment ID\'s timestamp', () => {
  assert.equal(codes(modelOf(config('acme', { shop: { 'a2345678901234': lambda } }))), []);
  const d = checkNames(modelOf(config('acme', { shop: { 'a23456789012345': lambda } }))).find((x) => x.code === 'PILOT3003');
  assert.match(d?.hint ?? '', /at most 14 characters/);
});
waypoint('Cloud Run apps of one name in two projects and regions get two services', () => {
  const m = modelOf(config('acme', { one: { api: run('us-central1') }, two: { api: run('europe-west1') } }));
  assert.equal(codes(m), []);
  const [a, b] = m.projects.map((p) => waypointCloudRunService(m, p.apps[0]));
  assert.is.not(a, b);
});
waypoint.run();

const reserved = suite('reserved words');
const at = (m: Model, code: string) => checkNames(m).filter((d) => d.code === code).map((d) => d.path);
reserved('security groups may not start with "sg-" (EC2), reported once at the Pilot name', () => {
  assert.equal(at(modelOf(config('sg', { shop: { api: ecs } })), 'PILOT3080'), ['name']);
  assert.equal(at(modelOf(config('sg-ops', { shop: { api: ecs } })), 'PILOT3080'), ['name']);
  // Waypoint's "<app>-inbound" group starts with the app name.
  assert.equal(at(modelOf(config('acme', { shop: { 'sg-api': ecs } })), 'PILOT3080'), ['projects.shop.apps.sg-api']);
});
reserved('S3 bucket prefixes may not start with "xn--", "sthree-" or "amzn-s3-demo-"', () => {
  for (const name of ['xn', 'sthree', 'amzn-s3-demo']) assert.equal(at(modelOf(config(name, { web: { site } })), 'PILOT3080'), ['name'], name);
  assert.equal(at(modelOf(config('xn-ab', { web: { site } })), 'PILOT3080'), []);
});
reserved('Cloud Storage buckets may not start with "goog" or contain "google"', () => {
  assert.equal(at(modelOf(config('googly', { web: { site: cdn } })), 'PILOT3080'), ['name']);
  assert.equal(at(modelOf(config('acme', { web: { 'my-g00gle-site': cdn } })), 'PILOT3080'), ['projects.web.apps.my-g00gle-site']);
  assert.equal(at(modelOf(config('acme', { web: { site: cdn } })), 'PILOT3080'), []);
});
reserved('workload identity pool and provider IDs may not start with "gcp-"', () => {
  const m = modelOf(config('gcp-team', { shop: { api: ecs } }));
  const d = checkNames(m).filter((x) => x.code === 'PILOT3080');
  assert.equal(d.map((x) => x.path), ['name']);
  assert.match(d[0].message, /gcp-/);
  // Without federation (no GCP cloud next to an AWS server) the name is fine.
  assert.equal(at(modelOf(config('gcp-team', { shop: { api: ecs } }, { clouds: { aws: { region: 'us-east-1' } } })), 'PILOT3080'), []);
});
reserved('poolGeneration gives a re-created Pilot a fresh workload identity pool ID', () => {
  assert.is(gcpWifPoolId(modelOf(config('acme', {}))), 'acme-pilot');
  const m = modelOf(config('acme', {}, { clouds: { aws: { region: 'us-east-1' }, gcp: { project: 'acme-prod', region: 'us-central1', poolGeneration: 2 } } }));
  assert.is(gcpWifPoolId(m), 'acme-pilot-g2');
  assert.equal(codes(m), []);
});
reserved('poolGeneration also renames the runner\'s custom role, whose ID Google keeps 37 days after deletion', () => {
  assert.is(gcpRunnerRoleId(modelOf(config('my-acme', {}))), 'pilot_my_acme_runner');
  const m = modelOf(config('my-acme', {}, { clouds: { aws: { region: 'us-east-1' }, gcp: { project: 'acme-prod', region: 'us-central1', poolGeneration: 3 } } }));
  assert.is(gcpRunnerRoleId(m), 'pilot_my_acme_runner_g3');
  // Provider IAMCustomRoleIDRegex; the longest Pilot name with the largest generation still fits.
  const longest = modelOf(config('a'.repeat(16), {}, { clouds: { aws: { region: 'us-east-1' }, gcp: { project: 'acme-prod', region: 'us-central1', poolGeneration: 999 } } }));
  assert.match(gcpRunnerRoleId(longest), /^[a-zA-Z0-9_.]{3,64}$/);
});
reserved('every rule refuses something and every derived name of a full config passes', () => {
  for (const [kind, rules] of Object.entries(NAME_RULES)) assert.ok(rules.length > 0, kind);
  const m = modelOf(config('acme', { shop: { api: ecs, fn: lambda, svc: run(), site, cdn } }));
  assert.equal(codes(m), []);
});
reserved.run();

const keys = suite('server SSH key');
const keyCodes = (raw: ConfigInput) => checkConfig(configSchema.parse(raw)).filter((d) => d.code === 'PILOT3081').map((d) => d.path);
const ECDSA = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= ops@acme';
keys('ECDSA is refused for an AWS server (EC2 imports RSA and ED25519) and kept on GCP', () => {
  const aws = config('acme', {});
  assert.equal(keyCodes({ ...aws, server: { cloud: 'aws', region: 'us-east-1', sshKey: ECDSA, allowFrom: ['203.0.113.0/24'] } }), ['server.sshKey']);
  assert.equal(keyCodes(aws), []);
  assert.equal(keyCodes({ ...aws, server: { cloud: 'gcp', zone: 'us-central1-a', sshKey: ECDSA, allowFrom: ['203.0.113.0/24'] } }), []);
});
keys.run();
