// A small typed HCL writer. Literals and expressions are different types, so a user's string can
// never turn into an expression: every literal is escaped (quotes, backslashes, control characters,
// and the template sequences `${` / `%{`).

import { escapeTemplate } from '../../compiler/canonical.ts';

/** A raw HCL expression such as `var.subnets` or `gitrefpretty()`. */
export type Expr = { readonly expr: string };
export const expr = (text: string): Expr => ({ expr: text });
export const isExpr = (v: unknown): v is Expr => typeof v === 'object' && v !== null && 'expr' in v;

export type Value = string | number | boolean | Expr | Value[] | { [key: string]: Value };
export type Attr = [name: string, value: Value];
export type Block = { type: string; labels?: string[]; attrs?: Attr[]; blocks?: Block[] };
export type Body = { attrs?: Attr[]; blocks?: Block[] };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f]/;

/** An HCL quoted string literal. */
export function quote(s: string): string {
  // Most strings need no escape: skip the walk (a large config quotes ~100,000 of them).
  if (!NEEDS_ESCAPE.test(s)) return `"${escapeTemplate(s)}"`;
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${escapeTemplate(out)}"`;
}

function key(k: string): string {
  return IDENT.test(k) ? k : quote(k);
}

function value(v: Value, indent: string): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`HCL cannot hold ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (isExpr(v)) return v.expr;
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => value(x, inner)).join(', ')}]`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  const width = Math.max(...entries.map(([k]) => key(k).length));
  return `{\n${entries.map(([k, x]) => `${inner}${key(k).padEnd(width)} = ${value(x, inner)}`).join('\n')}\n${indent}}`;
}

/** Appends the lines of `b` to `out`: attributes aligned on "=", then blocks, a blank line before each. */
function body(b: Body, indent: string, out: string[]): void {
  const start = out.length;
  const attrs = b.attrs ?? [];
  const width = Math.max(0, ...attrs.map(([k]) => k.length));
  for (const [k, v] of attrs) {
    if (!IDENT.test(k)) throw new Error(`invalid HCL attribute name ${JSON.stringify(k)}`);
    out.push(`${indent}${k.padEnd(width)} = ${value(v, indent)}`);
  }
  for (const block of b.blocks ?? []) {
    if (out.length > start) out.push('');
    renderBlock(block, indent, out);
  }
}

function renderBlock(b: Block, indent: string, out: string[]): void {
  if (!IDENT.test(b.type)) throw new Error(`invalid HCL block type ${JSON.stringify(b.type)}`);
  const head = [b.type, ...(b.labels ?? []).map(quote)].join(' ');
  // Always multi-line: a one-line block may hold at most one attribute and no nested block.
  out.push(`${indent}${head} {`);
  body(b, `${indent}  `, out);
  out.push(`${indent}}`);
}

/** Renders a whole file: top-level attributes, then blocks, one blank line between blocks. */
export function renderHcl(file: Body): string {
  const lines: string[] = [];
  body(file, '', lines);
  return `${lines.join('\n')}\n`;
}
