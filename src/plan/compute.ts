// The plan core: (record | null, artifacts, model) -> Plan. Pure: no fs, clock, env or network. The
// CLI computes secret fingerprints (it has the environment) and passes them in.
import { createTwoFilesPatch } from 'diff';
import type { Artifact } from '../compiler/artifact.ts';
import type { Diagnostic } from '../compiler/diagnostics.ts';
import { allApps, type Model } from '../compiler/model.ts';
import { configAppNameOf, waypointAppName } from '../compiler/names.ts';
import { describeWho, type PilotRecord } from '../state/record.ts';
import { findDangers, findDomainChanges, findPublicApps, findSecurity } from './dangers.ts';
import { bareAddress as bare, bodyOf, diffResources, isRealChange, resourcesOf } from './terraform-diff.ts';
import { type ArtifactChange, type Danger, PLAN_SCHEMA, PLAN_VERSION, type Plan, type PlanWarning, type ResourceChange, type SecretChange, type TerraformResourceChange, type WaypointProjectChange } from './types.ts';
import { diffWaypointProject, WAYPOINT_ARTIFACT } from './waypoint-diff.ts';

export const TERRAFORM_PATH = 'terraform/main.tf.json';

export type PlanInput = {
  /** The record compared against, or null before the first apply. */
  record: { record: PilotRecord; hash: string } | null;
  artifacts: Artifact[];
  model: Model;
  /** Terraform address -> config path, from the compile. */
  configPaths: Record<string, string>;
  /** Fingerprint of each secret's current value (HMAC with the record's salt), null when not set where pilot runs. */
  secretFingerprints: Record<string, string | null>;
  /** Terraform's real plan (--terraform): listed, and its replacements and deletions checked for dangers too. */
  terraform?: TerraformResourceChange[];
  /** The compile's warnings (0.0.0.0/0, plain HTTP...): in the plan so --json and --markdown readers see them too. */
  compileWarnings?: Diagnostic[];
};

export const asPlanWarning = (d: Diagnostic): PlanWarning => ({ code: d.code, message: d.message, ...(d.path ? { path: d.path } : {}), ...(d.hint ? { hint: d.hint } : {}) });

/** Secret name -> the apps (project/app) that use it, from the model's env entries. */
export function secretUsers(model: Model): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const app of allApps(model)) for (const e of app.env) if ('secret' in e) out.set(e.secret, [...(out.get(e.secret) ?? []), `${app.project}/${app.name}`]);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const lineCount = (diff: string, sign: '+' | '-') => diff.split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}${sign}`)).length;

export function diffArtifacts(before: { path: string; contents: string }[], after: Artifact[]): ArtifactChange[] {
  const old = new Map(before.map((a) => [a.path, a.contents]));
  const now = new Map(after.map((a) => [a.path, a.contents]));
  const out: ArtifactChange[] = [];
  for (const path of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const b = old.get(path);
    const a = now.get(path);
    if (b === a) continue;
    const diff = createTwoFilesPatch(b === undefined ? '/dev/null' : `a/${path}`, a === undefined ? '/dev/null' : `b/${path}`, b ?? '', a ?? '', undefined, undefined, { context: 3 });
    const body = diff.split('\n').slice(1).join('\n'); // drop the "=====" separator line
    out.push({ path, action: b === undefined ? 'add' : a === undefined ? 'remove' : 'change', diff: body, linesAdded: lineCount(body, '+'), linesRemoved: lineCount(body, '-') });
  }
  return out;
}

export function computePlan(input: PlanInput): Plan {
  const { record, artifacts, model } = input;
  const prev = record?.record;
  const before = prev?.artifacts ?? [];
  const oldText = (path: string) => before.find((a) => a.path === path)?.contents;
  const newText = (path: string) => artifacts.find((a) => a.path === path)?.contents;
  const warnings: PlanWarning[] = (input.compileWarnings ?? []).filter((d) => d.severity === 'warning').map(asPlanWarning);

  const artifactChanges = diffArtifacts(before, artifacts);

  // '' when no config block is known to have produced the resource: the plan shows no path rather than a made-up one.
  const configPathOf = (address: string) => input.configPaths[address] ?? prev?.configPaths[address] ?? '';
  const resources = diffResources(oldText(TERRAFORM_PATH), newText(TERRAFORM_PATH), configPathOf);
  const oldRes = resourcesOf(oldText(TERRAFORM_PATH));
  const newRes = resourcesOf(newText(TERRAFORM_PATH));
  const bodies = { before: (a: string) => bodyOf(oldRes, a), after: (a: string) => bodyOf(newRes, a) };

  const projectNames = new Set<string>();
  for (const a of [...before, ...artifacts]) {
    const m = WAYPOINT_ARTIFACT.exec(a.path);
    if (m) projectNames.add(m[1]);
  }
  // waypoint.hcl names apps by their Waypoint name; the plan shows the config app. An app still in the
  // model maps exactly; a removed one is named by stripping the hash tag.
  const byWaypointName = new Map(allApps(model).map((a) => [`${a.project}/${waypointAppName(model, a)}`, { app: a.name, configPath: a.configPath }]));
  const appPath = (project: string) => (waypointName: string) => {
    const app = configAppNameOf(waypointName);
    return byWaypointName.get(`${project}/${waypointName}`) ?? { app, configPath: `projects.${project}.apps.${app}` };
  };
  const waypoint: WaypointProjectChange[] = [...projectNames]
    .sort()
    .map((p) => diffWaypointProject(p, oldText(`waypoint/${p}.hcl`), newText(`waypoint/${p}.hcl`), appPath(p)))
    .filter((w) => w.action !== 'unchanged');

  const secrets: SecretChange[] = [];
  const users = secretUsers(model);
  const oldFingerprints = prev?.secrets.fingerprints ?? {};
  for (const [name, apps] of users) {
    const fp = input.secretFingerprints[name] ?? null;
    const was = oldFingerprints[name];
    if (fp === null) {
      secrets.push({ name, action: 'unknown', apps, ...(was ? { previousFingerprint: was } : {}) });
      warnings.push({ code: 'PILOT4021', message: `Secret ${name} (used by ${apps.join(', ')}) has no value in this environment: the plan cannot tell whether it changed`, hint: `Set ${name} where pilot apply runs; apply stops before pushing anything when a secret is missing` });
    } else if (!was)
      // fp is '' before the first apply (no salt yet): the value is set, its fingerprint comes with the record.
      secrets.push({ name, action: 'add', apps, ...(fp ? { fingerprint: fp } : {}) });
    else if (was !== fp) secrets.push({ name, action: 'change', apps, fingerprint: fp, previousFingerprint: was });
    else secrets.push({ name, action: 'unchanged', apps, fingerprint: fp });
  }
  for (const name of Object.keys(oldFingerprints).sort()) if (!users.has(name)) secrets.push({ name, action: 'remove', apps: [], previousFingerprint: oldFingerprints[name] });

  const dangers = findDangers(resources, bodies);
  if (input.terraform) dangers.push(...realDangers(input.terraform, bodies, dangers));
  const addedApps = waypoint.flatMap((w) => w.apps.filter((a) => a.action === 'add').map((a) => allApps(model).find((m) => m.project === w.project && m.name === a.app)));
  const security = [...findSecurity(resources, bodies), ...findDomainChanges(resources, bodies), ...findPublicApps(addedApps.filter((a) => a !== undefined))];

  const count = <T extends string>(keys: readonly T[], items: { action: string }[]) => Object.fromEntries(keys.map((k) => [k, items.filter((i) => i.action === k).length])) as Record<T, number>;
  const appChanges = waypoint.flatMap((w) => w.apps);
  const secretChanges = secrets.filter((s) => s.action === 'add' || s.action === 'change' || s.action === 'remove');
  return {
    schema: PLAN_SCHEMA,
    version: PLAN_VERSION,
    against: { serial: prev?.serial ?? null, hash: record?.hash ?? null, appliedAt: prev?.appliedAt ?? null, appliedBy: prev ? describeWho(prev.appliedBy) : null, pilotVersion: prev?.pilotVersion ?? null },
    changed: artifactChanges.length > 0 || secretChanges.length > 0 || (input.terraform ?? []).some(isRealChange),
    summary: {
      artifacts: count(['add', 'change', 'remove'] as const, artifactChanges),
      resources: count(['create', 'update', 'replace', 'delete'] as const, resources),
      apps: count(['add', 'change', 'remove'] as const, appChanges),
      secrets: count(['add', 'change', 'remove', 'unknown'] as const, secrets),
      dangers: dangers.length,
      security: security.length,
    },
    dangers,
    security,
    resources,
    waypoint,
    secrets: secrets.filter((s) => s.action !== 'unchanged'),
    artifacts: artifactChanges,
    ...(input.terraform ? { terraform: { resourceChanges: input.terraform } } : {}),
    warnings,
  };
}


/**
 * Dangers in Terraform's real plan that the static diff cannot see (a replacement forced by live
 * state, a resource deleted outside pilot's config...): its replacements (actions delete+create in
 * either order) and deletions, checked like the static ones; one per address and kind already found is dropped.
 */
function realDangers(real: TerraformResourceChange[], bodies: { before: (a: string) => Record<string, unknown> | undefined; after: (a: string) => Record<string, unknown> | undefined }, found: Danger[]): Danger[] {
  const changes: ResourceChange[] = real
    .filter((r) => r.actions.includes('delete'))
    .map((r) => ({ address: r.address, type: r.type, action: r.actions.includes('create') ? 'replace' : 'delete', attributes: r.replacedBy ?? [], forcedBy: r.replacedBy ?? [], configPath: r.configPath }));
  const seen = new Set(found.map((d) => `${d.kind} ${bare(d.address ?? '')}`));
  return findDangers(changes, { before: (a) => bodies.before(bare(a)), after: (a) => bodies.after(bare(a)) })
    .filter((d) => !seen.has(`${d.kind} ${bare(d.address ?? '')}`))
    .map((d) => ({ ...d, message: `Terraform's plan: ${d.message}` }));
}
