// Reads the build output: every regular file under the output directory with its MD5.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { LocalFile } from './sync-plan.ts';

export class MissingOutputError extends Error {}

export async function listLocalFiles(root: string): Promise<LocalFile[]> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new MissingOutputError(`output directory ${root} does not exist: check --out-dir and the build script`);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: LocalFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const body = await readFile(path);
    files.push({ key: relative(root, path).split(sep).join('/'), md5: md5Hex(body), size: body.length });
  }
  if (files.length === 0) throw new MissingOutputError(`output directory ${root} is empty: refusing to delete the whole site`);
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function md5Hex(body: Buffer): string {
  return createHash('md5').update(body).digest('hex');
}
