// Facts about real AWS that `terraform validate` cannot see (issue 10, terraform-review T-n and
// waypoint-review W-n), each pinned on the emitted artifact.
import { runInNewContext } from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { INDEX_REWRITE } from '../../src/backends/terraform/aws/static-site.ts';
import { MANAGED_POLICIES_PER_ROLE, MANAGED_POLICY_MAX_CHARS, policySize } from '../../src/backends/terraform/aws/policy.ts';
import { pilotResourceGlob, runnerPolicies, worstCaseRefs } from '../../src/backends/terraform/aws/runner-statements.ts';
import { checkAwsZones, checkRunnerPolicySize } from '../../src/compiler/aws-checks.ts';
import { CODES } from '../../src/compiler/diagnostics.ts';
import { allApps } from '../../src/compiler/model.ts';
import { waypointAppPattern, waypointLambdaFunction, waypointTargetGroupPrefix } from '../../src/compiler/names.ts';
import { configSchema, type ConfigInput } from '../../src/dsl/schema/config.ts';
import { exampleModel, modelOf } from '../helpers/model.ts';
import { emitDefault, fullAwsModel, runnerPolicy, type PolicyStatement, type TfJson } from './_fixtures.ts';

type Body = Record<string, unknown>;
const res = (json: TfJson, type: string, name: string): Body => {
  const r = json.resource?.[type]?.[name];
  if (!r) throw new Error(`no ${type}.${name}`);
  return r;
};
const data = (json: TfJson) => (json.data ?? {}) as Record<string, Record<string, Body>>;
const statement = (json: TfJson, sid: string): PolicyStatement => {
  const s = runnerPolicy(json).find((x) => x.Sid === sid);
  if (!s) throw new Error(`no statement ${sid}`);
  return s;
};
const SERVER = { cloud: 'aws' as const, region: 'eu-central-1', sshKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3hEpKQ7y0Y7bT1hS8D0dJmQ2e7vZp0m5nN0xJm3Yz ops@x', allowFrom: ['203.0.113.0/24'] };

/** `n` apps in one project; `kind(i)` picks each app's deploy. */
function manyApps(n: number, kind: (i: number) => 'ecs' | 'lambda' | 'cloudfront' | 'cloudRun'): ConfigInput {
  const apps: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = kind(i);
    const name = `service${String(i).padStart(4, '0')}`;
    apps[name] = k === 'cloudfront' ? { build: { kind: 'yarn' }, deploy: { kind: 'cloudfront' } } : { build: { kind: 'docker' }, deploy: { kind: k } };
  }
  return {
    name: 'acme-platform',
    server: SERVER,
    clouds: { gcp: { project: 'acme-prod', region: 'europe-west4' } },
    projects: { backend: { repository: { url: 'https://github.com/acme/backend.git' }, apps: apps as never } },
  };
}

// --- T-1: the AMI ---------------------------------------------------------------------------

test('T-1: the default AMI is read at plan time from Debian\'s public SSM parameter, never passed as "resolve:ssm:"', async () => {
  const { json, text } = emitDefault(await exampleModel('acme'));
  assert.equal(data(json).aws_ssm_parameter.server_ami, { name: '/aws/service/debian/release/12/latest/amd64' });
  const server = res(json, 'aws_instance', 'server');
  // insecure_value: `value` is sensitive in provider 5.100.0 and would hide the AMI in every plan.
  assert.is(server.ami, '${data.aws_ssm_parameter.server_ami.insecure_value}');
  assert.not.match(text, /"ami": "resolve:ssm:/);
  assert.ok(server.root_block_device, 'the root volume block that made DescribeImages fail is still there');
  assert.equal((server.lifecycle as Body).ignore_changes, ['ami']);
  // What a plan compares to say a replacement would boot a newer image.
  assert.is(json.output?.server_ami.value, '${aws_instance.server.ami}');
  assert.is(json.output?.server_ami_latest.value, '${data.aws_ssm_parameter.server_ami.insecure_value}');
});

test('T-1: an AMI ID is used as it is, and is what a replacement would boot', () => {
  const { json } = emitDefault(fullAwsModel());
  assert.is(res(json, 'aws_instance', 'server').ami, 'ami-0123456789abcdef0');
  assert.is(json.output?.server_ami_latest.value, 'ami-0123456789abcdef0');
});

// --- T-10: boot ordering --------------------------------------------------------------------

test('T-10: the server boots with its Elastic IP and internet route already in place', async () => {
  const { json } = emitDefault(await exampleModel('acme'));
  const server = res(json, 'aws_instance', 'server');
  const eip = res(json, 'aws_eip', 'server');
  // The EIP is on a network interface made before the instance, not associated after it boots.
  assert.is(eip.instance, undefined);
  assert.is(eip.network_interface, '${aws_network_interface.server.id}');
  assert.equal(eip.depends_on, ['aws_internet_gateway.pilot']);
  assert.equal(server.network_interface, [{ device_index: 0, network_interface_id: '${aws_network_interface.server.id}' }]);
  assert.equal(server.depends_on, ['aws_eip.server', 'aws_route.public_internet', 'aws_route_table_association.public_a']);
  const nic = res(json, 'aws_network_interface', 'server');
  assert.is(nic.subnet_id, '${aws_subnet.public_a.id}');
  assert.equal(nic.security_groups, ['${aws_security_group.server.id}']);
  assert.is(res(json, 'aws_subnet', 'public_a').map_public_ip_on_launch, false);
});

// --- T-7: availability zones ----------------------------------------------------------------

test('T-7: zones are looked up (available, no opt-in) unless clouds.aws pins them; looked-up subnets keep their zone', async () => {
  const { json } = emitDefault(await exampleModel('acme'));
  assert.equal(data(json).aws_availability_zones.pilot, { state: 'available', filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }] });
  for (const [name, i] of [['public_a', 0], ['public_b', 1], ['private_a', 0], ['private_b', 1]] as const) {
    const subnet = res(json, 'aws_subnet', name);
    assert.is(subnet.availability_zone, `\${element(data.aws_availability_zones.pilot.names, ${i})}`);
    assert.equal((subnet.lifecycle as Body).ignore_changes, ['availability_zone']);
  }
  const pinned = emitDefault(fullAwsModel()).json;
  assert.is(res(pinned, 'aws_subnet', 'public_b').availability_zone, 'eu-west-1c');
  assert.is(res(pinned, 'aws_subnet', 'public_b').lifecycle, undefined);
});

test('T-7: the override lives in clouds.aws, so it also applies when the server is on GCP', () => {
  const model = modelOf({
    name: 'gs',
    server: { cloud: 'gcp', zone: 'us-central1-a', sshKey: SERVER.sshKey, allowFrom: ['203.0.113.0/24'] },
    clouds: { gcp: { project: 'acme-prod', region: 'us-central1' }, aws: { region: 'us-west-1', availabilityZones: ['us-west-1b', 'us-west-1c'] } },
    database: { engine: 'postgres', on: 'aws' },
  });
  const { json } = emitDefault(model);
  assert.equal(['private_a', 'private_b'].map((n) => res(json, 'aws_subnet', n).availability_zone), ['us-west-1b', 'us-west-1c']);
  assert.is(data(json).aws_availability_zones, undefined);
  // The old place is gone: an unknown key, not a silently ignored one.
  assert.not.ok(configSchema.safeParse({ name: 'x', server: { ...SERVER, availabilityZones: ['eu-central-1a', 'eu-central-1b'] } }).success);
});

test('T-7: a pinned zone must be a different zone of clouds.aws.region', () => {
  const zones = (availabilityZones: [string, string]) =>
    checkAwsZones(configSchema.parse({ name: 'x', server: SERVER, clouds: { aws: { region: 'eu-central-1', availabilityZones } } }));
  assert.equal(zones(['eu-central-1a', 'eu-central-1b']), []);
  assert.equal(zones(['eu-central-1a', 'eu-west-1b']).map((d) => [d.code, d.path]), [[CODES.AVAILABILITY_ZONE_INVALID, 'clouds.aws.availabilityZones.1']]);
  assert.equal(zones(['eu-central-1a', 'eu-central-1a']).map((d) => d.path), ['clouds.aws.availabilityZones.1']);
});

// --- T-8: RDS on later applies --------------------------------------------------------------

test('T-8: RDS takes major upgrades, applies changes now, and never reuses a final snapshot name', async () => {
  const db = res(emitDefault(await exampleModel('acme')).json, 'aws_db_instance', 'database');
  assert.is(db.allow_major_version_upgrade, true);
  assert.is(db.apply_immediately, true);
  // The creation time, fixed in state by ignore_changes: a re-created database gets a new name.
  assert.is(db.final_snapshot_identifier, 'acme-db-final-${formatdate("YYYYMMDDhhmmss", timestamp())}');
  assert.equal((db.lifecycle as Body).ignore_changes, ['final_snapshot_identifier']);
  assert.is(db.engine_lifecycle_support, 'open-source-rds-extended-support-disabled');
  // Also without a final snapshot, so switching finalSnapshot on later has a name to use.
  const off = res(emitDefault(fullAwsModel()).json, 'aws_db_instance', 'database');
  assert.is(off.skip_final_snapshot, true);
  assert.match(off.final_snapshot_identifier as string, /^full-db-final-\$\{formatdate/);
});

// --- T-2: the runner policy's size ----------------------------------------------------------

/** The emitted documents with every Terraform expression replaced by its longest resolved value. */
function resolvedSizes(json: TfJson, model: ReturnType<typeof modelOf>): number[] {
  const refs = worstCaseRefs(model);
  return Object.values(json.resource?.aws_iam_policy ?? {}).map((p) =>
    (p.policy as string)
      .replaceAll('${local.aws_partition}', refs.partition)
      .replaceAll('${local.aws_account_id}', refs.account)
      .replaceAll('${aws_vpc.pilot.id}', refs.vpcId)
      .replace(/\$\{aws_cloudfront_distribution\.[a-z0-9_]+\.arn\}/g, () => refs.distributionArn(allApps(model)[0]))
      .replace(/\s/g, '').length,
  );
}

test('T-2: 50 ECS, Lambda and CloudFront apps fit; each managed policy, resolved, is within 6,144 characters', () => {
  const model = modelOf(manyApps(50, (i) => (['ecs', 'lambda', 'cloudfront'] as const)[i % 3]));
  const { json, diagnostics } = emitDefault(model);
  assert.equal(diagnostics, []);
  assert.equal(checkRunnerPolicySize(model), []);
  const sizes = resolvedSizes(json, model);
  assert.ok(sizes.length >= 1 && sizes.length <= MANAGED_POLICIES_PER_ROLE, `${sizes.length} policies`);
  for (const size of sizes) assert.ok(size <= MANAGED_POLICY_MAX_CHARS, `resolved size ${size}`);
  // Each policy is attached to the server's role, and no inline policy remains.
  assert.is(Object.keys(json.resource?.aws_iam_role_policy_attachment ?? {}).filter((k) => k.startsWith('server_runner_')).length, sizes.length);
  assert.equal(Object.keys(json.resource?.aws_iam_role_policy ?? {}), ['pilot_flow_logs']);
  // The measured packing is exactly what is emitted.
  assert.equal(runnerPolicies(model, worstCaseRefs(model)).measured.map(policySize), sizes);
});

test('T-2: Pilot-named and Waypoint-named resources are scoped by name pattern, so only CloudFront distributions grow with the apps', () => {
  const count = (n: number, kind: 'ecs' | 'lambda' | 'cloudfront') => {
    const model = modelOf(manyApps(n, () => kind));
    return runnerPolicies(model, worstCaseRefs(model)).measured.flat().reduce((k, s) => k + s.Resource.length, 0);
  };
  // ECS and Lambda names all carry the Pilot's hash (names.ts waypointAppPattern): constant size.
  assert.is(count(20, 'ecs'), count(10, 'ecs'));
  assert.is(count(20, 'lambda'), count(10, 'lambda'));
  // A distribution's ID is random: one ARN per site.
  assert.is(count(20, 'cloudfront') - count(10, 'cloudfront'), 10);
  const model = modelOf(manyApps(3, () => 'ecs'));
  for (const app of allApps(model)) assert.ok(new RegExp(`^${pilotResourceGlob(model).replace(/\*/g, '.+')}$`).test(app.resourceName), app.resourceName);
});

/** IAM's wildcard match: `*` is any run of characters (slashes too), `?` exactly one. */
const iamMatches = (pattern: string, value: string) =>
  new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`).test(value);

test('T-2/T-25: every name the runner deploys to, Terraform\'s or Waypoint\'s, is allowed by its statement, and another Pilot\'s is not', () => {
  const model = fullAwsModel();
  const { json } = emitDefault(model);
  const refs = worstCaseRefs(model);
  const resolve = (r: string) => r.replaceAll('${local.aws_partition}', refs.partition).replaceAll('${local.aws_account_id}', refs.account).replaceAll('${aws_vpc.pilot.id}', refs.vpcId);
  const allows = (sid: string, value: string) => statement(json, sid).Resource.map(resolve).some((p) => iamMatches(p, value));
  const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:${refs.account}:${resource}`;
  const named = (type: string, key = 'name') => Object.values(json.resource?.[type] ?? {}).map((r) => r[key] as string);

  const repositories = named('aws_ecr_repository');
  assert.ok(repositories.length >= 3, repositories.join());
  for (const r of repositories) {
    assert.ok(allows('EcrPushPull', arn('ecr', `repository/${r}`)), `push to ${r}`);
    assert.ok(allows('EcrLambdaAccess', arn('ecr', `repository/${r}`)), `Lambda's grant on ${r}`);
  }
  const roles = named('aws_iam_role').filter((n) => n.endsWith('-exec'));
  assert.ok(roles.length >= 3, roles.join());
  for (const r of roles) assert.ok(allows('ExecutionRolesPass', `arn:aws:iam::${refs.account}:role/${r}`), `pass ${r}`);
  for (const g of named('aws_cloudwatch_log_group').filter((n) => n.startsWith('/pilot/'))) assert.ok(allows('EcsLogGroups', arn('logs', `log-group:${g}`)), g);
  for (const c of named('aws_ecs_cluster')) assert.ok(allows('EcsClusters', arn('ecs', `cluster/${c}`)), c);
  for (const b of named('aws_s3_bucket', 'bucket_prefix').filter(Boolean)) assert.ok(allows('SiteObjects', `arn:aws:s3:::${b}abc123/index.html`), b);
  for (const app of allApps(model)) {
    if (app.deploy.kind === 'lambda') assert.ok(allows('LambdaFunctions', arn('lambda', `function:${waypointLambdaFunction(model, app)}`)), app.name);
    if (app.deploy.kind === 'ecs' || app.deploy.kind === 'lambda') assert.ok(allows('TargetGroups', arn('elasticloadbalancing', `targetgroup/${waypointTargetGroupPrefix(model, app)}01ARZ3NDEKTSV4R/0123456789abcdef`.slice(0, 200))), app.name);
  }
  // Another Pilot's names, even one whose name starts with this one's, are not.
  const other = fullAwsModel('fullx');
  const otherJson = emitDefault(other).json;
  for (const r of Object.values(otherJson.resource?.aws_ecr_repository ?? {}).map((x) => x.name as string)) assert.not.ok(allows('EcrPushPull', arn('ecr', `repository/${r}`)), r);
  for (const r of Object.values(otherJson.resource?.aws_iam_role ?? {}).map((x) => x.name as string)) assert.not.ok(allows('ExecutionRolesPass', `arn:aws:iam::${refs.account}:role/${r}`), r);
});

test('T-2: 1,000 apps of ECS, Cloud Run and CloudFront fit, and so do 1,000 ECS apps; 2,000 CloudFront sites are refused with the reason', () => {
  const mixed = modelOf(manyApps(1000, (i) => (['ecs', 'cloudRun', 'cloudfront'] as const)[i % 3]));
  const packed = runnerPolicies(mixed, worstCaseRefs(mixed)).measured;
  assert.ok(packed.length <= MANAGED_POLICIES_PER_ROLE, `${packed.length} policies`);
  for (const p of packed) assert.ok(policySize(p) <= MANAGED_POLICY_MAX_CHARS);
  assert.equal(checkRunnerPolicySize(mixed), []);

  assert.equal(checkRunnerPolicySize(modelOf(manyApps(1000, () => 'ecs'))), []);

  const sites = modelOf(manyApps(2000, () => 'cloudfront'));
  const [d] = checkRunnerPolicySize(sites);
  assert.is(d?.code, CODES.RUNNER_POLICY_TOO_LARGE);
  assert.is(d.path, 'projects.backend.apps.service1999.deploy');
  assert.match(d.message, /need \d+ IAM managed policies of 6144 characters, but a role can have 10/);
  assert.match(d.hint!, /two Pilots/);
});

// --- T-11, T-14, W-3, W-9, W-16: what Waypoint's plugins call -------------------------------

test('T-11/W-3: a Lambda app may create, register and delete its target groups (named <app>-<id>, at most 32 characters)', () => {
  const model = fullAwsModel();
  const json = emitDefault(model).json;
  // Target groups are named `<Waypoint app name>-<id>` (names.ts), so one pattern of this Pilot's
  // Waypoint names covers every app's, and it matches the names Waypoint will give them.
  const pattern = new RegExp(`^${waypointAppPattern(model).replace(/\*/g, '.*').replace(/\?/g, '.')}-.*$`);
  const groups = statement(json, 'TargetGroups');
  assert.equal(groups.Action, ['elasticloadbalancing:CreateTargetGroup', 'elasticloadbalancing:DeleteTargetGroup']);
  assert.equal(groups.Resource.map((r) => r.split(':').pop()), [`targetgroup/${waypointAppPattern(model)}-*/*`]);
  for (const app of ['worker', 'api']) assert.match(`${waypointTargetGroupPrefix(model, allApps(model).find((a) => a.name === app)!)}01HZX3K5QG`, pattern);
  assert.equal(statement(json, 'LambdaTargets').Resource, groups.Resource);
  assert.equal(statement(json, 'LambdaTargets').Action, ['elasticloadbalancing:RegisterTargets']);
});

test('T-14/W-9: the first load balancer or target group in an account may create ELB\'s service-linked role, and only that', () => {
  const s = statement(emitDefault(fullAwsModel()).json, 'ElbServiceLinkedRole');
  assert.equal(s.Action, ['iam:CreateServiceLinkedRole']);
  assert.equal(s.Condition, { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } });
  assert.match(s.Resource[0], /:role\/aws-service-role\/elasticloadbalancing\.amazonaws\.com\/AWSServiceRoleForElasticLoadBalancing$/);
});

test('W-16: workspace destroy may read the load balancer\'s tags', () => {
  assert.ok(statement(emitDefault(fullAwsModel()).json, 'EcsDiscoveryAndTaskDefinitions').Action.includes('elasticloadbalancing:DescribeTags'));
});

test('T-12/W-4: the runner may add the function URL permission itself (lambda:AddPermission on the app\'s function)', () => {
  const model = fullAwsModel();
  const s = statement(emitDefault(model).json, 'LambdaFunctions');
  assert.ok(s.Action.includes('lambda:AddPermission') && s.Action.includes('lambda:GetPolicy'));
  const worker = waypointLambdaFunction(model, allApps(model).find((a) => a.name === 'worker')!);
  const fn = s.Resource.find((r) => !r.endsWith(':*'))!.split(':function:')[1];
  assert.match(worker, new RegExp(`^${fn.replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
});

test('T-23: the runner may change only security groups Terraform did not make (Waypoint\'s), never the server\'s or the database\'s', async () => {
  const json = emitDefault(await exampleModel('acme')).json;
  const deny = statement(json, 'PilotGroupsUntouchable');
  assert.is(deny.Effect, 'Deny');
  for (const a of ['ec2:AuthorizeSecurityGroupIngress', 'ec2:DeleteSecurityGroup', 'ec2:RevokeSecurityGroupIngress']) assert.ok(deny.Action.includes(a), a);
  assert.equal(deny.Condition, { Null: { 'aws:ResourceTag/pilot': 'false' } });
  // Terraform tags every resource it makes with pilot = <name> (default_tags), so the server's and
  // the database's groups carry the tag; Waypoint's CreateSecurityGroup sets no tags.
  assert.equal(json.provider?.aws?.[0].default_tags, [{ tags: { pilot: 'acme' } }]);
  assert.ok(res(json, 'aws_security_group', 'server') && res(json, 'aws_security_group', 'database'));
});

// --- T-20, T-24, T-26: static sites ---------------------------------------------------------

test('T-20: a multi-page site serves /docs/ and /docs as /docs/index.html through a viewer-request function', () => {
  const json = emitDefault(fullAwsModel()).json;
  const fn = res(json, 'aws_cloudfront_function', 'shop_docs');
  assert.equal([fn.runtime, fn.publish, fn.code], ['cloudfront-js-2.0', true, INDEX_REWRITE]);
  const behavior = res(json, 'aws_cloudfront_distribution', 'shop_docs').default_cache_behavior as Body;
  assert.equal(behavior.function_association, [{ event_type: 'viewer-request', function_arn: '${aws_cloudfront_function.shop_docs.arn}' }]);
  // A single-page app needs no rewrite: unknown paths get index.html from the error responses.
  assert.is(json.resource?.aws_cloudfront_function?.shop_site, undefined);
});

test('T-20: the rewrite function maps directory URLs to their index.html and leaves files alone', async () => {
  const handler = runInNewContext(`${INDEX_REWRITE}; handler`) as (e: { request: { uri: string } }) => Promise<{ uri: string }>;
  const rewrite = async (uri: string) => (await handler({ request: { uri } })).uri;
  assert.is(await rewrite('/'), '/index.html');
  assert.is(await rewrite('/docs/'), '/docs/index.html');
  assert.is(await rewrite('/docs'), '/docs/index.html');
  assert.is(await rewrite('/docs/a.css'), '/docs/a.css');
  assert.is(await rewrite('/v1.2/guide'), '/v1.2/guide/index.html');
});

test('T-20/T-26: CloudFront may list the bucket (a missing page is 404, not 403); plain-HTTP requests are denied', () => {
  const json = emitDefault(fullAwsModel()).json;
  const policy = JSON.parse(res(json, 'aws_s3_bucket_policy', 'shop_docs').policy as string) as { Statement: (Body & { Sid: string })[] };
  const list = policy.Statement.find((s) => s.Sid === 'CloudFrontSeesMissingKeys')!;
  assert.equal([list.Action, list.Resource, list.Principal], ['s3:ListBucket', '${aws_s3_bucket.shop_docs.arn}', { Service: 'cloudfront.amazonaws.com' }]);
  assert.equal(list.Condition, { StringEquals: { 'AWS:SourceArn': '${aws_cloudfront_distribution.shop_docs.arn}' } });
  const tls = policy.Statement.find((s) => s.Sid === 'TlsOnly')!;
  assert.equal([tls.Effect, tls.Condition], ['Deny', { Bool: { 'aws:SecureTransport': 'false' } }]);
});

test('T-24: every distribution sends AWS\'s managed security headers (HSTS among them)', () => {
  const json = emitDefault(fullAwsModel()).json;
  for (const name of ['shop_docs', 'shop_site']) {
    assert.is((res(json, 'aws_cloudfront_distribution', name).default_cache_behavior as Body).response_headers_policy_id, '67f7725c-6f97-4210-82d7-5512b31e9d03');
  }
});

// --- T-26, T-27: CIS baselines and cost -----------------------------------------------------

test('T-26: the VPC\'s default security group keeps no rules; flow logs of all traffic unless clouds.aws.flowLogs is false', async () => {
  const { json } = emitDefault(await exampleModel('acme'));
  const sg = res(json, 'aws_default_security_group', 'pilot');
  assert.equal([sg.vpc_id, sg.ingress, sg.egress], ['${aws_vpc.pilot.id}', [], []]);
  const flow = res(json, 'aws_flow_log', 'pilot');
  assert.equal([flow.vpc_id, flow.traffic_type, flow.log_destination_type, flow.log_destination], ['${aws_vpc.pilot.id}', 'ALL', 'cloud-watch-logs', '${aws_cloudwatch_log_group.pilot_flow_logs.arn}']);
  assert.match(res(json, 'aws_iam_role', 'pilot_flow_logs').assume_role_policy as string, /vpc-flow-logs\.amazonaws\.com/);
  const off = emitDefault(fullAwsModel()).json;
  assert.is(off.resource?.aws_flow_log, undefined);
  assert.ok(res(off, 'aws_default_security_group', 'pilot'));
});

test('T-26: the server is protected from termination and its disk snapshotted daily, both configurable', async () => {
  const { json } = emitDefault(await exampleModel('acme'));
  const server = res(json, 'aws_instance', 'server');
  assert.is(server.disable_api_termination, true);
  const tags = (server.root_block_device as Body).tags as Record<string, string>;
  assert.is(tags['pilot-snapshots'], 'acme-pilot');
  const dlm = res(json, 'aws_dlm_lifecycle_policy', 'server');
  const details = dlm.policy_details as Body & { schedule: Body[] };
  assert.equal([details.resource_types, details.target_tags], [['VOLUME'], { 'pilot-snapshots': 'acme-pilot' }]);
  assert.equal([(details.schedule[0].create_rule as Body).interval, (details.schedule[0].retain_rule as Body).count], [24, 7]);
  assert.is(dlm.execution_role_arn, '${aws_iam_role.server_snapshots.arn}');
  const full = emitDefault(fullAwsModel()).json;
  assert.is(res(full, 'aws_instance', 'server').disable_api_termination, false);
  assert.is(((res(full, 'aws_dlm_lifecycle_policy', 'server').policy_details as Body & { schedule: Body[] }).schedule[0].retain_rule as Body).count, 3);
  const none = emitDefault(modelOf({ name: 'n', server: { ...SERVER, diskSnapshots: 0 } })).json;
  assert.is(none.resource?.aws_dlm_lifecycle_policy, undefined);
});

test('T-26: RDS requires TLS (rds.force_ssl) through a parameter group of its major version, replaced before the old one goes', async () => {
  const json = emitDefault(await exampleModel('acme')).json;
  const group = res(json, 'aws_db_parameter_group', 'database');
  assert.equal([group.name, group.family], ['acme-db-postgres16', 'postgres16']);
  assert.equal(group.parameter, [{ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' }]);
  assert.equal((group.lifecycle as Body).create_before_destroy, true);
  assert.is(res(json, 'aws_db_instance', 'database').parameter_group_name, '${aws_db_parameter_group.database.name}');
  assert.is(res(emitDefault(fullAwsModel()).json, 'aws_db_parameter_group', 'database').family, 'postgres17');
});

test.run();
