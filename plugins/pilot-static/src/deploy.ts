// One deploy: build, read the output, plan against the bucket, upload in a safe order, invalidate the
// CDN, and only then delete what the new site no longer has (old pages may still reference it until
// the invalidation is done).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listLocalFiles } from './local-files.ts';
import { planSync, syncId, uploadRank, type Upload } from './sync-plan.ts';
import type { BucketTarget, CdnInvalidator } from './target.ts';

export type DeploySteps = {
  /** Builds the site in `appDir`; throws on failure. */
  build(appDir: string): Promise<void>;
  bucket: BucketTarget;
  cdn: CdnInvalidator;
  log(line: string): void;
};

export type DeployResult = { uploaded: string[]; unchanged: string[]; deleted: string[]; invalidated: string[] };

/** Files uploaded at once within one ordering group. */
const CONCURRENCY = 8;

export async function deploy(appDir: string, outDir: string, steps: DeploySteps): Promise<DeployResult> {
  await steps.build(appDir);
  const root = join(appDir, outDir);
  const plan = planSync(await listLocalFiles(root), await steps.bucket.list());
  steps.log(`${plan.uploads.length} to upload, ${plan.unchanged.length} unchanged, ${plan.deletes.length} to delete`);
  for (const group of orderedGroups(plan.uploads)) {
    await forEachLimited(group, CONCURRENCY, async (upload) => {
      await steps.bucket.put(upload, await readFile(join(root, upload.key)));
      steps.log(`uploaded ${upload.key} (${upload.headers.cacheControl})`);
    });
  }
  if (plan.invalidationPaths.length > 0) {
    steps.log(`invalidating ${plan.invalidationPaths.join(' ')}`);
    await steps.cdn.invalidate(plan.invalidationPaths, syncId(plan));
  }
  if (plan.deletes.length > 0) {
    await steps.bucket.remove(plan.deletes);
    steps.log(`deleted ${plan.deletes.join(' ')}`);
  }
  return { uploaded: plan.uploads.map((u) => u.key), unchanged: plan.unchanged, deleted: plan.deletes, invalidated: plan.invalidationPaths };
}

/** Consecutive uploads of one rank (assets, pages, nested index.html, root index.html) go in parallel. */
function orderedGroups(uploads: Upload[]): Upload[][] {
  const groups: Upload[][] = [];
  for (const upload of uploads) {
    const last = groups.at(-1);
    if (last && uploadRank(last[0].key) === uploadRank(upload.key)) last.push(upload);
    else groups.push([upload]);
  }
  return groups;
}

async function forEachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
