// The record store over any BlobStore: the current record (`record.json`), a bounded history of
// applied records (`history/<serial>.json`, newest N kept) and the lock (`lock.json`).
// Writing a record is a compare-and-swap on the record's hash as read, so an apply computed against
// one record can never overwrite another one written meanwhile.
import { CODES, error, PilotError } from '../compiler/diagnostics.ts';
import { type BlobStore, ConflictError } from './blob.ts';
import { type AcquireOptions, acquireLock, forceUnlock, type HeldLock, type LockInfo, readLock } from './lock.ts';
import { recordCounts, type RecordCounts } from './counts.ts';
import { parseRecord, type PilotRecord, recordHash, serializeRecord } from './record.ts';

export const RECORD_KEY = 'record.json';
export const HISTORY_DIR = 'history';
export const DEFAULT_HISTORY = 20;

const historyKey = (serial: number) => `${HISTORY_DIR}/${String(serial).padStart(8, '0')}.json`;

/** The current record with the hash a saved plan pins and a write compares against. */
export type CurrentRecord = { record: PilotRecord; hash: string };

/** What `pilot history` lists (newest first): a readable record's summary, or why one could not be read. */
export type HistoryEntry =
  | ({
      serial: number;
      appliedAt: string;
      appliedBy: PilotRecord['appliedBy'];
      pilotVersion: string;
      artifacts: number;
      hash: string;
    } & RecordCounts)
  | { serial: number; /** Why this history file could not be read (corrupt, or from a newer pilot). */ unreadable: string };

export class RecordStore {
  constructor(
    readonly blobs: BlobStore,
    /** How many applied records history keeps (config: state.history). */
    readonly historyLimit: number = DEFAULT_HISTORY,
  ) {}

  get where(): string {
    return this.blobs.where;
  }

  /** The current record, or null before the first apply. Corrupt / newer-version records throw PilotError. */
  async read(): Promise<CurrentRecord | null> {
    const blob = await this.guard(() => this.blobs.get(RECORD_KEY));
    if (!blob) return null;
    return { record: parseRecord(blob.text, this.blobs.describe(RECORD_KEY)), hash: recordHash(blob.text) };
  }

  /**
   * Writes `record` as the current one if the stored record's hash is still `expectedHash` (null = there
   * must be none yet). Throws PilotError RECORD_CONFLICT otherwise. Then adds it to history and trims it.
   * Returns the new record's hash.
   */
  async write(record: PilotRecord, expectedHash: string | null): Promise<string> {
    const text = serializeRecord(record);
    const conflict = () =>
      new PilotError([
        error(CODES.RECORD_CONFLICT, `The record at ${this.blobs.describe(RECORD_KEY)} changed while this run was working (someone else applied)`, {
          hint: 'Run pilot plan again and review the new changes',
        }),
      ]);
    const current = await this.guard(() => this.blobs.get(RECORD_KEY));
    const currentHash = current ? recordHash(current.text) : null;
    if (currentHash !== expectedHash) throw conflict();
    try {
      await this.guard(() => this.blobs.put(RECORD_KEY, text, { ifVersion: current ? current.version : null }));
    } catch (e) {
      if (e instanceof ConflictError) throw conflict();
      throw e;
    }
    // History after the record: a crash here loses one history entry, never the record.
    await this.guard(() => this.blobs.put(historyKey(record.serial), text));
    await this.trim();
    return recordHash(text);
  }

  /** Applied records, newest first (at most historyLimit). */
  async history(): Promise<HistoryEntry[]> {
    const keys = await this.guard(() => this.blobs.list(`${HISTORY_DIR}/`));
    const out: HistoryEntry[] = [];
    for (const key of keys.filter((k) => k.endsWith('.json')).reverse()) {
      const blob = await this.guard(() => this.blobs.get(key));
      if (!blob) continue;
      let r: PilotRecord;
      try {
        r = parseRecord(blob.text, this.blobs.describe(key));
      } catch (e) {
        // One bad file must not hide the others: it is listed as unreadable, by the serial in its name.
        if (!(e instanceof PilotError)) throw e;
        out.push({ serial: Number(/(\d+)\.json$/.exec(key)?.[1] ?? 0), unreadable: e.diagnostics[0]?.message ?? 'unreadable' });
        continue;
      }
      out.push({ serial: r.serial, appliedAt: r.appliedAt, appliedBy: r.appliedBy, pilotVersion: r.pilotVersion, artifacts: r.artifacts.length, ...recordCounts(r), hash: recordHash(blob.text) });
    }
    return out;
  }

  /** The applied record number `serial` from history (`pilot plan --against N`). */
  async readHistory(serial: number): Promise<CurrentRecord> {
    const key = historyKey(serial);
    const blob = await this.guard(() => this.blobs.get(key));
    if (!blob) {
      throw new PilotError([error(CODES.HISTORY_NOT_FOUND, `No applied record number ${serial} in ${this.blobs.where} (history keeps the last ${this.historyLimit})`, { hint: 'pilot history lists the records kept' })]);
    }
    return { record: parseRecord(blob.text, this.blobs.describe(key)), hash: recordHash(blob.text) };
  }

  private async trim(): Promise<void> {
    const keys = (await this.blobs.list(`${HISTORY_DIR}/`)).filter((k) => k.endsWith('.json'));
    for (const key of keys.slice(0, Math.max(0, keys.length - this.historyLimit))) await this.blobs.delete(key);
  }

  /** Takes the lock (see lock.ts); always release it in a finally. */
  lock(options: AcquireOptions): Promise<HeldLock> {
    return this.guard(() => acquireLock(this.blobs, options));
  }

  /** Who holds the lock, if anyone. */
  async lockHolder(): Promise<LockInfo | null> {
    return (await this.guard(() => readLock(this.blobs)))?.info ?? null;
  }

  /** Removes the lock regardless of holder (`pilot unlock`, after confirmation). */
  forceUnlock(): Promise<LockInfo | null> {
    return this.guard(() => forceUnlock(this.blobs));
  }

  /** Network and permission failures become one clear diagnostic; PilotError and ConflictError pass. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof PilotError || e instanceof ConflictError) throw e;
      const message = e instanceof Error ? e.message || e.name : String(e);
      throw new PilotError([
        error(CODES.STORE_UNREACHABLE, `Cannot use the record store at ${this.blobs.where}: ${message}`, {
          hint: 'Check the bucket name and that this machine has credentials that may read and write it',
        }),
      ]);
    }
  }
}
