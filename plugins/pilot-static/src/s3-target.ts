// The bucket seam on Amazon S3. Endpoint, credentials and region overrides come from the SDK's own
// standard sources (AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID, ...), so S3-compatible stores work unchanged.
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RemoteObject, Upload } from './sync-plan.ts';
import type { BucketTarget } from './target.ts';

/** DeleteObjects accepts at most 1000 keys per request. */
const DELETE_BATCH = 1000;

export function s3Target(client: S3Client, bucket: string): BucketTarget {
  return {
    async list() {
      const objects: RemoteObject[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const item of page.Contents ?? []) if (item.Key) objects.push({ key: item.Key, md5: md5FromEtag(item.ETag) });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return objects;
    },
    async put(upload: Upload, body: Buffer) {
      await client.send(new PutObjectCommand({
        Bucket: bucket,
        Key: upload.key,
        Body: body,
        ContentType: upload.headers.contentType,
        CacheControl: upload.headers.cacheControl,
        ContentMD5: Buffer.from(upload.md5, 'hex').toString('base64'),
      }));
    },
    async remove(keys: string[]) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        const batch = keys.slice(i, i + DELETE_BATCH);
        const result = await client.send(new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }));
        const failed = result.Errors ?? [];
        if (failed.length > 0) throw new Error(`could not delete ${failed.length} object(s) from s3://${bucket}, first ${failed[0].Key}: ${failed[0].Message ?? failed[0].Code}`);
      }
    },
  };
}

/** A single-part upload's ETag is the quoted MD5; multipart (`-N` suffix) and SSE-KMS ETags are not. */
export function md5FromEtag(etag: string | undefined): string | undefined {
  const match = /^"?([0-9a-f]{32})"?$/.exec(etag ?? '');
  return match?.[1];
}
