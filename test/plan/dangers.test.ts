// Dangers per cloud, as the providers behave: a GCE server's changed cloud-init is a metadata update
// without a restart (and cloud-init does not rerun); a database whose ForceNew argument changes is
// data loss; a wider GCP firewall is a security change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../src/compiler/load.ts';
import type { ConfigInput } from '../../src/dsl/schema/config.ts';
import { computePlan } from '../../src/plan/compute.ts';
import { findDangers } from '../../src/plan/dangers.ts';
import { buildRecord, recordHash, serializeRecord } from '../../src/state/index.ts';
import { ROOT } from '../helpers/golden.ts';
import { examplePath } from '../helpers/model.ts';
import { base, compile } from './_cases.ts';

async function planOf(before: ConfigInput, after: ConfigInput) {
  const a = await compile(before);
  const record = buildRecord({ previous: null, artifacts: a.artifacts, configHash: a.configHash!, configPaths: a.configPaths!, pilotVersion: '0.1.0', appliedAt: '2026-11-30T09:00:00.000Z', appliedBy: {}, newSalt: 'salt-salt-salt-salt' });
  const b = await compile(after);
  return computePlan({ record: { record, hash: recordHash(serializeRecord(record)) }, artifacts: b.artifacts, model: b.model!, configPaths: b.configPaths!, secretFingerprints: {} });
}

const gcpExample = async () => structuredClone((await loadConfig({ cwd: ROOT, configPath: examplePath('gcp-only'), command: 'test' })).raw) as any;

test('GCE: changed cloud-init updates metadata in place, no restart, cloud-init does not rerun; the plan says how to apply it', async () => {
  const before = await gcpExample();
  const after = await gcpExample();
  after.server.image = { ...(after.server.image ?? {}), tag: '0.9.9' };
  const plan = await planOf(before, after);
  const server = plan.resources.find((r) => r.type === 'google_compute_instance');
  assert.is(server?.action, 'update');
  assert.ok(server?.attributes.includes('metadata'));
  const d = plan.dangers.find((x) => x.kind === 'server-bootstrap');
  assert.ok(d, JSON.stringify(plan.dangers));
  assert.match(d!.message, /user-data metadata in place; the server is not restarted/);
  assert.match(d!.message, /does NOT rerun/);
  assert.match(d!.message, /cloud-init clean --logs --reboot/);
});

test('GCP: a new allowFrom range is a security change of the firewall', async () => {
  const before = await gcpExample();
  const after = await gcpExample();
  after.server.allowFrom = [...after.server.allowFrom, '203.0.113.0/24'];
  const plan = await planOf(before, after);
  assert.ok(plan.security.some((s) => s.kind === 'network' && /now admits 203\.0\.113\.0\/24/.test(s.message) && s.configPath.startsWith('server')), JSON.stringify(plan.security));
});

test('RDS: renaming the database (db_name is ForceNew) is flagged as data loss, with the final snapshot and deletion protection stated', async () => {
  const after = base() as any;
  after.database.name = 'orders';
  const plan = await planOf(base(), after);
  const db = plan.resources.find((r) => r.address === 'aws_db_instance.database');
  assert.is(db?.action, 'replace');
  assert.equal(db?.forcedBy, ['db_name']);
  const d = plan.dangers.find((x) => x.kind === 'data-loss');
  assert.ok(d);
  assert.match(d!.message, /DATA LOSS: the database aws_db_instance\.database will be destroyed and recreated empty \(db_name cannot change in place\)/);
  // Its name ends in the database's creation time, which Terraform froze in state.
  assert.match(d!.message, /final snapshot shop-db-final-<creation time> is taken first/i);
  assert.match(d!.message, /deletion_protection is on/);
  assert.is(d!.configPath, 'database');
});

const publicOf = (plan: Awaited<ReturnType<typeof planOf>>) => plan.security.filter((x) => x.kind === 'public').map((x) => `${x.message} @ ${x.configPath}${x.address ? ` ${x.address}` : ''}`);

test('SECURITY lists every new public endpoint: an added Lambda function URL, Cloud Run service, Cloud CDN and CloudFront site', async () => {
  const lambda = base() as any;
  lambda.projects.shop.apps.hook = { path: 'hook', build: { kind: 'docker' }, deploy: { kind: 'lambda' }, database: false };
  lambda.projects.shop.apps.docs = { path: 'docs', build: { kind: 'yarn', outDir: 'build' }, deploy: { kind: 'cloudfront' } };
  const aws = publicOf(await planOf(base(), lambda));
  assert.ok(aws.includes('shop/hook gets a Lambda function URL with auth_type NONE: anyone on the internet can invoke it @ projects.shop.apps.hook.deploy'), aws.join('\n'));
  assert.ok(aws.includes('shop/docs is served to the whole internet by CloudFront (its *.cloudfront.net address) @ projects.shop.apps.docs.deploy'), aws.join('\n'));

  const before = await gcpExample();
  const after = await gcpExample();
  after.projects.shop.apps.search = { ...after.projects.shop.apps.worker, path: 'search' };
  after.projects.shop.apps.blog = { ...after.projects.shop.apps.storefront, path: 'blog', deploy: { kind: 'cloudCdn' } };
  const gcp = publicOf(await planOf(before, after));
  assert.ok(gcp.includes('shop/search gets a public Cloud Run URL: anyone on the internet can call it @ projects.shop.apps.search.deploy'), gcp.join('\n'));
  assert.ok(gcp.includes('shop/blog is served to the whole internet by Cloud CDN (its IP address) @ projects.shop.apps.blog.deploy'), gcp.join('\n'));
});

test('SECURITY lists a domain an app starts or stops serving (ECS certificate, CloudFront alias)', async () => {
  const withDomains = base() as any;
  withDomains.projects.shop.apps.api.deploy.domain = 'api.shop.example';
  withDomains.projects.shop.apps.web.deploy.domain = 'www.shop.example';
  withDomains.projects.shop.apps.web.deploy.certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-aaaa-bbbb-cccc-0123456789ab';
  const added = await planOf(base(), withDomains);
  const pub = publicOf(added);
  assert.ok(pub.some((x) => /^api\.shop\.example is to be served to the internet by this app .* @ projects\.shop\.apps\.api\.deploy\.domain aws_acm_certificate\./.test(x)), pub.join('\n'));
  assert.ok(pub.some((x) => /^www\.shop\.example is to be served .* aws_cloudfront_distribution\./.test(x)), pub.join('\n'));
  const removed = await planOf(withDomains, base());
  const gone = removed.security.map((x) => x.message);
  assert.ok(gone.some((m) => /^api\.shop\.example is no longer served by this app: remove or repoint its DNS records/.test(m)), gone.join('\n'));
  assert.ok(gone.some((m) => /^www\.shop\.example is no longer served/.test(m)), gone.join('\n'));
});

test('removing an app: its ECR repository and site bucket go with their content; one applied without force_delete says what will block', async () => {
  const removed = base() as any;
  delete removed.projects.tools;
  delete removed.projects.shop.apps.web;
  const plan = await planOf(base(), removed);
  const stored = Object.fromEntries(plan.dangers.filter((d) => d.kind === 'stored-data').map((d) => [d.address, d.message]));
  assert.match(stored['aws_ecr_repository.tools_admin'], /will be deleted with the images in it \(a redeploy rebuilds them from git\)/);
  assert.match(stored['aws_s3_bucket.shop_web'], /will be deleted with the files in it/);

  // A record applied before pilot set force_delete: the provider reads the flag from the state.
  const a = await compile(base());
  const artifacts = a.artifacts.map((x) => {
    if (x.path !== 'terraform/main.tf.json') return x;
    const doc = JSON.parse(x.contents);
    for (const r of Object.values(doc.resource.aws_ecr_repository) as Record<string, unknown>[]) delete r.force_delete;
    return { ...x, contents: JSON.stringify(doc, null, 2) };
  });
  const record = buildRecord({ previous: null, artifacts, configHash: a.configHash!, configPaths: a.configPaths!, pilotVersion: '0.1.0', appliedAt: '2026-11-30T09:00:00.000Z', appliedBy: {}, newSalt: 'salt-salt-salt-salt' });
  const b = await compile(removed);
  const old = computePlan({ record: { record, hash: recordHash(serializeRecord(record)) }, artifacts: b.artifacts, model: b.model!, configPaths: b.configPaths!, secretFingerprints: {} });
  const msg = old.dangers.find((d) => d.address === 'aws_ecr_repository.tools_admin')!.message;
  assert.match(msg, /applied without force_delete: if it holds images, Terraform stops with RepositoryNotEmptyException\. Apply once with it still in the config \(pilot now sets force_delete\), or empty it first/);
});

test('T-1: a replaced AWS server on the default image is said to boot the newest Debian image; one with a pinned AMI is not', () => {
  const change = { address: 'aws_instance.server', type: 'aws_instance', action: 'replace' as const, attributes: ['subnet_id'], forcedBy: ['subnet_id'], configPath: 'server' };
  const dangersWith = (ami: string) => findDangers([change], { before: () => ({ ami }), after: () => ({ ami }) });
  const [fromSsm] = dangersWith('${data.aws_ssm_parameter.server_ami.insecure_value}');
  assert.is(fromSsm.kind, 'server-replaced');
  assert.match(fromSsm.message, /boots the newest Debian 12 image \(Debian's public SSM parameter, output server_ami_latest\), which may be newer than the one it runs now \(output server_ami\)/);
  const [pinned] = dangersWith('ami-0123456789abcdef0');
  assert.not.match(pinned.message, /Debian 12 image/);
});

test.run();
