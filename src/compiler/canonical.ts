// One serialisation policy for every artifact: sorted keys, 2-space indent, "\n", one trailing newline.

/**
 * Code-point order, as Array.prototype.sort without a comparator: unlike localeCompare, the same on
 * every machine whatever its locale (and no ICU collator to load at start).
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * JSON with object keys sorted recursively (arrays keep their order), 2-space indent: exactly
 * `JSON.stringify(sortKeys(value), null, 2)`. The Terraform document of a large config is megabytes:
 * a sorted copy of all of it stays alive until written, and the garbage collector copies it again, so
 * only the top levels are walked here and each value below them (one resource's body) is copied and
 * written on its own, its copy dying young.
 */
export function stableStringify(value: unknown): string {
  return `${write(value, '\n', 0) ?? 'undefined'}\n`;
}

/** Levels written by the walk below; deeper values go through JSON.stringify whole. */
const WALKED_LEVELS = 3;

/** `value` as JSON.stringify writes it inside a container indented by `nl`; undefined where it writes nothing. */
function write(value: unknown, nl: string, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (depth >= WALKED_LEVELS) {
    const json = JSON.stringify(sortKeys(value), null, 2);
    // Only the layout has line breaks: JSON escapes those inside strings.
    return nl === '\n' ? json : json.replaceAll('\n', nl);
  }
  const inner = `${nl}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${inner}${write(value[i], inner, depth + 1) ?? 'null'}`;
    return `${out}${nl}]`;
  }
  let out = '';
  for (const key of jsonKeyOrder(Object.keys(value).sort())) {
    const v = write((value as Record<string, unknown>)[key], inner, depth + 1);
    if (v !== undefined) out += `${out ? ',' : ''}${inner}${JSON.stringify(key)}: ${v}`;
  }
  return out ? `{${out}${nl}}` : '{}';
}

/** A copy with keys sorted and undefined values dropped. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

// An object lists integer-like keys first, in numeric order, whatever order they were added in
// (ECMAScript's OrdinaryOwnPropertyKeys): so does the JSON of sortKeys' copy.
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
const isIndex = (k: string) => INDEX_KEY.test(k) && Number(k) < 2 ** 32 - 1;
function jsonKeyOrder(sorted: string[]): string[] {
  if (!sorted.some(isIndex)) return sorted;
  const indexes = sorted.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...sorted.filter((k) => !isIndex(k))];
}

/** Escapes Terraform/HCL template sequences in a literal string: `${` -> `$${`, `%{` -> `%%{`. */
export function escapeTemplate(s: string): string {
  // A function replacer: in a replacement *string* "$$" means one "$", so '$${' would write "${".
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Ensures exactly one trailing newline and "\n" line endings. */
export function normalizeNewlines(s: string): string {
  return `${s.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}
