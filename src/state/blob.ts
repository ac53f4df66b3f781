// The one thing a store backend does: keep small named documents with a version per write, and
// write conditionally on that version (compare-and-swap). The record, its history and the lock are
// all built on this; each backend (local dir, S3, GCS) implements only these four calls.

/** A stored document and the opaque version a conditional write compares against. */
export type Blob = { text: string; version: string };

/**
 * `ifVersion`: null = write only if the key does not exist; a string = only if its version is that;
 * undefined = unconditional. A failed condition throws ConflictError.
 */
export type PutOptions = { ifVersion?: string | null };

export interface BlobStore {
  /** Human-readable location for messages, e.g. "/repo/.pilot/state" or "s3://bucket/pilot/acme". */
  readonly where: string;
  /** Where `key` lives, for messages. */
  describe(key: string): string;
  get(key: string): Promise<Blob | null>;
  put(key: string, text: string, options?: PutOptions): Promise<{ version: string }>;
  /** Deletes `key` (no error if absent); with `ifVersion`, only if unchanged. */
  delete(key: string, options?: { ifVersion?: string }): Promise<void>;
  /** Keys under `prefix` (relative keys, as given to get/put). */
  list(prefix: string): Promise<string[]>;
}

/** A conditional write or delete lost the race: someone else wrote the key in between. */
export class ConflictError extends Error {
  constructor(readonly key: string) {
    super(`conditional write of ${key} failed: it changed since it was read`);
    this.name = 'ConflictError';
  }
}
