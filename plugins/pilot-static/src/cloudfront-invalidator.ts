// The CDN seam on CloudFront: one CreateInvalidation per sync, then wait until CloudFront reports it done.
import { CloudFrontClient, CreateInvalidationCommand, waitUntilInvalidationCompleted } from '@aws-sdk/client-cloudfront';
import type { CdnInvalidator } from './target.ts';

/** CloudFront usually completes an invalidation within minutes; give up well after that. */
const MAX_WAIT_SECONDS = 30 * 60;

export function cloudfrontInvalidator(client: CloudFrontClient, distributionId: string): CdnInvalidator {
  return {
    async invalidate(paths, syncId) {
      const created = await client.send(new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: { CallerReference: syncId, Paths: { Quantity: paths.length, Items: paths } },
      }));
      const id = created.Invalidation?.Id;
      if (!id) throw new Error(`CloudFront accepted the invalidation of ${distributionId} but returned no invalidation id`);
      if (created.Invalidation?.Status === 'Completed') return;
      await waitUntilInvalidationCompleted({ client, maxWaitTime: MAX_WAIT_SECONDS }, { DistributionId: distributionId, Id: id });
    },
  };
}
