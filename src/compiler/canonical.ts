// One serialisation policy for every artifact: sorted keys, 2-space indent, "\n", one trailing newline.

/**
 * Code-point order, as Array.prototype.sort without a comparator: unlike localeCompare, the same on
 * every machine whatever its locale (and no ICU collator to load at start).
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted recursively (arrays keep their order), 2-space indent. */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sorted(value), null, 2)}\n`;
}

/**
 * `value` with object keys sorted and undefined values dropped, for JSON.stringify, which writes it
 * exactly as it would a full key-sorted copy. Only what is out of order is copied: most of a
 * Terraform document of megabytes already is in order, and a copy of all of it stayed alive until
 * written (the garbage collector copied it again).
 */
function sorted(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const s = sorted(value[i]);
      if (s !== value[i]) (copy ??= [...value])[i] = s;
    }
    return copy ?? value;
  }
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  // A plain object whose keys are in order and hold no undefined is written as it is. (Anything else
  // is copied, as the full copy did: a Date or an object with toJSON is written as its own keys.)
  const proto = Object.getPrototypeOf(value);
  let values: unknown[] | undefined = proto === Object.prototype || proto === null ? undefined : [];
  for (let i = 0; i < keys.length; i++) {
    const v = record[keys[i]];
    const s = sorted(v);
    if (!values && (s !== v || v === undefined || (i > 0 && keys[i - 1] >= keys[i]))) values = keys.slice(0, i).map((k) => record[k]);
    values?.push(s);
  }
  if (!values) return value;
  const out: Record<string, unknown> = {};
  for (const i of keys.map((_, i) => i).sort((x, y) => byCodePoint(keys[x], keys[y]))) if (values[i] !== undefined) out[keys[i]] = values[i];
  return out;
}

/** Escapes Terraform/HCL template sequences in a literal string: `${` -> `$${`, `%{` -> `%%{`. */
export function escapeTemplate(s: string): string {
  if (!s.includes('{')) return s;
  // A function replacer: in a replacement *string* "$$" means one "$", so '$${' would write "${".
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Ensures exactly one trailing newline and "\n" line endings. */
export function normalizeNewlines(s: string): string {
  return `${s.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}
