// The apply lock: one JSON document in the store, created only if absent (a conditional put), so two
// applies can never both hold it. It names its holder and expires, so a crashed apply blocks others
// only until its expiry; an expired lock is taken over (conditionally on the version read, so two
// takers cannot both win) and the taker is warned.
import { randomBytes } from 'node:crypto';
import { z } from 'zod/mini';
import { CODES, error, PilotError, warning, type Diagnostic } from '../compiler/diagnostics.ts';
import { type BlobStore, ConflictError } from './blob.ts';

export const LOCK_KEY = 'lock.json';

export const lockInfoSchema = z.strictObject({
  /** Random, per acquisition: release and refresh act only on the lock this process took. */
  id: z.string(),
  /** Who: "alice <alice@acme.dev>", "github-actions (acme/infra run 42)". */
  holder: z.string(),
  host: z.string(),
  pid: z.number().check(z.int()),
  /** What for, e.g. "apply". */
  operation: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
});
export type LockInfo = z.output<typeof lockInfoSchema>;

export type AcquireOptions = {
  holder: string;
  host: string;
  pid: number;
  operation: string;
  /** How long the lock lasts without a refresh. */
  ttlMs: number;
  /** Keep trying this long while someone else holds it (`--wait`); 0 = fail at once. */
  waitMs?: number;
  /** Poll interval while waiting. */
  pollMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Told once when another holder makes us wait. */
  onWait?: (held: LockInfo) => void;
  /** Warnings (an expired lock taken over). */
  onWarning?: (d: Diagnostic) => void;
};

/** A held lock. `refresh` extends it (long applies); `release` deletes it if it is still ours. */
export type HeldLock = {
  readonly info: LockInfo;
  refresh(ttlMs: number): Promise<void>;
  release(): Promise<void>;
};

const describeHolder = (l: LockInfo) => `${l.holder} on ${l.host} (pid ${l.pid}, ${l.operation} since ${l.startedAt}, expires ${l.expiresAt})`;

/** Reads the lock; a lock document that cannot be parsed counts as held by "unknown" until removed. */
export async function readLock(blobs: BlobStore): Promise<{ info: LockInfo; version: string } | null> {
  const blob = await blobs.get(LOCK_KEY);
  if (!blob) return null;
  let parsed: LockInfo | undefined;
  try {
    const r = lockInfoSchema.safeParse(JSON.parse(blob.text));
    if (r.success) parsed = r.data;
  } catch {
    /* unreadable: handled below */
  }
  if (!parsed) {
    throw new PilotError([
      error(CODES.RECORD_CORRUPT, `The lock at ${blobs.describe(LOCK_KEY)} cannot be read`, { hint: 'If no apply is running, remove it with pilot unlock' }),
    ]);
  }
  return { info: parsed, version: blob.version };
}

export async function acquireLock(blobs: BlobStore, o: AcquireOptions): Promise<HeldLock> {
  const now = o.now ?? (() => new Date());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now().getTime() + (o.waitMs ?? 0);
  let told = false;
  for (;;) {
    const start = now();
    const info: LockInfo = {
      id: randomBytes(8).toString('hex'),
      holder: o.holder,
      host: o.host,
      pid: o.pid,
      operation: o.operation,
      startedAt: start.toISOString(),
      expiresAt: new Date(start.getTime() + o.ttlMs).toISOString(),
    };
    const text = `${JSON.stringify(info, null, 2)}\n`;
    const existing = await readLock(blobs);
    try {
      if (!existing) {
        const { version } = await blobs.put(LOCK_KEY, text, { ifVersion: null });
        return held(blobs, info, version);
      }
      if (Date.parse(existing.info.expiresAt) <= start.getTime()) {
        const { version } = await blobs.put(LOCK_KEY, text, { ifVersion: existing.version });
        o.onWarning?.(
          warning(CODES.LOCK_TAKEN_OVER, `Took over an expired lock held by ${describeHolder(existing.info)}`, {
            hint: 'That run may have crashed midway; this run converges from where it stopped',
          }),
        );
        return held(blobs, info, version);
      }
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      continue; // someone else moved first: look again
    }
    if (now().getTime() >= deadline) {
      throw new PilotError([
        error(CODES.LOCK_HELD, `The record at ${blobs.where} is locked by ${describeHolder(existing.info)}`, {
          hint: 'Wait for it with --wait 10m; if that run is gone, pilot unlock removes the lock',
        }),
      ]);
    }
    if (!told) o.onWait?.(existing.info);
    told = true;
    await sleep(Math.min(o.pollMs ?? 2000, Math.max(1, deadline - now().getTime())));
  }
}

function held(blobs: BlobStore, first: LockInfo, firstVersion: string): HeldLock {
  let info = first;
  let version = firstVersion;
  const lost = () =>
    new PilotError([error(CODES.LOCK_LOST, `The lock at ${blobs.describe(LOCK_KEY)} is no longer held by this run (it expired and was taken over, or was removed)`, { hint: 'Rerun; nothing was recorded after the lock was lost' })]);
  return {
    get info() {
      return info;
    },
    async refresh(ttlMs) {
      const next = { ...info, expiresAt: new Date(Date.now() + ttlMs).toISOString() };
      try {
        version = (await blobs.put(LOCK_KEY, `${JSON.stringify(next, null, 2)}\n`, { ifVersion: version })).version;
      } catch (e) {
        if (e instanceof ConflictError) throw lost();
        throw e;
      }
      info = next;
    },
    async release() {
      const current = await readLock(blobs).catch(() => null);
      if (!current || current.info.id !== info.id) return; // not ours any more: leave it alone
      await blobs.delete(LOCK_KEY, { ifVersion: current.version }).catch((e) => {
        if (!(e instanceof ConflictError)) throw e;
      });
    },
  };
}

/** Removes the lock whoever holds it (`pilot unlock`, after the CLI confirmed). Returns what it removed. */
export async function forceUnlock(blobs: BlobStore): Promise<LockInfo | null> {
  const blob = await blobs.get(LOCK_KEY);
  if (!blob) return null;
  await blobs.delete(LOCK_KEY);
  try {
    return lockInfoSchema.parse(JSON.parse(blob.text));
  } catch {
    return null;
  }
}

/**
 * Refreshes `lock` every ttl/3 while a long run holds it, so an apply or destroy that outlasts the
 * TTL (a slow terraform apply, a long wait for the server) is not taken over as expired. Refreshes
 * run one at a time (each is a conditional write on the version the previous one returned). A failed
 * refresh (the lock was lost) is kept and thrown by `check()` and `refreshNow()`, which the run calls
 * before it writes anything that must happen under the lock.
 */
export function keepAlive(lock: HeldLock, ttlMs: number, intervalMs = Math.max(1, Math.floor(ttlMs / 3))): { check(): void; refreshNow(): Promise<void>; stop(): void } {
  let failure: unknown;
  let chain: Promise<void> = Promise.resolve();
  const refresh = () => {
    chain = chain.then(() => (failure ? undefined : lock.refresh(ttlMs).catch((e: unknown) => void (failure = e))));
    return chain;
  };
  const check = () => {
    if (failure) throw failure;
  };
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref(); // never keeps the process alive by itself
  return {
    check,
    async refreshNow() {
      await refresh();
      check();
    },
    stop: () => clearInterval(timer),
  };
}
