// The bucket seam on Cloud Storage. Credentials come from Application Default Credentials
// (the runner VM's service account, or GOOGLE_APPLICATION_CREDENTIALS).
import type { Storage } from '@google-cloud/storage';
import type { RemoteObject, Upload } from './sync-plan.ts';
import type { BucketTarget } from './target.ts';

export function gcsTarget(storage: Storage, bucketName: string): BucketTarget {
  const bucket = storage.bucket(bucketName);
  return {
    async list() {
      const [files] = await bucket.getFiles({ autoPaginate: true });
      return files.map((file): RemoteObject => ({ key: file.name, md5: md5FromGcs(file.metadata.md5Hash) }));
    },
    async put(upload: Upload, body: Buffer) {
      await bucket.file(upload.key).save(body, {
        resumable: false,
        validation: 'md5',
        contentType: upload.headers.contentType,
        metadata: { contentType: upload.headers.contentType, cacheControl: upload.headers.cacheControl },
      });
    },
    async remove(keys: string[]) {
      for (const key of keys) await bucket.file(key).delete({ ignoreNotFound: true });
    },
  };
}

/** GCS reports MD5 as base64; composite objects have none. */
export function md5FromGcs(md5Hash: string | undefined): string | undefined {
  if (!md5Hash) return undefined;
  const hex = Buffer.from(md5Hash, 'base64').toString('hex');
  return hex.length === 32 ? hex : undefined;
}
