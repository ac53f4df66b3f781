// The GCS store, over Cloud Storage's JSON API with `fetch` (no Google SDK in the main package).
// Preconditions are the API's own: `ifGenerationMatch=0` creates only if absent, `ifGenerationMatch=G`
// overwrites only generation G; a failed one answers 412 (cloud.google.com/storage/docs/
// request-preconditions). Reads: GET .../o/<name>?alt=media with the generation in
// `x-goog-generation`. Uploads: POST upload/storage/v1/b/<bucket>/o?uploadType=media&name=<name>.
import { type Blob, type BlobStore, ConflictError, type PutOptions } from './blob.ts';

export type GcsOptions = {
  bucket: string;
  root: string;
  /** https://storage.googleapis.com by default; tests point it at a stand-in. */
  endpoint?: string;
  /** An OAuth2 access token (e.g. `gcloud auth print-access-token`, or the metadata server's). */
  token?: () => Promise<string | undefined>;
  fetch?: typeof fetch;
};

export class GcsBlobStore implements BlobStore {
  readonly where: string;
  private readonly endpoint: string;
  private readonly http: typeof fetch;
  constructor(private readonly o: GcsOptions) {
    this.where = `gs://${o.bucket}/${o.root}`;
    this.endpoint = (o.endpoint ?? 'https://storage.googleapis.com').replace(/\/$/, '');
    this.http = o.fetch ?? fetch;
  }

  private name(key: string) {
    return `${this.o.root}/${key}`;
  }

  describe(key: string): string {
    return `gs://${this.o.bucket}/${this.name(key)}`;
  }

  private async headers(): Promise<Record<string, string>> {
    const token = await this.o.token?.();
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  private objectUrl(key: string, query: Record<string, string> = {}) {
    const q = new URLSearchParams(query).toString();
    return `${this.endpoint}/storage/v1/b/${encodeURIComponent(this.o.bucket)}/o/${encodeURIComponent(this.name(key))}${q ? `?${q}` : ''}`;
  }

  private async fail(res: Response, what: string): Promise<never> {
    throw new Error(`GCS ${what} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }

  async get(key: string): Promise<Blob | null> {
    const res = await this.http(this.objectUrl(key, { alt: 'media' }), { headers: await this.headers() });
    if (res.status === 404) return null;
    if (!res.ok) return this.fail(res, `get ${this.describe(key)}`);
    const generation = res.headers.get('x-goog-generation') ?? '';
    return { text: await res.text(), version: generation };
  }

  async put(key: string, text: string, options: PutOptions = {}): Promise<{ version: string }> {
    const query: Record<string, string> = { uploadType: 'media', name: this.name(key) };
    if (options.ifVersion === null) query.ifGenerationMatch = '0';
    else if (options.ifVersion !== undefined) query.ifGenerationMatch = options.ifVersion;
    const url = `${this.endpoint}/upload/storage/v1/b/${encodeURIComponent(this.o.bucket)}/o?${new URLSearchParams(query)}`;
    const res = await this.http(url, { method: 'POST', headers: { ...(await this.headers()), 'content-type': 'application/json' }, body: text });
    if (res.status === 412) throw new ConflictError(key);
    if (!res.ok) return this.fail(res, `insert ${this.describe(key)}`);
    const meta = (await res.json()) as { generation?: string };
    return { version: String(meta.generation ?? '') };
  }

  async delete(key: string, options: { ifVersion?: string } = {}): Promise<void> {
    const res = await this.http(this.objectUrl(key, options.ifVersion ? { ifGenerationMatch: options.ifVersion } : {}), { method: 'DELETE', headers: await this.headers() });
    if (res.status === 412) throw new ConflictError(key);
    if (res.status === 404 || res.ok) return;
    return this.fail(res, `delete ${this.describe(key)}`);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let pageToken: string | undefined;
    do {
      const q = new URLSearchParams({ prefix: this.name(prefix), ...(pageToken ? { pageToken } : {}) });
      const res = await this.http(`${this.endpoint}/storage/v1/b/${encodeURIComponent(this.o.bucket)}/o?${q}`, { headers: await this.headers() });
      if (!res.ok) return this.fail(res, `list ${this.describe(prefix)}`);
      const body = (await res.json()) as { items?: { name: string }[]; nextPageToken?: string };
      for (const item of body.items ?? []) keys.push(item.name.slice(this.o.root.length + 1));
      pageToken = body.nextPageToken;
    } while (pageToken);
    return keys.sort();
  }
}
