// Waypoint: per project and app, what changed in the waypoint.hcl pilot writes — apps added /
// removed / changed (which stanza), variables added / removed, project-level blocks. The files come
// from pilot's own HCL writer (one block per line start, strings double-quoted), so a small block
// splitter that respects strings is enough; tests parse the same files with HashiCorp's parser.
import type { ArtifactAction, StanzaChange, WaypointProjectChange } from './types.ts';

type Block = { kind: string; label?: string; text: string; children: Block[] };

/** Top-level blocks (and `key = value` lines as kind "attr:<key>") of an HCL body. */
export function splitBlocks(src: string): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < src.length) {
    const lineEnd = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
    const line = src.slice(i, lineEnd).trim();
    const header = /^([A-Za-z_][\w-]*)((?:\s+"(?:[^"\\]|\\.)*")*)\s*\{\s*$/.exec(line);
    if (header) {
      const end = matchBrace(src, src.indexOf('{', i));
      const text = src.slice(i, end + 1);
      const label = /"((?:[^"\\]|\\.)*)"/.exec(header[2])?.[1];
      out.push({ kind: header[1], label, text, children: splitBlocks(src.slice(src.indexOf('{', i) + 1, end)) });
      i = end + 1;
      continue;
    }
    const attr = /^([A-Za-z_][\w-]*)\s*=/.exec(line);
    if (attr) {
      // An attribute's value may span lines (maps, lists): take up to the balanced end.
      let j = i;
      let depth = 0;
      let inString = false;
      for (; j < src.length; j++) {
        const c = src[j];
        if (inString) {
          if (c === '\\') j++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[' || c === '(') depth++;
        else if (c === '}' || c === ']' || c === ')') depth--;
        else if (c === '\n' && depth <= 0) break;
      }
      out.push({ kind: `attr:${attr[1]}`, text: src.slice(i, j), children: [] });
      i = j + 1;
      continue;
    }
    i = lineEnd + 1;
  }
  return out;
}

function matchBrace(src: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let j = open; j < src.length; j++) {
    const c = src[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  return src.length - 1;
}

/** The Waypoint names of a waypoint.hcl's apps, in file order: the one reader of app blocks (plan, apply, destroy, history). */
export const appNamesOfHcl = (hcl: string): string[] => splitBlocks(hcl).flatMap((b) => (b.kind === 'app' && b.label ? [b.label] : []));

/** `waypoint/<project>.hcl` -> the project, for each waypoint.hcl artifact. */
export const WAYPOINT_ARTIFACT = /^waypoint\/(.+)\.hcl$/;

const byLabel = (blocks: Block[], kind: string) => new Map(blocks.filter((b) => b.kind === kind).map((b) => [b.label ?? '', b]));
const stanzaName = (b: Block) => (b.kind.startsWith('attr:') ? b.kind.slice(5) : b.kind);

/** Stanzas of an app that differ: build (and its registry), deploy, release, url, config, path... */
function stanzaDiff(before: Block, after: Block): string[] {
  const names = new Set([...before.children, ...after.children].map(stanzaName));
  const changed: string[] = [];
  for (const name of [...names].sort()) {
    const b = before.children.filter((c) => stanzaName(c) === name).map((c) => c.text).join('\n');
    const a = after.children.filter((c) => stanzaName(c) === name).map((c) => c.text).join('\n');
    if (a !== b) {
      // A registry change inside build is named on its own: it is where images are pushed.
      if (name === 'build') {
        const reg = (x: Block) => x.children.filter((c) => c.kind === 'registry').map((c) => c.text).join('\n');
        const bb = before.children.find((c) => c.kind === 'build');
        const ab = after.children.find((c) => c.kind === 'build');
        if (bb && ab && reg(bb) !== reg(ab)) changed.push('build.registry');
        if (!bb || !ab || bb.text.replace(reg(bb), '') !== ab.text.replace(reg(ab), '')) changed.push('build');
      } else changed.push(name);
    }
  }
  return changed;
}

/** The config app behind a Waypoint app name (which carries a hash suffix: names.ts waypointAppName). */
export type AppOrigin = (waypointName: string) => { app: string; configPath: string };

/** One project's change from its old and new waypoint.hcl text (either may be absent). */
export function diffWaypointProject(project: string, before: string | undefined, after: string | undefined, originOf: AppOrigin): WaypointProjectChange {
  const configPath = `projects.${project}`;
  const b = splitBlocks(before ?? '');
  const a = splitBlocks(after ?? '');
  const action: WaypointProjectChange['action'] = before === undefined ? 'add' : after === undefined ? 'remove' : before === after ? 'unchanged' : 'change';
  const vb = byLabel(b, 'variable');
  const va = byLabel(a, 'variable');
  const ab = byLabel(b, 'app');
  const aa = byLabel(a, 'app');
  const apps: StanzaChange[] = [];
  for (const app of [...new Set([...ab.keys(), ...aa.keys()])].sort()) {
    const x = ab.get(app);
    const y = aa.get(app);
    const act: ArtifactAction | undefined = !x ? 'add' : !y ? 'remove' : x.text !== y.text ? 'change' : undefined;
    if (act) {
      const origin = originOf(app);
      apps.push({ app: origin.app, waypointName: app, action: act, stanzas: x && y ? stanzaDiff(x, y) : [], configPath: origin.configPath });
    }
  }
  const projectStanzas: string[] = [];
  if (before !== undefined && after !== undefined) {
    const top = (blocks: Block[]) => blocks.filter((x) => x.kind !== 'app' && x.kind !== 'variable');
    const tb = top(b);
    const ta = top(a);
    for (const name of [...new Set([...tb, ...ta].map(stanzaName))].sort()) {
      const get = (blocks: Block[]) => blocks.filter((x) => stanzaName(x) === name).map((x) => x.text).join('\n');
      if (get(tb) !== get(ta)) projectStanzas.push(name);
    }
  }
  return {
    project,
    action,
    apps,
    variablesAdded: [...va.keys()].filter((k) => !vb.has(k)).sort(),
    variablesRemoved: [...vb.keys()].filter((k) => !va.has(k)).sort(),
    projectStanzas,
    configPath,
  };
}
