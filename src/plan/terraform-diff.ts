// Terraform resources of two main.tf.json texts, by address: create / update (which arguments) /
// replace (which argument forced it) / delete. Static: it compares configuration, not live state;
// `pilot plan --terraform` adds Terraform's own plan.
import { stableStringify } from '../compiler/canonical.ts';
import { forcingPaths } from './force-new.ts';
import type { ResourceChange } from './types.ts';

type Body = Record<string, unknown>;
type Resources = Map<string, { type: string; body: Body }>;

/** Meta-arguments and comments: not provider arguments. */
const META = new Set(['//', 'count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioner', 'connection']);

export function resourcesOf(mainTfJson: string | undefined): Resources {
  const out: Resources = new Map();
  if (!mainTfJson) return out;
  const doc = JSON.parse(mainTfJson) as { resource?: Record<string, Record<string, Body>> };
  for (const [type, byName] of Object.entries(doc.resource ?? {})) for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, { type, body });
  return out;
}

const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);
const isObject = (v: unknown): v is Body => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A nested block as Terraform JSON writes it: an object, or a one-element list of one. */
const asBlock = (v: unknown): Body | undefined => (isObject(v) ? v : Array.isArray(v) && v.length === 1 && isObject(v[0]) ? v[0] : undefined);

/** Changed argument paths: top-level names, plus "block.arg" for arguments inside a changed block. */
export function changedPaths(before: Body, after: Body): string[] {
  const ignored = new Set<string>(((asBlock(after.lifecycle)?.ignore_changes as string[] | undefined) ?? []).filter((x) => typeof x === 'string'));
  const out: string[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (META.has(key) || ignored.has(key) || same(before[key], after[key])) continue;
    out.push(key);
    const b = asBlock(before[key]);
    const a = asBlock(after[key]);
    if (a && b) for (const sub of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) if (!same(a[sub], b[sub])) out.push(`${key}.${sub}`);
  }
  return out;
}

/** Resource changes between two main.tf.json texts, sorted by address. */
export function diffResources(before: string | undefined, after: string | undefined, configPathOf: (address: string) => string): ResourceChange[] {
  const old = resourcesOf(before);
  const now = resourcesOf(after);
  const out: ResourceChange[] = [];
  for (const address of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const b = old.get(address);
    const a = now.get(address);
    const type = (a ?? b)!.type;
    const configPath = configPathOf(address);
    if (!b) out.push({ address, type, action: 'create', attributes: [], forcedBy: [], configPath });
    else if (!a) out.push({ address, type, action: 'delete', attributes: [], forcedBy: [], configPath });
    else {
      const paths = changedPaths(b.body, a.body);
      if (!paths.length) continue;
      // A type without a table entry is treated as replaced: the safe assumption (a test keeps the table complete).
      const forced = forcingPaths(type, paths, a.body) ?? paths.filter((p) => !p.includes('.'));
      out.push({ address, type, action: forced.length ? 'replace' : 'update', attributes: paths.filter((p) => !p.includes('.') || forced.includes(p)), forcedBy: forced, configPath });
    }
  }
  return out;
}

/** The body of `address` in a main.tf.json text (for danger and security checks). */
/** `module.x.aws_instance.server[0]` -> `aws_instance.server`: a real plan's address as pilot's root module names it. */
export const bareAddress = (address: string) => address.replace(/\[[^\]]*\]/g, '').replace(/^(module\.[^.]+\.)+/, '');

/** A real plan's entry that changes something (Terraform lists no-op and read entries too). */
export const isRealChange = (r: { actions: string[] }) => !(r.actions.length === 1 && (r.actions[0] === 'no-op' || r.actions[0] === 'read'));

export const bodyOf = (resources: Resources, address: string): Body | undefined => resources.get(address)?.body;
