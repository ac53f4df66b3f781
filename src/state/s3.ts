// The S3 store: the record beside the Terraform state in the state bucket, under `<prefix>/pilot/`.
// Conditional writes are S3's own: PutObject with `If-None-Match: *` (create only) or `If-Match: <ETag>`
// (overwrite only that version); S3 answers 412 PreconditionFailed, or 409 ConditionalRequestConflict
// for a concurrent conditional write (AWS S3 User Guide, "Add preconditions to S3 operations with
// conditional requests"). A server that ignores the headers (older S3-compatible servers, s3rver)
// still gets a read-and-compare first, so a stale writer is refused there too, if not atomically.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type Blob, type BlobStore, ConflictError, type PutOptions } from './blob.ts';

type AwsError = { name?: string; $metadata?: { httpStatusCode?: number } };
const status = (e: unknown) => (e as AwsError).$metadata?.httpStatusCode;
const isMissing = (e: unknown) => (e as AwsError).name === 'NoSuchKey' || (e as AwsError).name === 'NotFound' || status(e) === 404;
const isConflict = (e: unknown) => status(e) === 412 || status(e) === 409 || (e as AwsError).name === 'PreconditionFailed';

export class S3BlobStore implements BlobStore {
  readonly where: string;
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly root: string,
  ) {
    this.where = `s3://${bucket}/${root}`;
  }

  private key(key: string) {
    return `${this.root}/${key}`;
  }

  describe(key: string): string {
    return `s3://${this.bucket}/${this.key(key)}`;
  }

  private async etag(key: string): Promise<string | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      return head.ETag ?? null;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async get(key: string): Promise<Blob | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      const text = (await out.Body?.transformToString('utf8')) ?? '';
      return { text, version: out.ETag ?? '' };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async put(key: string, text: string, options: PutOptions = {}): Promise<{ version: string }> {
    const { ifVersion } = options;
    if (ifVersion !== undefined && (await this.etag(key)) !== ifVersion) throw new ConflictError(key);
    try {
      const out = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key(key),
          Body: text,
          ContentType: 'application/json',
          ...(ifVersion === null ? { IfNoneMatch: '*' } : ifVersion !== undefined ? { IfMatch: ifVersion } : {}),
        }),
      );
      return { version: out.ETag ?? '' };
    } catch (e) {
      if (isConflict(e)) throw new ConflictError(key);
      throw e;
    }
  }

  async delete(key: string, options: { ifVersion?: string } = {}): Promise<void> {
    if (options.ifVersion !== undefined) {
      const current = await this.etag(key);
      if (current === null) return;
      if (current !== options.ifVersion) throw new ConflictError(key);
    }
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key), ...(options.ifVersion ? { IfMatch: options.ifVersion } : {}) }));
    } catch (e) {
      if (isConflict(e)) throw new ConflictError(key);
      if (!isMissing(e)) throw e;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.key(prefix), ContinuationToken: token }));
      for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key.slice(this.root.length + 1));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
}
