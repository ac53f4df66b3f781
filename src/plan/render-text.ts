// The plan for a person at a terminal: summary counts first, then dangers, then security, then the
// details (Terraform, Waypoint, secrets, files); unchanged things are not listed. Colour only when
// the CLI says so (a TTY without NO_COLOR). Pure: a Plan in, text out.
import type { Plan, PlanWarning, ResourceChange, SecretChange, StanzaChange, WaypointProjectChange } from './types.ts';
import { isRealChange } from './terraform-diff.ts';

export type TextOptions = { color: boolean; /** Also print each file's unified diff. */ diffs?: boolean; /** Where the record lives, for the header. */ where?: string };

const SYMBOL: Record<string, string> = { create: '+', add: '+', update: '~', change: '~', replace: '-/+', delete: '-', remove: '-', unknown: '?' };

export function header(plan: Plan, where?: string): string {
  const a = plan.against;
  if (a.serial === null) return `No applied record${where ? ` in ${where}` : ''} yet: everything below is new.`;
  return `Compared with record #${a.serial}, applied ${a.appliedAt} by ${a.appliedBy} with pilot ${a.pilotVersion}${where ? ` (${where})` : ''}.`;
}

export function summaryLines(plan: Plan): string[] {
  const s = plan.summary;
  return [
    `Terraform: ${s.resources.create} to create, ${s.resources.update} to update, ${s.resources.replace} to replace, ${s.resources.delete} to delete`,
    `Apps:      ${s.apps.add} added, ${s.apps.change} changed, ${s.apps.remove} removed`,
    `Secrets:   ${s.secrets.add} added, ${s.secrets.change} changed, ${s.secrets.remove} removed${s.secrets.unknown ? ` (${s.secrets.unknown} with no value here)` : ''}`,
    `Files:     ${s.artifacts.add} added, ${s.artifacts.change} changed, ${s.artifacts.remove} removed`,
  ];
}

/** What a secret line shows instead of its value. An added secret has no fingerprint before the first apply (no salt yet), but it does have a value. */
export const secretNote = (s: SecretChange): string =>
  s.action === 'change' ? `${s.previousFingerprint} -> ${s.fingerprint}` : (s.fingerprint ?? s.previousFingerprint ?? (s.action === 'add' ? 'value set (fingerprinted at first apply)' : 'no value here'));

/** "at <config path> (<address>)"; a resource no config block produced (configPath '') shows its address only. */
const locate = (configPath: string, address?: string) => (configPath ? `at ${configPath}${address ? ` (${address})` : ''}` : (address ?? ''));

export const resourceDetail = (r: ResourceChange): string =>
  r.action === 'replace' ? `${r.forcedBy.join(', ')} force${r.forcedBy.length === 1 ? 's' : ''} replacement` : r.action === 'update' ? r.attributes.join(', ') : '';

/**
 * Beside a Waypoint project line; `code` marks up a command (a code span in Markdown). A removed
 * project's apps are destroyed through Waypoint before Terraform deletes their infrastructure, and
 * only with --prune; without it apply refuses (src/apply/apps.ts removedProjectsRefusal).
 */
export const projectNote = (p: WaypointProjectChange, code = (s: string) => s): string =>
  p.action === 'remove' ? `left the config: ${code('pilot apply --prune')} destroys its apps, then its infrastructure; without --prune apply refuses` : p.projectStanzas.join(', ');

/** Beside an app line: apply destroys an app that left a kept project through Waypoint (src/apply/apps.ts leavingApps). */
export const appNote = (p: WaypointProjectChange, a: StanzaChange): string =>
  a.action === 'remove' && p.action !== 'remove' ? 'its deployments are destroyed through Waypoint' : a.stanzas.join(', ');

export function renderText(plan: Plan, o: TextOptions): string {
  const c = (code: number, s: string) => (o.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const bold = (s: string) => c(1, s);
  const actionColour = (action: string) => (action === 'create' || action === 'add' ? 32 : action === 'delete' || action === 'remove' || action === 'replace' ? 31 : 33);
  const mark = (action: string) => c(actionColour(action), (SYMBOL[action] ?? '?').padEnd(3));
  const warningText = (w: PlanWarning) => `${c(33, '⚠')} ${w.message}  ${c(2, `[${w.code}]`)}${w.path ? `\n  ${c(2, `at ${w.path}`)}` : ''}${w.hint ? `\n  hint: ${w.hint}` : ''}`;
  const out: string[] = [header(plan, o.where), ''];
  if (!plan.changed) {
    out.push(c(32, 'No changes.') + ' The compiled artifacts and secrets match the record.');
    for (const w of plan.warnings) out.push(warningText(w));
    return `${out.join('\n')}\n`;
  }
  out.push(bold('Plan'), ...summaryLines(plan).map((l) => `  ${l}`), '');
  if (plan.dangers.length) {
    out.push(c(31, bold(`DANGER (${plan.dangers.length})`)));
    for (const d of plan.dangers) out.push(`  ${c(31, '✖')} ${d.message}`, `      ${c(2, locate(d.configPath, d.address))}`);
    out.push('');
  }
  if (plan.security.length) {
    out.push(c(33, bold(`SECURITY (${plan.security.length}): wider exposure or permissions`)));
    for (const s of plan.security) out.push(`  ${c(33, '!')} ${s.kind === 'public' ? c(31, 'PUBLIC ') : ''}${s.message}`, `      ${c(2, locate(s.configPath, s.address))}`);
    out.push('');
  }
  if (plan.resources.length) {
    out.push(bold('Terraform resources'));
    const width = Math.min(60, Math.max(...plan.resources.map((r) => r.address.length)));
    for (const r of plan.resources) {
      const detail = resourceDetail(r);
      out.push(`  ${mark(r.action)} ${r.address.padEnd(width)}  ${c(36, r.configPath)}${detail ? `  ${c(2, `(${detail})`)}` : ''}`);
    }
    out.push('');
  }
  if (plan.waypoint.length) {
    out.push(bold('Waypoint'));
    for (const p of plan.waypoint) {
      const note = projectNote(p);
      out.push(`  ${mark(p.action)} project ${p.project}${note ? `  ${c(2, `(${note})`)}` : ''}`);
      for (const a of p.apps) {
        const aNote = appNote(p, a);
        out.push(`      ${mark(a.action)} app ${a.app} ${c(2, `(Waypoint: ${a.waypointName})`)}${aNote ? `  ${c(2, `(${aNote})`)}` : ''}`);
      }
      if (p.variablesAdded.length) out.push(`      + variables: ${p.variablesAdded.join(', ')}`);
      if (p.variablesRemoved.length) out.push(`      - variables: ${p.variablesRemoved.join(', ')}`);
    }
    out.push('');
  }
  if (plan.secrets.length) {
    out.push(bold('Secrets (names and fingerprints only)'));
    for (const s of plan.secrets) {
      out.push(`  ${mark(s.action)} ${s.name}  ${c(2, secretNote(s))}${s.apps.length ? `  ${c(36, s.apps.join(', '))}` : ''}`);
    }
    out.push('');
  }
  if (plan.artifacts.length) out.push(bold('Files'));
  for (const a of plan.artifacts) out.push(`  ${mark(a.action)} ${a.path}  ${c(2, `+${a.linesAdded} -${a.linesRemoved}`)}`);
  if (o.diffs) for (const a of plan.artifacts) out.push('', ...a.diff.trimEnd().split('\n').map((l) => (l.startsWith('+') ? c(32, l) : l.startsWith('-') ? c(31, l) : l.startsWith('@@') ? c(36, l) : l)));
  if (plan.terraform) {
    out.push('', bold("Terraform's own plan (terraform plan)"));
    const real = plan.terraform.resourceChanges.filter(isRealChange);
    if (!real.length) out.push('  no changes');
    for (const r of real) out.push(`  ${r.actions.join('/').padEnd(14)} ${r.address}  ${c(36, r.configPath)}`);
  }
  for (const w of plan.warnings) out.push('', warningText(w));
  return `${out.join('\n')}\n`;
}
