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

/** The apps a record leaves on the Waypoint server: its config's, and those of removed projects an older pilot kept there without --prune (record.retainedApps; apply now refuses to keep them). */
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
 * The previous record's apps that the next config no longer has. They are destroyed through Waypoint
 * before `terraform apply` (src/apply/apply.ts), for two reasons:
 * - the runner resolves the job's app from the project's config (v0.11.4
 *   internal/runner/operation_destroy.go, project.App(name)), which pilot sets as the project's
 *   waypoint_hcl, so after UpsertProject the app could no longer be named;
 * - Terraform deletes what the app runs on when it leaves (its task security group, and the
 *   project's ECS cluster with its last ECS app), and AWS refuses both while Waypoint's ECS service
 *   still runs there: see applyPlan's comment for the provider functions that retry until they time out.
 * An app whose project stays is therefore always destroyed; an app of a removed project is destroyed
 * with --prune, and without it returned as `retain`, which apply refuses (removedProjectsRefusal).
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
 * The refusal of an apply without --prune while projects that left the config still have apps the
 * record names as deployed (`retain` of leavingApps), or undefined when there is none. Terraform
 * deletes a removed project's infrastructure (ECS cluster, task security groups, execution roles,
 * site buckets and CDN, the Cloud Run service account...) whether or not the project stays on the
 * Waypoint server: its ECS apps would block terraform apply (DependencyViolation on the security
 * group, ClusterContainsServicesException on the cluster) and the others would be left broken, so
 * "kept without --prune" cannot be true.
 *
 * Records of older pilots may hold `retainedApps`: apps of projects removed without --prune, whose
 * infrastructure Terraform has already deleted (or is about to, if that apply failed). They are refused
 * the same way, since recordedApps includes them: keeping them would keep apps that cannot run and the
 * load balancers and security groups Waypoint made for them, which block the VPC's deletion later. The
 * way on is the same: --prune destroys them through Waypoint, or putting the project back recreates
 * what they run on.
 */
export function removedProjectsRefusal(retain: AppRef[]): PilotError | undefined {
  if (retain.length === 0) return undefined;
  const projects = [...new Set(retain.map((a) => a.project))].sort();
  const list = (xs: string[]) => (xs.length === 1 ? xs[0] : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
  const apps = retain.map((a) => `${a.project}/${a.app}`).sort();
  return new PilotError([error(CODES.PROJECT_LEFT_WITH_APPS,
    `project${projects.length === 1 ? '' : 's'} ${list(projects)} left the config but ${projects.length === 1 ? 'its' : 'their'} app${apps.length === 1 ? '' : 's'} ${list(apps)} ${apps.length === 1 ? 'is' : 'are'} still deployed: terraform apply would delete the infrastructure ${apps.length === 1 ? 'it runs' : 'they run'} on (ECS cluster, task security groups, roles, buckets) while Waypoint still runs ${apps.length === 1 ? 'it' : 'them'} there`,
    { path: 'projects', hint: `Run pilot apply --prune to destroy ${apps.length === 1 ? 'it' : 'them'} through Waypoint first (then Terraform deletes the infrastructure and the project leaves the Waypoint server), or put the project${projects.length === 1 ? '' : 's'} back in the config` })]);
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
