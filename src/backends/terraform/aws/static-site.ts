// A static site on AWS: a private S3 bucket (public access blocked, owner-enforced, encrypted)
// readable only by its CloudFront distribution through an origin access control. HTTPS only
// (HTTP redirects), index.html as the root and, for single-page apps, as the page for unknown paths.
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import type { CloudfrontDeploy, ModelApp } from '../../../compiler/model.ts';
import { cloudfrontOacName, s3SiteBucketPrefix } from '../../../compiler/names.ts';
import type { StackContext } from '../emit.ts';

/** AWS managed cache policy "Managed-CachingOptimized" (a fixed, documented ID: no lookup). */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ORIGIN_ID = 's3';

export type StaticSite = { app: ModelApp; deploy: CloudfrontDeploy; bucket: S3Bucket; distribution: CloudfrontDistribution };

export function addStaticSite(ctx: StackContext, app: ModelApp, deploy: CloudfrontDeploy): StaticSite {
  const { stack, addresses } = ctx;
  const at = app.configPath;
  const id = app.id;
  // bucket_prefix: Terraform appends a unique suffix, so two accounts never fight over a name.
  const bucket = addresses.pin(new S3Bucket(stack, `bucket:${at}`, { bucketPrefix: s3SiteBucketPrefix(app), forceDestroy: false }), id, at);
  const block = addresses.pin(
    new S3BucketPublicAccessBlock(stack, `pab:${at}`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
    id,
    at,
  );
  addresses.pin(new S3BucketOwnershipControls(stack, `owner:${at}`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }), id, at);
  addresses.pin(
    new S3BucketServerSideEncryptionConfiguration(stack, `sse:${at}`, { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] }),
    id,
    at,
  );
  const oac = addresses.pin(
    new CloudfrontOriginAccessControl(stack, `oac:${at}`, { name: cloudfrontOacName(app), description: `S3 origin of ${app.project}/${app.name}`, originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' }),
    id,
    at,
  );
  const custom = deploy.domain !== undefined && deploy.certificateArn !== undefined;
  const distribution = addresses.pin(
    new CloudfrontDistribution(stack, `cdn:${at}`, {
      enabled: true,
      comment: app.resourceName,
      defaultRootObject: 'index.html',
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: deploy.priceClass,
      aliases: custom ? [deploy.domain!] : undefined,
      origin: [{ originId: ORIGIN_ID, domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac.id }],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: CACHING_OPTIMIZED,
      },
      // S3 answers 403 for a missing key when the caller may not list the bucket.
      customErrorResponse: deploy.spa
        ? [403, 404].map((errorCode) => ({ errorCode, responseCode: 200, responsePagePath: '/index.html', errorCachingMinTtl: 0 }))
        : undefined,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: custom
        ? { acmCertificateArn: deploy.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
    }),
    id,
    at,
  );
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudFrontReadsObjects',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: `${bucket.arn}/*`,
        Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } },
      },
    ],
  };
  // After the public access block, or AWS may reject the policy while the block is being applied.
  addresses.pin(new S3BucketPolicy(stack, `policy:${at}`, { bucket: bucket.id, policy: JSON.stringify(policy), dependsOn: [block] }), id, at);
  return { app, deploy, bucket, distribution };
}

/** The site's public URL: the custom domain when configured, else CloudFront's own. */
export const siteUrl = (site: StaticSite) =>
  site.deploy.domain !== undefined && site.deploy.certificateArn !== undefined ? `https://${site.deploy.domain}` : `https://${site.distribution.domainName}`;
