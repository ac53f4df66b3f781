// The tar archives a container build exchanges with Docker: the app's sources going in, the build
// output coming back.
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, readlink, realpath, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, pack, type Header } from 'tar-stream';

export type Owner = { uid: number; gid: number };

/**
 * A tar of `dir` whose entries sit under `root/`, all owned by `owner`: Docker's archive upload
 * (PUT /containers/{id}/archive) chowns every entry to its header's uid/gid (moby pkg/archive
 * createTarFile, Lchown unless NoLchown, which the copy API leaves off), so the build user can write
 * the sources it is given. Directories, regular files and symlinks; set-id bits are dropped.
 */
export function packDirectory(dir: string, root: string, owner: Owner): Readable {
  const tar = pack();
  const add = (header: Partial<Header> & Pick<Header, 'name'>, from?: string) => new Promise<void>((done, fail) => {
    const entry = tar.entry({ ...header, uid: owner.uid, gid: owner.gid }, (error) => (error ? fail(error) : done()));
    // Directories and symlinks have no body: tar-stream finishes their entry itself.
    if (from) createReadStream(from).on('error', fail).pipe(entry as unknown as NodeJS.WritableStream);
  });
  const walk = async (path: string, name: string): Promise<void> => {
    const info = await lstat(path);
    const mode = info.mode & 0o777;
    if (info.isDirectory()) {
      await add({ name: `${name}/`, type: 'directory', mode, mtime: info.mtime });
      for (const child of (await readdir(path)).sort()) await walk(join(path, child), `${name}/${child}`);
    } else if (info.isFile()) {
      await add({ name, type: 'file', mode, size: info.size, mtime: info.mtime }, path);
    } else if (info.isSymbolicLink()) {
      await add({ name, type: 'symlink', linkname: await readlink(path), mode, mtime: info.mtime });
    }
  };
  walk(dir, root).then(() => tar.finalize(), (error: Error) => tar.destroy(error));
  return tar as unknown as Readable;
}

export class UnsafeArchiveError extends Error {}

/**
 * Replaces `destination` with the contents of a tar whose entries sit under `root/` (as Docker's
 * GET /containers/{id}/archive names them after the path's base name). Only regular files and
 * directories are written, never outside `destination`; links and devices are skipped.
 */
export async function extractDirectory(source: Readable, root: string, destination: string, within: string): Promise<number> {
  // A checked-out symlink on the way (say `dist -> /etc` for --out-dir dist/site) must lead neither
  // the removal of the old output nor the extraction elsewhere: refused before anything is touched.
  let on = within;
  for (const part of relative(within, destination).split(sep)) {
    on = join(on, part);
    if ((await lstat(on).catch(() => undefined))?.isSymbolicLink()) throw new UnsafeArchiveError(`${on} is a symbolic link: the build output must be a directory of its own inside ${within}`);
  }
  await rm(destination, { recursive: true, force: true });
  await mkdir(destination, { recursive: true });
  const [real, base] = await Promise.all([realpath(destination), realpath(within)]);
  if (!real.startsWith(base + sep)) throw new UnsafeArchiveError(`${destination} resolves to ${real}, outside ${within}`);
  const entries = extract();
  source.on('error', (error) => entries.destroy(error));
  source.pipe(entries as unknown as NodeJS.WritableStream);
  let files = 0;
  for await (const entry of entries) {
    const path = entryPath(entry.header.name, root);
    if (path !== undefined && entry.header.type === 'directory') {
      await mkdir(join(real, ...path), { recursive: true });
    } else if (path !== undefined && path.length > 0 && entry.header.type === 'file') {
      await mkdir(join(real, ...path.slice(0, -1)), { recursive: true });
      await pipeline(entry, createWriteStream(join(real, ...path), { mode: 0o644 }));
      files++;
      continue;
    }
    entry.resume();
  }
  return files;
}

/** The entry's path below `root/` as segments, or undefined for anything else (an error if it climbs). */
function entryPath(name: string, root: string): string[] | undefined {
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..') || name.startsWith('/')) throw new UnsafeArchiveError(`archive entry ${JSON.stringify(name)} leaves its directory`);
  if (segments[0] !== root) return undefined;
  return segments.slice(1);
}
