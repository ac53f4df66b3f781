// The CDN seam on Cloud CDN: invalidate the URL map's cache, then wait for the global operation.
// Deep imports: the package root loads every Compute client (seconds).
import { GlobalOperationsClient } from '@google-cloud/compute/build/src/v1/global_operations_client.js';
import { UrlMapsClient } from '@google-cloud/compute/build/src/v1/url_maps_client.js';
import type { CdnInvalidator } from './target.ts';

/** Each `wait` call returns after at most about two minutes; Cloud CDN invalidations can take ~10. */
const MAX_WAITS = 15;

type ComputeOperation = { name?: string | null; status?: unknown; error?: { errors?: Array<{ message?: string | null }> | null } | null };

export function cloudCdnInvalidator(urlMaps: UrlMapsClient, operations: GlobalOperationsClient, project: string, urlMap: string): CdnInvalidator {
  return {
    // Cloud CDN takes one path pattern per request and rate-limits invalidations, so one `/*` covers the sync.
    async invalidate(_paths, syncId) {
      const [started] = await urlMaps.invalidateCache({
        project,
        urlMap,
        requestId: uuidFrom(syncId),
        cacheInvalidationRuleResource: { path: '/*' },
      });
      let operation = started.latestResponse as ComputeOperation;
      const name = operation.name;
      if (!name) throw new Error(`Cloud CDN accepted the invalidation of ${urlMap} but returned no operation name`);
      for (let i = 0; i < MAX_WAITS && operation.status !== 'DONE'; i++) {
        [operation] = await operations.wait({ project, operation: name });
      }
      if (operation.status !== 'DONE') throw new Error(`Cloud CDN invalidation ${name} of ${urlMap} did not finish in time`);
      const failure = operation.error?.errors?.[0]?.message;
      if (failure) throw new Error(`Cloud CDN invalidation of ${urlMap} failed: ${failure}`);
    },
  };
}

export function createCloudCdnInvalidator(project: string, urlMap: string): CdnInvalidator {
  return cloudCdnInvalidator(new UrlMapsClient(), new GlobalOperationsClient(), project, urlMap);
}

/** A request id must be a UUID; deriving it from the sync id makes a retried request idempotent. */
export function uuidFrom(syncId: string): string {
  // syncId ends in 32 hex digits (sync-plan.ts); the version and variant nibbles make it a v5-shaped UUID.
  const hex = syncId.slice(syncId.lastIndexOf('-') + 1);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
