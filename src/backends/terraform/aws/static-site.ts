// A static site on AWS: a private S3 bucket (public access blocked, owner-enforced, encrypted, TLS
// only) readable only by its CloudFront distribution through an origin access control. HTTPS only
// (HTTP redirects), with AWS's managed security headers (HSTS among them), index.html as the root
// and, for single-page apps, as the page for unknown paths.
// Sub-directories (T-20): default_root_object applies to "/" alone, so a multi-page site gets a
// viewer-request CloudFront Function that serves /docs/ (and /docs) as /docs/index.html, after
// AWS's example "Add index.html to request URLs without a file name". Missing pages: S3 answers
// 404 only to a caller that may list the bucket and 403 otherwise (S3 GetObject API reference),
// so the distribution also gets s3:ListBucket and a missing page is a 404, not AccessDenied.
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function/index.js';
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
/** AWS managed response headers policy "Managed-SecurityHeadersPolicy" (HSTS, nosniff, frame and referrer policies). */
const SECURITY_HEADERS = '67f7725c-6f97-4210-82d7-5512b31e9d03';

/** cloudfront-js-2.0: a URI ending in "/" or whose last segment has no "." gets its index.html. */
export const INDEX_REWRITE = `async function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri += 'index.html';
  } else if (!uri.split('/').pop().includes('.')) {
    request.uri += '/index.html';
  }
  return request;
}
`;

export type StaticSite = { app: ModelApp; deploy: CloudfrontDeploy; bucket: S3Bucket; distribution: CloudfrontDistribution };

export function addStaticSite(ctx: StackContext, app: ModelApp, deploy: CloudfrontDeploy): StaticSite {
  const { stack, addresses } = ctx;
  const at = app.configPath;
  const id = app.id;
  // bucket_prefix: Terraform appends a unique suffix, so two accounts never fight over a name.
  // force_destroy: removing the site deletes the bucket with its files (else Terraform stops with
  // BucketNotEmpty); they are only the build output, rebuilt from git on deploy.
  const bucket = addresses.pin(new S3Bucket(stack, `bucket:${at}`, { bucketPrefix: s3SiteBucketPrefix(app), forceDestroy: true }), id, at);
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
  const rewrite = deploy.spa
    ? undefined
    : addresses.pin(new CloudfrontFunction(stack, `index:${at}`, { name: app.resourceName, runtime: 'cloudfront-js-2.0', comment: `index.html for sub-directories of ${app.project}/${app.name}`, code: INDEX_REWRITE, publish: true }), id, at);
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
        responseHeadersPolicyId: SECURITY_HEADERS,
        functionAssociation: rewrite ? [{ eventType: 'viewer-request', functionArn: rewrite.arn }] : undefined,
      },
      // A single-page app answers every unknown path with its index.html.
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
  const fromDistribution = { StringEquals: { 'AWS:SourceArn': distribution.arn } };
  const cloudfront = { Service: 'cloudfront.amazonaws.com' };
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CloudFrontReadsObjects', Effect: 'Allow', Principal: cloudfront, Action: 's3:GetObject', Resource: `${bucket.arn}/*`, Condition: fromDistribution },
      { Sid: 'CloudFrontSeesMissingKeys', Effect: 'Allow', Principal: cloudfront, Action: 's3:ListBucket', Resource: bucket.arn, Condition: fromDistribution },
      // CIS AWS 2.1.1 / Security Hub S3.5: no request over plain HTTP.
      { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  };
  // After the public access block, or AWS may reject the policy while the block is being applied.
  addresses.pin(new S3BucketPolicy(stack, `policy:${at}`, { bucket: bucket.id, policy: JSON.stringify(policy), dependsOn: [block] }), id, at);
  return { app, deploy, bucket, distribution };
}

/** The site's public URL: the custom domain when configured, else CloudFront's own. */
export const siteUrl = (site: StaticSite) =>
  site.deploy.domain !== undefined && site.deploy.certificateArn !== undefined ? `https://${site.deploy.domain}` : `https://${site.distribution.domainName}`;
