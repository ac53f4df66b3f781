// "Did you mean ...?" for unknown config keys: walks the zod schema along the path (choosing the
// variant of a discriminated union from the data) and picks the closest known key. Pure.
import type { z } from 'zod/mini';

type Def = { type: string; [key: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodMiniType): z.ZodMiniType {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable' || def.type === 'readonly') s = def.innerType as z.ZodMiniType;
    else if (def.type === 'pipe') s = def.in as z.ZodMiniType;
    else return s;
  }
}

function pickVariant(schema: z.ZodMiniType, data: unknown): z.ZodMiniType | undefined {
  const def = defOf(schema);
  const disc = def.discriminator as string | undefined;
  const options = def.options as z.ZodMiniType[];
  if (!disc || data === null || typeof data !== 'object') return undefined;
  const value = (data as Record<string, unknown>)[disc];
  return options.find((o) => {
    const lit = defOf(unwrap((defOf(o).shape as Record<string, z.ZodMiniType>)[disc]));
    return (lit.values as unknown[] | undefined)?.includes(value);
  });
}

/** The object schema at `path` in `data`, if the path leads to one. */
function objectAt(root: z.ZodMiniType, data: unknown, path: Array<string | number>): Record<string, z.ZodMiniType> | undefined {
  let schema: z.ZodMiniType | undefined = root;
  let cur = data;
  for (let i = 0; i <= path.length && schema; i++) {
    schema = unwrap(schema);
    let def = defOf(schema);
    if (def.type === 'union') {
      schema = pickVariant(schema, cur);
      if (!schema) return undefined;
      def = defOf(schema);
    }
    if (i === path.length) return def.type === 'object' ? (def.shape as Record<string, z.ZodMiniType>) : undefined;
    const seg = path[i];
    if (def.type === 'object') schema = (def.shape as Record<string, z.ZodMiniType>)[seg as string];
    else if (def.type === 'record') schema = def.valueType as z.ZodMiniType;
    else if (def.type === 'array') schema = def.element as z.ZodMiniType;
    else return undefined;
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  }
  return undefined;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

const squash = (s: string) => s.toLowerCase().replace(/[_-]/g, '');

/** The known key closest to `key` among the keys allowed at `path`, if one is close enough. */
export function suggestKey(root: z.ZodMiniType, data: unknown, path: Array<string | number>, key: string): string | undefined {
  const shape = objectAt(root, data, path);
  if (!shape) return undefined;
  const known = Object.keys(shape);
  const same = known.find((k) => squash(k) === squash(key));
  if (same) return same;
  const scored = known.map((k) => [k, distance(key.toLowerCase(), k.toLowerCase())] as const).sort((a, b) => a[1] - b[1]);
  const best = scored[0];
  return best && best[1] <= Math.max(1, Math.floor(key.length / 3)) ? best[0] : undefined;
}

/** Every key allowed at `path`, for a hint when nothing is close. */
export function knownKeys(root: z.ZodMiniType, data: unknown, path: Array<string | number>): string[] {
  return Object.keys(objectAt(root, data, path) ?? {});
}
