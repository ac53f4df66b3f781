// Pure planning of one sync: which local files to upload (in a safe order), which remote objects are
// already up to date, which to delete, and which CDN paths must be invalidated afterwards.
import { createHash } from 'node:crypto';
import { headersFor, isFingerprinted, isHtml, type ObjectHeaders } from './headers.ts';

/** A built file; `key` is its path relative to the output directory, `/`-separated. */
export type LocalFile = { key: string; md5: string; size: number };
/** An object already in the bucket; `md5` is lowercase hex, absent when the store cannot say (multipart/KMS ETag). */
export type RemoteObject = { key: string; md5?: string };

export type Upload = LocalFile & { headers: ObjectHeaders; replaces?: string };

export type SyncPlan = {
  /** Assets first, then HTML pages, then nested index.html files, then the root index.html. */
  uploads: Upload[];
  unchanged: string[];
  deletes: string[];
  /** CDN paths (leading `/`) whose cached copies are stale after the uploads. */
  invalidationPaths: string[];
};

/** Above this many paths one wildcard is cheaper: CloudFront bills per path, `/*` counts as one. */
export const MAX_INVALIDATION_PATHS = 15;

export function planSync(local: LocalFile[], remote: RemoteObject[]): SyncPlan {
  const remoteByKey = new Map(remote.map((object) => [object.key, object]));
  const localKeys = new Set(local.map((file) => file.key));
  const uploads: Upload[] = [];
  const unchanged: string[] = [];
  for (const file of local) {
    const existing = remoteByKey.get(file.key);
    if (existing?.md5 === file.md5) unchanged.push(file.key);
    else uploads.push({ ...file, headers: headersFor(file.key), ...(existing ? { replaces: existing.md5 ?? 'unknown' } : {}) });
  }
  uploads.sort((a, b) => uploadRank(a.key) - uploadRank(b.key) || compareKeys(a.key, b.key));
  return {
    uploads,
    unchanged: unchanged.sort(compareKeys),
    deletes: remote.map((object) => object.key).filter((key) => !localKeys.has(key)).sort(compareKeys),
    invalidationPaths: invalidationPathsFor(uploads),
  };
}

/** 0 assets, 1 HTML pages, 2 nested index.html files, 3 the root index.html: the upload order. */
export function uploadRank(key: string): number {
  if (key === 'index.html') return 3;
  if (key.endsWith('/index.html')) return 2;
  return isHtml(key) ? 1 : 0;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A new fingerprinted file was never cached, so it needs no invalidation; every other upload may be
 * (a replaced object, or a new page whose 404 the CDN may have cached). An index.html is also served
 * under its directory path.
 */
export function invalidationPathsFor(uploads: Upload[]): string[] {
  const paths = new Set<string>();
  for (const upload of uploads) {
    if (upload.replaces === undefined && isFingerprinted(upload.key) && !isHtml(upload.key)) continue;
    paths.add(`/${upload.key}`);
    if (upload.key === 'index.html' || upload.key.endsWith('/index.html')) paths.add(`/${upload.key.slice(0, -'index.html'.length)}`);
  }
  if (paths.size > MAX_INVALIDATION_PATHS) return ['/*'];
  return [...paths].sort(compareKeys);
}

/**
 * Identifies one sync for the CDN (CloudFront's CallerReference): a retry of the same sync gets the same
 * id, so CloudFront does not start a second invalidation; a later deploy that restores earlier content
 * differs in what it replaces, so it gets a new one.
 */
export function syncId(plan: SyncPlan): string {
  const hash = createHash('sha256');
  for (const upload of plan.uploads) hash.update(`${upload.key}\0${upload.md5}\0${upload.replaces ?? ''}\n`);
  for (const path of plan.invalidationPaths) hash.update(`${path}\n`);
  return `pilot-static-${hash.digest('hex').slice(0, 32)}`;
}
