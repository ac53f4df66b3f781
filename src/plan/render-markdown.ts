// The plan as a pull-request comment: summary table, dangers, security, details, then each file's
// diff in a collapsible block. Never longer than `limit` characters (GitHub refuses comments over
// 65,536): when it would be, whole items are cut from the end and a note says what was cut.
import { appNote, header, projectNote, resourceDetail } from './render-text.ts';
import type { Plan, PlanWarning } from './types.ts';
import { isRealChange } from './terraform-diff.ts';

export const MARKDOWN_LIMIT = 60_000;
/** Marks the comment so CI updates its own comment instead of adding one per push. */
export const COMMENT_MARKER = '<!-- pilot-plan -->';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const fence = (body: string) => '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
const warningMd = (w: PlanWarning) => `${esc(w.message)} \`${w.code}\`${w.path ? ` — ${code(w.path)}` : ''}${w.hint ? ` (${esc(w.hint)})` : ''}`;
const MAX_DIFF = 20_000;
const SECTION_CAP = 100;

type Section = { title: string; items: string[]; /** What one cut item is called in the note. */ noun: string; before?: string; after?: string };

export function renderMarkdown(plan: Plan, o: { limit?: number; where?: string } = {}): string {
  const limit = o.limit ?? MARKDOWN_LIMIT;
  const s = plan.summary;
  const head: string[] = [COMMENT_MARKER];
  if (!plan.changed) {
    head.push('### pilot plan: no changes', '', header(plan, o.where), '', 'The compiled artifacts and secrets match the record.', '');
    for (const w of plan.warnings) head.push(`> ⚠️ ${warningMd(w)}`, '');
    return `${head.join('\n')}\n`;
  }
  const badge = [s.dangers ? `⚠️ ${s.dangers} danger${s.dangers > 1 ? 's' : ''}` : '', s.security ? `🔒 ${s.security} security change${s.security > 1 ? 's' : ''}` : ''].filter(Boolean).join(' · ');
  head.push(
    `### pilot plan: ${s.resources.create} to create, ${s.resources.update} to update, ${s.resources.replace} to replace, ${s.resources.delete} to delete${badge ? ` — ${badge}` : ''}`,
    '',
    header(plan, o.where),
    '',
    '| | added | changed | replaced | removed |',
    '|---|---:|---:|---:|---:|',
    `| Terraform resources | ${s.resources.create} | ${s.resources.update} | ${s.resources.replace} | ${s.resources.delete} |`,
    `| Waypoint apps | ${s.apps.add} | ${s.apps.change} | | ${s.apps.remove} |`,
    `| Secrets | ${s.secrets.add} | ${s.secrets.change} | | ${s.secrets.remove} |`,
    `| Files | ${s.artifacts.add} | ${s.artifacts.change} | | ${s.artifacts.remove} |`,
    '',
  );
  const sections: Section[] = [];
  if (plan.dangers.length) sections.push({ title: '#### ⚠️ Dangers', noun: 'danger', items: plan.dangers.map((d) => `- **${d.kind}**: ${esc(d.message)} — ${[d.configPath, d.address].filter(Boolean).map((x) => code(x!)).join(' ')}`) });
  if (plan.security.length) sections.push({ title: '#### 🔒 Security: wider exposure or permissions', noun: 'security change', items: plan.security.map((x) => `- ${x.kind === 'public' ? '**public** ' : ''}${esc(x.message)} — ${[x.configPath, x.address].filter(Boolean).map((y) => code(y!)).join(' ')}`) });
  if (plan.resources.length)
    sections.push({
      title: '#### Terraform resources',
      noun: 'resource row',
      before: '| | address | config | details |\n|---|---|---|---|',
      items: plan.resources.map((r) => `| ${r.action} | ${code(r.address)} | ${r.configPath ? code(r.configPath) : ''} | ${esc(resourceDetail(r))} |`),
    });
  if (plan.waypoint.length)
    sections.push({
      title: '#### Waypoint',
      noun: 'Waypoint line',
      items: plan.waypoint.flatMap((p) => [
        `- **${p.action}** project ${code(p.project)}${projectNote(p, code) ? ` (${projectNote(p, code)})` : ''}`,
        ...p.apps.map((a) => `  - ${a.action} app ${code(a.app)} (Waypoint: ${code(a.waypointName)})${appNote(p, a) ? `: ${appNote(p, a)}` : ''}`),
        ...(p.variablesAdded.length ? [`  - variables added: ${p.variablesAdded.map(code).join(', ')}`] : []),
        ...(p.variablesRemoved.length ? [`  - variables removed: ${p.variablesRemoved.map(code).join(', ')}`] : []),
      ]),
    });
  if (plan.secrets.length)
    sections.push({
      title: '#### Secrets (names and fingerprints only)',
      noun: 'secret',
      items: plan.secrets.map((x) => `- ${x.action} ${code(x.name)} ${x.action === 'change' ? `${code(x.previousFingerprint ?? '')} → ${code(x.fingerprint ?? '')}` : x.fingerprint || x.previousFingerprint ? code((x.fingerprint ?? x.previousFingerprint)!) : x.action === 'add' ? '(value set; fingerprinted at first apply)' : '(no value where the plan ran)'}${x.apps.length ? ` — ${x.apps.join(', ')}` : ''}`),
    });
  if (plan.terraform)
    sections.push({
      title: "#### Terraform's own plan",
      noun: 'terraform row',
      items: plan.terraform.resourceChanges.filter(isRealChange).map((r) => `- ${r.actions.join('/')} ${code(r.address)} ${r.configPath ? ` — ${code(r.configPath)}` : ''}`),
    });
  if (plan.warnings.length) sections.push({ title: '#### Warnings', noun: 'warning', items: plan.warnings.map((w) => `- ${warningMd(w)}`) });
  sections.push({
    title: '#### Files',
    noun: 'file diff',
    items: plan.artifacts.map((a) => {
      const diff = a.diff.length > MAX_DIFF ? `${a.diff.slice(0, a.diff.lastIndexOf('\n', MAX_DIFF))}\n… (${a.diff.length - MAX_DIFF} more characters of this diff not shown)` : a.diff;
      const f = fence(diff);
      return `<details><summary>${a.action} <code>${esc(a.path)}</code> (+${a.linesAdded} −${a.linesRemoved})</summary>\n\n${f}diff\n${diff.trimEnd()}\n${f}\n\n</details>`;
    }),
  });

  // Fill in order, keeping room for the truncation note; cut whole items from the first that does not fit.
  const NOTE_ROOM = 600;
  const parts = [`${head.join('\n')}\n`];
  let used = parts[0].length;
  const cut: string[] = [];
  let full = false;
  for (const sec of sections) {
    const open = `${sec.title}\n\n${sec.before ? `${sec.before}\n` : ''}`;
    let kept = 0;
    if (!full && used + open.length + NOTE_ROOM < limit) {
      parts.push(open);
      used += open.length;
      for (const item of sec.items) {
        // Long lists stop at SECTION_CAP so later sections (and the diffs) still get room; dangers never do.
        if (sec.noun !== 'danger' && sec.noun !== 'file diff' && kept >= SECTION_CAP) break;
        if (used + item.length + 1 + NOTE_ROOM >= limit) {
          full = true;
          break;
        }
        parts.push(`${item}\n`);
        used += item.length + 1;
        kept++;
      }
      parts.push('\n');
      used += 1;
    } else full = true;
    if (kept < sec.items.length) cut.push(`${sec.items.length - kept} ${sec.noun}${sec.items.length - kept > 1 ? 's' : ''}`);
  }
  if (cut.length) parts.push(`> ✂️ **Truncated** to fit a pull-request comment (${limit} characters): ${cut.join(', ')} not shown. Run \`pilot plan\` (or \`pilot plan --json\`) for the whole plan.\n`);
  const text = parts.join('');
  return text.length <= limit ? text : `${text.slice(0, limit - 200)}\n\n> ✂️ **Truncated** at ${limit} characters.\n`;
}
