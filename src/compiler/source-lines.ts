// Finds the line of a config path in pilot.config.ts's source text, for diagnostics on plain object
// literals (builders record their own call site). A heuristic: each path segment is looked up as an
// object key after the previous one's position. Pure.

export type LineMatch = { line: number; column: number; complete: boolean };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function findPathLine(source: string, path: Array<string | number>): LineMatch | undefined {
  let pos = 0;
  let found: LineMatch | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') break;
    const re = new RegExp(`(?:^|[\\s{,(])(?:${escapeRe(seg)}|'${escapeRe(seg)}'|"${escapeRe(seg)}")\\s*:`, 'gm');
    re.lastIndex = pos;
    const m = re.exec(source);
    if (!m) return found && { ...found, complete: false };
    const start = m.index + m[0].search(/[^\s{,(]/);
    pos = m.index + m[0].length;
    found = { ...lineCol(source, start), complete: true };
  }
  return found;
}

function lineCol(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function lineText(source: string, line: number): string | undefined {
  return source.split('\n')[line - 1];
}
