// The local store: `.pilot/state/` next to pilot.config.ts. Writes are atomic (temp file in the same
// directory + fsync + rename + fsync of the directory), so a crash leaves the old or the new text,
// never half of one. Create-if-absent uses O_EXCL (`wx`), which the OS makes atomic; a version is the
// sha256 of the text. A conditional overwrite compares then renames: two processes racing on the
// same key are kept apart by the lock, which is itself taken with O_EXCL.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Blob, type BlobStore, ConflictError, type PutOptions } from './blob.ts';

const versionOf = (text: string) => createHash('sha256').update(text).digest('hex');

export class LocalBlobStore implements BlobStore {
  constructor(readonly where: string) {}

  describe(key: string): string {
    return join(this.where, key);
  }

  async get(key: string): Promise<Blob | null> {
    let text: string;
    try {
      text = readFileSync(join(this.where, key), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return { text, version: versionOf(text) };
  }

  async put(key: string, text: string, options: PutOptions = {}): Promise<{ version: string }> {
    const file = join(this.where, key);
    mkdirSync(dirname(file), { recursive: true });
    if (options.ifVersion === null) {
      let fd: number;
      try {
        fd = openSync(file, 'wx', 0o600);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ConflictError(key);
        throw e;
      }
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      fsyncDir(dirname(file));
      return { version: versionOf(text) };
    }
    if (options.ifVersion !== undefined) {
      const current = await this.get(key);
      if (!current || current.version !== options.ifVersion) throw new ConflictError(key);
    }
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    fsyncDir(dirname(file));
    return { version: versionOf(text) };
  }

  async delete(key: string, options: { ifVersion?: string } = {}): Promise<void> {
    if (options.ifVersion !== undefined) {
      const current = await this.get(key);
      if (!current) return;
      if (current.version !== options.ifVersion) throw new ConflictError(key);
    }
    rmSync(join(this.where, key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const dir = join(this.where, prefix);
    try {
      return readdirSync(dir).filter((n) => !n.endsWith('.tmp')).map((n) => `${prefix.replace(/\/?$/, '/')}${n}`).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }
}

function fsyncDir(dir: string): void {
  // Makes the rename itself durable; some filesystems refuse fsync on a directory, which is harmless.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}
