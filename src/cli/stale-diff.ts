// Unified diffs of the files `compile --check` found stale, so a CI log shows what changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Artifact } from '../compiler/artifact.ts';

const MAX_LINES_PER_FILE = 60;

export function staleDiffs(outDir: string, changed: string[], artifacts: Artifact[]): string {
  const wanted = new Map(artifacts.map((a) => [a.path, a.contents]));
  return changed
    .map((path) => {
      const patch = createTwoFilesPatch(`${path} (on disk)`, `${path} (from config)`, readFileSync(join(outDir, path), 'utf8'), wanted.get(path) ?? '', undefined, undefined, { context: 2 });
      // Keep the "---"/"+++" header a diff reader expects; drop only the "Index:"/"=====" banner.
      const lines = patch
        .split('\n')
        .filter((l, i) => i > 1 || !/^(Index: |={10,})/.test(l))
        .map((l, i) => (i < 2 ? l.replace(/\t$/, '') : l)); // jsdiff ends the --- and +++ lines with a tab
      const cut = lines.length > MAX_LINES_PER_FILE ? [...lines.slice(0, MAX_LINES_PER_FILE), `... ${lines.length - MAX_LINES_PER_FILE} more lines`] : lines;
      return cut.join('\n').trimEnd();
    })
    .join('\n\n');
}
