// Golden files under snapshots/. A missing golden file fails (never created silently);
// UPDATE_SNAPSHOTS=1 rewrites them, and the diff is read before it is committed.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SNAPSHOTS = join(ROOT, 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

export function assertGolden(relPath: string, actual: string): void {
  const file = join(SNAPSHOTS, relPath);
  if (UPDATE) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.unreachable(`missing golden file snapshots/${relPath}: run UPDATE_SNAPSHOTS=1 npm test and review the new file`);
  assert.fixture(actual, readFileSync(file, 'utf8'), `snapshots/${relPath} differs`);
}

/** Golden files under snapshots/<dir> that `expected` does not name. */
export function orphanedGoldens(dir: string, expected: string[]): string[] {
  const base = join(SNAPSHOTS, dir);
  if (!existsSync(base)) return [];
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [relative(SNAPSHOTS, join(d, n))]));
  const want = new Set(expected);
  return walk(base).filter((f) => !want.has(f));
}
