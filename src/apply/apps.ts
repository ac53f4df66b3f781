// Which Waypoint apps a record or a config has, and destroying them through Waypoint. Waypoint's
// plugins create load balancers, security groups, target groups and services that are not in
// Terraform's state; only a `destroy` job (what `waypoint destroy` queues) removes them, and
// DestroyProject does not (v0.11.4 pkg/server/singleprocess/service_project.go: it only calls the
// state's ProjectDelete, queuing no job). An app left behind keeps the VPC's subnets in use and later
// blocks terraform destroy.
import type { WaypointClient } from '../backends/waypoint/client/client.ts';
import type { Job } from '../backends/waypoint/client/types.ts';
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';
import { appNamesOfHcl, WAYPOINT_ARTIFACT } from '../plan/waypoint-diff.ts';
import type { PilotRecord } from '../state/index.ts';
import { terminalText } from './up.ts';

export type AppRef = { project: string; app: string };

/** Every app of the waypoint/<project>.hcl artifacts, by its Waypoint name. */
export function appsOfArtifacts(artifacts: { path: string; contents: string }[]): AppRef[] {
  return artifacts.flatMap((a) => {
    const project = WAYPOINT_ARTIFACT.exec(a.path)?.[1];
    return project ? appNamesOfHcl(a.contents).map((app) => ({ project, app })) : [];
  });
}

/** The apps a record leaves on the Waypoint server: its config's, and those of removed projects kept there (no --prune). */
export const recordedApps = (record: PilotRecord): AppRef[] => [...appsOfArtifacts(record.artifacts), ...(record.retainedApps ?? [])];

/**
 * Projects the record keeps on the Waypoint server whose apps it cannot name: removed from the config
 * without --prune by a pilot that did not yet record their apps (record.retainedApps). Their apps can
 * only be destroyed by hand (`waypoint destroy`), so apply --prune and destroy warn about them.
 */
export function projectsWithUnknownApps(record: PilotRecord): string[] {
  const named = new Set(recordedApps(record).map((a) => a.project));
  return Object.keys(record.waypointVariables).filter((p) => !named.has(p) && !record.artifacts.some((a) => a.path === `waypoint/${p}.hcl`)).sort();
}

const key = (a: AppRef) => `${a.project}\u0000${a.app}`;

/**
 * The previous record's apps that the next config no longer has. They are destroyed before the
 * project is upserted: the runner resolves the job's app from the project's config
 * (v0.11.4 internal/runner/operation_destroy.go, project.App(name)), which pilot sets as the
 * project's waypoint_hcl, so after UpsertProject the app could no longer be named. An app whose
 * project stays is therefore always destroyed; an app of a removed project is destroyed with
 * --prune, else kept (with its project, which still names it) and recorded as retained.
 */
export function leavingApps(previous: AppRef[], next: AppRef[], prune: boolean): { destroy: AppRef[]; retain: AppRef[] } {
  const nextKeys = new Set(next.map(key));
  const nextProjects = new Set(next.map((a) => a.project));
  const gone = previous.filter((a) => !nextKeys.has(key(a)));
  const destroy = gone.filter((a) => prune || nextProjects.has(a.project));
  const retain = gone.filter((a) => !prune && !nextProjects.has(a.project));
  return { destroy, retain };
}

/**
 * The apps the server's projects still name. A rerun after a run that destroyed an app and upserted
 * its project but failed before writing the record must not queue that destroy again: the runner
 * could no longer resolve the app (operation_destroy.go, project.App) and the job would fail forever.
 */
export async function stillOnServer(client: WaypointClient, apps: AppRef[]): Promise<AppRef[]> {
  const named = new Map<string, Set<string>>();
  for (const project of new Set(apps.map((a) => a.project))) {
    const hcl = (await client.getProject(project))?.waypoint_hcl;
    named.set(project, new Set(hcl ? appNamesOfHcl(Buffer.from(hcl).toString('utf8')) : []));
  }
  return apps.filter((a) => named.get(a.project)?.has(a.app));
}

export const destroyJob = (t: AppRef): Job => ({
  application: { project: t.project, application: t.app },
  workspace: { workspace: 'default' },
  target_runner: { any: {} },
  destroy: { workspace: {} },
});

/** Queues a destroy job per app, one after the other, each awaited to completion; the first failure stops. */
export async function destroyApps(client: WaypointClient, apps: AppRef[], o: { write: (line: string) => void; rerun: string; onDestroyed?: (a: AppRef) => void }): Promise<void> {
  const { write, rerun } = o;
  for (const t of apps) {
    const id = await client.queueJob(destroyJob(t));
    const done = await client.streamJob(id, (e) => {
      if (e.event === 'terminal') for (const ev of e.terminal.events ?? []) {
        const text = terminalText(ev);
        if (text) write(`${t.project}/${t.app} | ${text}`);
      }
    });
    if (done.error?.message || (done.error?.code ?? 0) !== 0)
      throw new PilotError([error(CODES.JOB_FAILED, `Waypoint could not destroy ${t.project}/${t.app}: ${done.error?.message || `job failed with code ${done.error?.code}`}`, { hint: `Fix the cause (its output is above) and rerun ${rerun}` })]);
    write(`${t.project}/${t.app}: destroyed`);
    o.onDestroyed?.(t);
  }
}
