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
  const record = value as Record<string, unknown>;
  const proto = Object.getPrototypeOf(value);
  // Anything but a plain object is copied from its own keys, as the full copy did: a Date or an
  // object with toJSON is written as its own keys.
  if (proto !== Object.prototype && proto !== null) return sortedCopy(Object.keys(record).map((k) => [k, sorted(record[k])]));
  // A plain object whose keys are in order and hold no undefined is written as it is, checked without
  // allocating (most of a large Terraform document is). Each value is sorted once, copy or not.
  let copy: Array<[string, unknown]> | undefined;
  let previous: string | undefined;
  for (const key in record) {
    const v = record[key];
    const s = sorted(v);
    if (!copy && (s !== v || v === undefined || (previous !== undefined && previous >= key))) {
      copy = [];
      for (const before in record) {
        if (before === key) break;
        copy.push([before, record[before]]);
      }
    }
    copy?.push([key, s]);
    previous = key;
  }
  return copy ? sortedCopy(copy) : value;
}

function sortedCopy(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries.sort(([a], [b]) => byCodePoint(a, b))) if (v !== undefined) out[key] = v;
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
