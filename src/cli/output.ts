// Renders diagnostics and results for people (one block per diagnostic) or machines (--json).
// The only place that formats a Diagnostic.
import { relative } from 'node:path';
import type { Diagnostic } from '../compiler/diagnostics.ts';

export type OutputOptions = { json: boolean; color: boolean; cwd: string };

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

export function formatDiagnostic(d: Diagnostic, o: OutputOptions): string {
  const where = d.loc ? [relative(o.cwd, d.loc.file) || d.loc.file, d.loc.line, d.loc.column].filter((x) => x !== undefined).join(':') : '';
  const mark = d.severity === 'error' ? paint(o.color, 31, '✖') : paint(o.color, 33, '⚠');
  const head = [mark, where, d.path ? paint(o.color, 36, d.path) : '', d.message, paint(o.color, 2, `[${d.code}]`)].filter(Boolean).join('  ');
  const lines = [head];
  if (d.lineText !== undefined && d.loc?.line !== undefined) {
    const n = String(d.loc.line);
    lines.push(`  ${paint(o.color, 2, `${n} |`)} ${d.lineText}`);
    if (d.loc.column) lines.push(`  ${' '.repeat(n.length)} ${paint(o.color, 2, '|')} ${' '.repeat(Math.max(0, d.loc.column - 1))}${paint(o.color, 31, '^')}`);
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

export function formatDiagnostics(ds: Diagnostic[], o: OutputOptions): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.length - errors;
  const summary = [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
  return `${ds.map((d) => formatDiagnostic(d, o)).join('\n\n')}\n\n${summary}\n`;
}

/** Diagnostics for --json: file paths relative to the working directory, like the human form. */
export function diagnosticsToJson(ds: Diagnostic[], cwd: string): Diagnostic[] {
  return ds.map((d) => (d.loc ? { ...d, loc: { ...d.loc, file: relative(cwd, d.loc.file) || d.loc.file } } : d));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
