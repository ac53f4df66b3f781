// The two seams between the deploy and a cloud: a bucket to sync into and a CDN to invalidate.
// Each cloud implements them with its official SDK (s3-target.ts, gcs-target.ts, ...).
import type { RemoteObject, Upload } from './sync-plan.ts';

export interface BucketTarget {
  /** Every object in the bucket. */
  list(): Promise<RemoteObject[]>;
  /** Stores `body` under `upload.key` with the upload's headers, replacing any object there. */
  put(upload: Upload, body: Buffer): Promise<void>;
  /** Deletes the objects; missing ones are not an error. */
  remove(keys: string[]): Promise<void>;
}

export interface CdnInvalidator {
  /** Invalidates `paths` and resolves once the CDN reports the invalidation complete. */
  invalidate(paths: string[], syncId: string): Promise<void>;
}
