// Dangers (data loss, the server replaced or restarted, a bootstrap that will not take effect) and
// security changes (wider network exposure, wider IAM), from the resource changes and the two
// main.tf.json bodies. Each message says what really happens, as the provider behaves.
import { ADMIN_USER } from '../backends/cloud-init/paths.ts';
import { describeFinalSnapshot } from '../compiler/names.ts';
import type { ModelApp } from '../compiler/model.ts';
import type { Danger, ResourceChange, SecurityChange } from './types.ts';

type Body = Record<string, unknown>;
type Bodies = { before: (address: string) => Body | undefined; after: (address: string) => Body | undefined };

const DATABASES = new Set(['aws_db_instance', 'google_sql_database_instance', 'google_sql_database']);
const SERVERS = new Set(['aws_instance', 'google_compute_instance']);
const STORES = new Set(['aws_s3_bucket', 'google_storage_bucket', 'aws_ecr_repository', 'google_artifact_registry_repository']);
const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const major = (v: unknown) => String(v ?? '').replace(/^POSTGRES_/, '').split(/[._]/)[0];

/** How to make a changed bootstrap take effect on the running server: cloud-init reruns every module as on a first boot. */
export const RERUN_BOOTSTRAP = `ssh ${ADMIN_USER}@<server_address> sudo cloud-init clean --logs --reboot`;

/**
 * ignore_changes keeps a running AWS server on its image; a replacement reads Debian's SSM parameter
 * again (backends/terraform/aws/server.ts), so it may boot a newer image than the one it replaces (T-1).
 */
function newImageNote(after: Record<string, unknown>): string {
  return typeof after.ami === 'string' && after.ami.includes('data.aws_ssm_parameter.server_ami')
    ? ' It boots the newest Debian 12 image (Debian\'s public SSM parameter, output server_ami_latest), which may be newer than the one it runs now (output server_ami).'
    : '';
}

export function findDangers(changes: ResourceChange[], bodies: Bodies): Danger[] {
  const out: Danger[] = [];
  for (const c of changes) {
    const before = bodies.before(c.address) ?? {};
    const after = bodies.after(c.address) ?? {};
    const at = { address: c.address, configPath: c.configPath };
    if (DATABASES.has(c.type)) {
      if (c.action === 'delete' || c.action === 'replace') {
        const why = c.action === 'replace' && c.forcedBy.length ? ` (${c.forcedBy.join(', ')} cannot change in place)` : '';
        const snapshot = c.type === 'aws_db_instance' ? (before.skip_final_snapshot === false && before.final_snapshot_identifier ? ` A final snapshot ${describeFinalSnapshot(str(before.final_snapshot_identifier))} is taken first.` : ' No final snapshot is taken.') : '';
        const guard = before.deletion_protection === true ? ' deletion_protection is on, so Terraform will stop with an error until the config turns it off.' : '';
        out.push({ kind: 'data-loss', message: `DATA LOSS: the database ${c.address} will be ${c.action === 'replace' ? 'destroyed and recreated empty' : 'destroyed'}${why}.${snapshot}${guard}`, ...at });
      } else if (c.action === 'update' && (c.attributes.includes('engine_version') || c.attributes.includes('database_version'))) {
        const from = before.engine_version ?? before.database_version;
        const to = after.engine_version ?? after.database_version;
        const isMajor = major(from) !== major(to);
        // ModifyDBInstance: AllowMajorVersionUpgrade must be true for a new major EngineVersion (RDS API reference).
        const rdsRefuses = c.type === 'aws_db_instance' && isMajor && after.allow_major_version_upgrade !== true ? ' RDS refuses a major version change unless allow_major_version_upgrade is set, so this apply will fail at the database.' : '';
        out.push({
          kind: 'database-upgrade',
          message: `The database ${c.address} is upgraded in place from ${str(from)} to ${str(to)}${isMajor ? ' (a major version: downtime, and it cannot be rolled back; take a snapshot first)' : ''}.${rdsRefuses}`,
          ...at,
        });
      }
      if (c.action === 'update' && before.deletion_protection === true && after.deletion_protection === false) out.push({ kind: 'protection-off', message: `Deletion protection is turned off for ${c.address}: a later change can destroy it.`, ...at });
    }
    if (SERVERS.has(c.type)) {
      if (c.action === 'delete' || c.action === 'replace') {
        const why = c.action === 'replace' && c.forcedBy.length ? ` because ${c.forcedBy.join(', ')} cannot change in place` : '';
        out.push({ kind: 'server-replaced', message: `The Pilot server ${c.address} will be ${c.action === 'replace' ? 'destroyed and recreated' : 'destroyed'}${why}: Waypoint's data on its disk (projects, deployments, tokens) is lost and every project must be registered again.${c.action === 'replace' ? newImageNote(after) : ''}`, ...at });
      } else if (c.action === 'update') {
        if (c.attributes.includes('instance_type') || c.attributes.includes('machine_type'))
          out.push({ kind: 'server-restart', message: `The Pilot server ${c.address} is stopped and started to change its ${c.type === 'aws_instance' ? 'instance type' : 'machine type'} (${str(before.instance_type ?? before.machine_type)} -> ${str(after.instance_type ?? after.machine_type)}): Waypoint is down for a few minutes; its disk and address stay.`, ...at });
        const userDataChanged = c.type === 'aws_instance' ? c.attributes.includes('user_data') : userDataOf(before) !== userDataOf(after);
        if (userDataChanged) out.push({ kind: 'server-bootstrap', message: bootstrapMessage(c.type), ...at });
      }
    }
    if (STORES.has(c.type) && (c.action === 'delete' || c.action === 'replace')) out.push({ kind: 'stored-data', message: storeMessage(c, before), ...at });
  }
  return out;
}

// Deleting a non-empty store: ECR DeleteRepository and S3 DeleteBucket refuse unless forced, and the
// google provider refuses a bucket "containing objects without force_destroy". The provider reads the
// flag from the state, so a store applied before pilot set it still blocks until one apply records it.
const FORCE: Record<string, { arg: string; error: string; empty: string }> = {
  aws_ecr_repository: { arg: 'force_delete', error: 'RepositoryNotEmptyException', empty: 'aws ecr batch-delete-image' },
  aws_s3_bucket: { arg: 'force_destroy', error: 'BucketNotEmpty', empty: 'aws s3 rm s3://<bucket> --recursive' },
  google_storage_bucket: { arg: 'force_destroy', error: '"bucket containing objects without force_destroy"', empty: 'gcloud storage rm gs://<bucket>/**' },
};

function storeMessage(c: ResourceChange, before: Body): string {
  const what = c.type.includes('bucket') ? 'files' : 'images';
  const verb = c.action === 'replace' ? 'replaced' : 'deleted';
  const force = FORCE[c.type];
  if (!force || before[force.arg] === true) return `${c.address} will be ${verb} with the ${what} in it (a redeploy rebuilds them from git).`;
  return `${c.address} will be ${verb}, but it was applied without ${force.arg}: if it holds ${what}, Terraform stops with ${force.error}. Apply once with it still in the config (pilot now sets ${force.arg}), or empty it first (${force.empty}).`;
}

const userDataOf = (b: Body) => str((b.metadata as Body | undefined)?.['user-data'] ?? '');

function bootstrapMessage(type: string): string {
  // aws_instance: user_data updates in place with user_data_replace_on_change = false (provider docs),
  // by stopping and starting the instance; GCE metadata updates in place without a restart. Either
  // way cloud-init's per-instance modules (write_files, runcmd) ran on the first boot and do not run again.
  const what =
    type === 'aws_instance'
      ? 'Terraform stops the server, replaces its user data and starts it again (a short Waypoint outage; disk and Elastic IP stay).'
      : "Terraform updates the instance's user-data metadata in place; the server is not restarted.";
  return `cloud-init changed: ${what} cloud-init does NOT rerun its per-instance modules on a running or rebooted server, so the new bootstrap is not applied by this change alone. To apply it after pilot apply: ${RERUN_BOOTSTRAP} (reruns every module on the same disk; Waypoint's data stays; SSH host keys are regenerated, so re-pin the server's key), or replace the server.`;
}

// --- security: what widens who can reach what, or what an identity may do ---

const PORT_NAMES: Record<number, string> = { 22: 'SSH', 80: 'HTTP', 443: 'HTTPS', 5432: 'PostgreSQL', 9701: 'Waypoint gRPC', 9702: 'Waypoint HTTP' };
const portText = (from: unknown, to: unknown) => {
  const f = Number(from);
  const t = Number(to);
  const range = f === t || to === undefined ? `${f}` : `${f}-${t}`;
  if (f !== t && to !== undefined) return `ports ${range}`;
  return PORT_NAMES[f] ? `port ${range} (${PORT_NAMES[f]})` : `port ${range}`;
};
const isWorld = (cidr: unknown) => cidr === '0.0.0.0/0' || cidr === '::/0';

type Statement = { Effect?: string; Action?: string | string[]; Resource?: string | string[] };
function grants(policy: unknown): Set<string> {
  const out = new Set<string>();
  if (typeof policy !== 'string') return out;
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    const stmts = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    for (const s of stmts) {
      if (s.Effect !== 'Allow') continue;
      const actions = Array.isArray(s.Action) ? s.Action : [s.Action ?? ''];
      const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource ?? '*'];
      for (const a of actions) for (const r of resources) out.add(`${a} on ${r}`);
    }
  } catch {
    out.add(policy);
  }
  return out;
}

const unref = (s: string) => s.replace(/\$\{([a-z0-9_]+\.[a-z0-9_]+)\.[a-z_]+\}/g, '$1');

/** A few grants in full; many as a count per service ("113 actions: ecr 10, ecs 12, ..."). */
function describeGrants(added: string[]): string {
  if (added.length <= 6) return added.map(unref).join('; ');
  const byService = new Map<string, number>();
  for (const g of added) byService.set(g.split(':')[0], (byService.get(g.split(':')[0]) ?? 0) + 1);
  return `${added.length} action/resource pairs (${[...byService].map(([k, n]) => `${k} ${n}`).join(', ')}); the Files diff of terraform/main.tf.json lists them`;
}

export function findSecurity(changes: ResourceChange[], bodies: Bodies): SecurityChange[] {
  const out: SecurityChange[] = [];
  for (const c of changes) {
    if (c.action === 'delete') continue;
    const before = c.action === 'create' || c.action === 'replace' ? undefined : bodies.before(c.address);
    const after = bodies.after(c.address) ?? {};
    const at = { address: c.address, configPath: c.configPath };
    const touched = (...keys: string[]) => !before || keys.some((k) => c.attributes.includes(k));
    if (c.type === 'aws_vpc_security_group_ingress_rule' && touched('cidr_ipv4', 'cidr_ipv6', 'from_port', 'to_port', 'referenced_security_group_id', 'ip_protocol')) {
      const source = after.cidr_ipv4 ?? after.cidr_ipv6 ?? after.referenced_security_group_id;
      const ports = after.ip_protocol === '-1' ? 'every port' : portText(after.from_port, after.to_port);
      const group = str(after.security_group_id).replace(/^\$\{(.*)\.id\}$/, '$1');
      out.push({ kind: isWorld(source) ? 'public' : 'network', message: `${ports} of ${group} ${before ? 'now' : 'newly'} open to ${isWorld(source) ? 'the whole internet' : str(source).replace(/^\$\{(.*)\.id\}$/, '$1')}`, ...at });
    }
    if (c.type === 'google_compute_firewall' && after.direction !== 'EGRESS' && touched('source_ranges', 'allow', 'source_tags', 'source_service_accounts')) {
      const was = new Set(((before?.source_ranges as string[] | undefined) ?? []).map(String));
      const added = ((after.source_ranges as string[] | undefined) ?? []).map(String).filter((r) => !was.has(r));
      const allowed = ((after.allow as { ports?: string[]; protocol?: string }[] | undefined) ?? []).map((a) => `${a.protocol}${a.ports ? `:${a.ports.join(',')}` : ''}`).join(' ');
      if (added.length || !before || c.attributes.includes('allow'))
        out.push({ kind: added.some(isWorld) ? 'public' : 'network', message: `firewall ${str(after.name)} (${allowed}) ${added.length ? `now admits ${added.join(', ')}` : 'allows more ports'}`, ...at });
    }
    // Inline role policies, and the managed policies the runner's permissions are packed into.
    if ((c.type === 'aws_iam_role_policy' || c.type === 'aws_iam_policy') && touched('policy')) {
      const was = grants(before?.policy);
      const added = [...grants(after.policy)].filter((g) => !was.has(g));
      const what = c.type === 'aws_iam_policy' ? 'managed policy' : 'role policy';
      if (added.length) out.push({ kind: 'iam', message: `${what} ${str(after.name)} ${before ? 'now also allows' : 'allows'} ${describeGrants(added)}`, ...at });
    }
    if (c.type === 'aws_iam_role_policy_attachment' && !before) out.push({ kind: 'iam', message: `attaches ${str(after.policy_arn)} to ${str(after.role).replace(/^\$\{(.*)\.name\}$/, '$1')}`, ...at });
    if (c.type.endsWith('_iam_member') && !before) {
      const publicMember = after.member === 'allUsers' || after.member === 'allAuthenticatedUsers';
      out.push({ kind: publicMember ? 'public' : 'iam', message: `grants ${str(after.role)} to ${unref(str(after.member))}`, ...at });
    }
    if (c.type === 'google_project_iam_custom_role' && touched('permissions')) {
      const was = new Set(((before?.permissions as string[] | undefined) ?? []).map(String));
      const added = ((after.permissions as string[] | undefined) ?? []).map(String).filter((p) => !was.has(p));
      if (added.length) out.push({ kind: 'iam', message: `custom role ${str(after.role_id)} gains ${added.join(', ')}`, ...at });
    }
    if (c.type === 'aws_s3_bucket_public_access_block' && before && ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].some((k) => before[k] === true && after[k] !== true))
      out.push({ kind: 'public', message: `${c.address} stops blocking public access`, ...at });
  }
  return out;
}

/**
 * A new public endpoint for each app added with a deploy that serves the internet. What each one
 * opens (pinned where the stanzas are written, src/backends/waypoint/stanzas.ts): aws-ecs's load
 * balancer listens to 0.0.0.0/0 on 80, or 443 with a certificate (ecs/platform.go); the Lambda
 * function URL is released with auth_type NONE; Cloud Run is released public by Waypoint's
 * releaser; static sites are served by CloudFront / Cloud CDN's public address.
 */
export function findPublicApps(added: ModelApp[]): SecurityChange[] {
  return added.map((app) => {
    const d = app.deploy;
    const who = `${app.project}/${app.name}`;
    const domain = 'domain' in d && d.domain ? ` and ${d.domain} once its DNS points there` : '';
    const message =
      d.kind === 'ecs'
        ? `${who} gets a load balancer open to the whole internet on ${d.domain ? `port 443 (HTTPS, ${d.domain})` : 'port 80 (plain HTTP)'}`
        : d.kind === 'lambda'
          ? `${who} gets a Lambda function URL with auth_type NONE: anyone on the internet can invoke it`
          : d.kind === 'cloudRun'
            ? `${who} gets a public Cloud Run URL: anyone on the internet can call it`
            : `${who} is served to the whole internet by ${d.kind === 'cloudfront' ? 'CloudFront (its *.cloudfront.net address' : 'Cloud CDN (its IP address'}${domain})`;
    return { kind: 'public' as const, message, configPath: `${app.configPath}.deploy` };
  });
}

/** Domains a change starts or stops serving: the certificate or alias resources pilot writes per domain. */
export function findDomainChanges(changes: ResourceChange[], bodies: Bodies): SecurityChange[] {
  const out: SecurityChange[] = [];
  const domainsOf = (type: string, b: Body | undefined): string[] => {
    if (!b) return [];
    if (type === 'aws_acm_certificate') return b.domain_name ? [str(b.domain_name)] : [];
    if (type === 'aws_cloudfront_distribution') return ((b.aliases as unknown[] | undefined) ?? []).map(str);
    if (type === 'google_compute_managed_ssl_certificate') return (((b.managed as Body | undefined)?.domains as unknown[] | undefined) ?? []).map(str);
    return [];
  };
  for (const c of changes) {
    if (!['aws_acm_certificate', 'aws_cloudfront_distribution', 'google_compute_managed_ssl_certificate'].includes(c.type)) continue;
    const was = domainsOf(c.type, bodies.before(c.address));
    const now = domainsOf(c.type, c.action === 'delete' ? undefined : bodies.after(c.address));
    const added = now.filter((d) => !was.includes(d));
    const removed = was.filter((d) => !now.includes(d));
    const at = { address: c.address, configPath: c.configPath };
    // A new CloudFront distribution is the added app's own entry (findPublicApps); only its later alias changes are listed.
    if (added.length && !(c.type === 'aws_cloudfront_distribution' && c.action === 'create')) out.push({ kind: 'public', message: `${added.join(', ')} ${added.length > 1 ? 'are' : 'is'} to be served to the internet by this app (once its DNS points there)`, ...at });
    if (removed.length) out.push({ kind: 'network', message: `${removed.join(', ')} ${removed.length > 1 ? 'are' : 'is'} no longer served by this app: remove or repoint ${removed.length > 1 ? 'their' : 'its'} DNS records, which would otherwise point at an address the app no longer answers for`, ...at });
  }
  return out;
}
