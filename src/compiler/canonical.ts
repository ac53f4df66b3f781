// One serialisation policy for every artifact: sorted keys, 2-space indent, "\n", one trailing newline.

/**
 * Code-point order, as Array.prototype.sort without a comparator: unlike localeCompare, the same on
 * every machine whatever its locale (and no ICU collator to load at start).
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted recursively (arrays keep their order). */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export function sortKeys(value: unknown): unknown {
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

/** Escapes Terraform/HCL template sequences in a literal string: `${` -> `$${`, `%{` -> `%%{`. */
export function escapeTemplate(s: string): string {
  // A function replacer: in a replacement *string* "$$" means one "$", so '$${' would write "${".
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Ensures exactly one trailing newline and "\n" line endings. */
export function normalizeNewlines(s: string): string {
  return `${s.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}
