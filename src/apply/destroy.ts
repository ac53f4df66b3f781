// `pilot destroy`: Waypoint first, then Terraform. The load balancers, security groups, target groups
// and services Waypoint's plugins created are not in Terraform's state and keep the VPC's subnets in
// use, so each app's deployments are destroyed through Waypoint (a `destroy` job with the workspace
// target, what `waypoint destroy` queues) before `terraform destroy`. The database, and a GCP server
// (Terraform cannot delete a protected Compute Engine instance), are refused while the applied
// Terraform still has deletion protection on: the config must turn it off and be applied first, so
// nothing is destroyed halfway. The record leaves the store's current slot but stays in history.
import type { TerraformRunner } from '../backends/terraform/runner.ts';
import type { WaypointClient } from '../backends/waypoint/client/client.ts';
import type { Job } from '../backends/waypoint/client/types.ts';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';
import { describeFinalSnapshot } from '../compiler/names.ts';
import { writeTerraformFiles } from './apply.ts';
import type { PilotRecord, RecordStore } from '../state/index.ts';
import { RECORD_KEY } from '../state/store.ts';
import type { Progress } from './progress.ts';
import { terminalText } from './up.ts';

export type DatabaseInfo = { address: string; identifier?: string; deletionProtection: boolean; finalSnapshot?: string };

type TfJson = { resource?: Record<string, Record<string, Record<string, unknown>>> };

/** The database as the record's Terraform artifact declares it. */
export function recordedDatabase(record: PilotRecord): DatabaseInfo | undefined {
  const main = record.artifacts.find((a) => a.path === 'terraform/main.tf.json');
  if (!main) return undefined;
  const tf = JSON.parse(main.contents) as TfJson;
  for (const [type, key] of [['aws_db_instance', 'identifier'], ['google_sql_database_instance', 'name']] as const) {
    for (const [name, r] of Object.entries(tf.resource?.[type] ?? {})) {
      const gcpProtected = (r.settings as { deletion_protection_enabled?: boolean }[] | { deletion_protection_enabled?: boolean } | undefined);
      const settings = Array.isArray(gcpProtected) ? gcpProtected[0] : gcpProtected;
      return {
        address: `${type}.${name}`,
        identifier: typeof r[key] === 'string' ? (r[key] as string) : undefined,
        deletionProtection: r.deletion_protection === true || settings?.deletion_protection_enabled === true,
        finalSnapshot: type === 'aws_db_instance' && r.skip_final_snapshot !== true && typeof r.final_snapshot_identifier === 'string' ? describeFinalSnapshot(r.final_snapshot_identifier) : undefined,
      };
    }
  }
  return undefined;
}

/** Every app of the record's waypoint.hcl files, as Waypoint knows them (project, app). */
export function recordedApps(record: PilotRecord): { project: string; app: string }[] {
  const out: { project: string; app: string }[] = [];
  for (const a of record.artifacts) {
    const m = /^waypoint\/(.+)\.hcl$/.exec(a.path);
    if (!m) continue;
    for (const app of a.contents.matchAll(/^app "([^"]+)" \{$/gm)) out.push({ project: m[1], app: app[1] });
  }
  return out;
}

export const destroyJob = (t: { project: string; app: string }): Job => ({
  application: { project: t.project, application: t.app },
  workspace: { workspace: 'default' },
  target_runner: { any: {} },
  destroy: { workspace: {} },
});

export type DestroyDeps = {
  store: RecordStore;
  workDir: string;
  terraform: (cwd: string, env: Record<string, string>) => TerraformRunner;
  /** Undefined when the server cannot be reached and the user chose to skip Waypoint. */
  waypoint?: () => Promise<WaypointClient>;
  progress: Progress;
  lock: { holder: string; host: string; pid: number; waitMs: number };
};

/** The GCP server instance's name when the record's Terraform has its deletion protection on. */
export function recordedProtectedServer(record: PilotRecord): string | undefined {
  const main = record.artifacts.find((a) => a.path === 'terraform/main.tf.json');
  const tf = main ? (JSON.parse(main.contents) as TfJson) : {};
  for (const [name, r] of Object.entries(tf.resource?.google_compute_instance ?? {}))
    if (r.deletion_protection === true) return typeof r.name === 'string' ? r.name : `google_compute_instance.${name}`;
  return undefined;
}

export function assertDestroyable(record: PilotRecord): void {
  const server = recordedProtectedServer(record);
  if (server)
    throw new PilotError([error(CODES.DELETION_PROTECTED, `the server ${server} has deletion protection on, so terraform destroy would fail on it after the apps were destroyed`, {
      path: 'server.deletionProtection', hint: 'Set server: { deletionProtection: false } in pilot.config.ts, run pilot apply, then pilot destroy',
    })]);
  const db = recordedDatabase(record);
  if (db?.deletionProtection)
    throw new PilotError([error(CODES.DELETION_PROTECTED, `the database ${db.identifier ?? db.address} has deletion protection on`, {
      path: 'database.deletionProtection', hint: 'Set database: { deletionProtection: false } in pilot.config.ts, run pilot apply, then pilot destroy',
    })]);
}

export async function destroyAll(current: { record: PilotRecord; hash: string }, deps: DestroyDeps): Promise<void> {
  const p = deps.progress;
  assertDestroyable(current.record);
  p.step('lock', 'Take the lock');
  const lock = await deps.store.lock({ ...deps.lock, operation: 'destroy', ttlMs: 60 * 60_000, onWarning: (d) => p.warn(d.message) });
  try {
    const again = await deps.store.read();
    if (again?.hash !== current.hash) throw new PilotError([error(CODES.RECORD_CONFLICT, 'the record changed since this destroy was confirmed', { hint: 'Run pilot destroy again' })]);
    if (deps.waypoint) {
      const apps = recordedApps(current.record);
      p.step('waypoint', `Destroy ${apps.length} app${apps.length === 1 ? '' : 's'}' deployments through Waypoint`);
      const client = await deps.waypoint();
      try {
        for (const t of apps) {
          const id = await client.queueJob(destroyJob(t));
          const done = await client.streamJob(id, (e) => {
            if (e.event === 'terminal') for (const ev of e.terminal.events ?? []) {
              const text = terminalText(ev);
              if (text) p.line(`${t.project}/${t.app} | ${text}`);
            }
          });
          if (done.error?.message)
            throw new PilotError([error(CODES.JOB_FAILED, `Waypoint could not destroy ${t.project}/${t.app}: ${done.error.message}`, { hint: 'Fix the cause (its output is above) and rerun pilot destroy; Terraform was not touched' })]);
          p.line(`${t.project}/${t.app}: destroyed`);
        }
      } finally {
        client.close();
      }
    }
    p.step('terraform-destroy', 'terraform destroy');
    writeTerraformFiles(deps.workDir, current.record.artifacts);
    // The write-only Cloud SQL password is not needed to destroy, but the variable has no default.
    const needsDbPassword = current.record.artifacts.some((a) => a.path === 'terraform/main.tf.json' && a.contents.includes('"gcp_db_password"'));
    const tf = deps.terraform(deps.workDir, needsDbPassword ? { TF_VAR_gcp_db_password: 'unused-on-destroy' } : {});
    await tf.init();
    await tf.destroy();
    p.step('record', 'Retire the record (it stays in history)');
    await deps.store.blobs.delete(RECORD_KEY);
    p.done();
  } finally {
    await lock.release().catch(() => undefined);
  }
}
