// Writes artifacts atomically: everything goes to a sibling temp directory first, which then
// replaces the output directory in one rename. A failure never leaves a half-written tree.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Artifact } from '../compiler/artifact.ts';

export function writeArtifacts(outDir: string, artifacts: Artifact[]): void {
  const tmp = `${outDir}.tmp-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    // One mkdir per directory, not per file: a large config writes a hundred files into waypoint/.
    const made = new Set<string>();
    for (const a of artifacts) {
      const file = join(tmp, a.path);
      const dir = dirname(file);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      writeFileSync(file, a.contents);
    }
    mkdirSync(dirname(outDir), { recursive: true });
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(tmp, outDir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(outDir)) renameSync(old, outDir);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

export type Staleness = { changed: string[]; missing: string[]; extra: string[] };

/** How the tree on disk differs from what the config compiles to. */
export function compareArtifacts(outDir: string, artifacts: Artifact[]): Staleness {
  const onDisk = existsSync(outDir) ? listFiles(outDir).map((f) => relative(outDir, f).split('\\').join('/')) : [];
  const want = new Map(artifacts.map((a) => [a.path, a.contents]));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [path, contents] of want) {
    const file = join(outDir, path);
    if (!existsSync(file)) missing.push(path);
    else if (readFileSync(file, 'utf8') !== contents) changed.push(path);
  }
  const extra = onDisk.filter((p) => !want.has(p)).sort();
  return { changed, missing, extra };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}
