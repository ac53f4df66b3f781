import { z } from 'zod/mini';
import { awsRegion, gcpRegion } from './common.ts';

const port = z.number().check(z.int(), z.gte(1), z.lte(65535));
const domain = z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'Expected a domain name such as www.example.com' }));

/** Run the image as an ECS Fargate service behind a load balancer (Waypoint's `aws-ecs`). */
export const ecsDeploySchema = z.strictObject({
  kind: z.literal('ecs'),
  /** Port the container listens on. @default 3000 */
  port: z._default(port, 3000),
  /** Task memory in MiB; must pair with `cpu` as Fargate allows. @default 512 */
  memory: z._default(z.number().check(z.int()), 512),
  /** Task CPU units (1024 = 1 vCPU). @default the smallest Fargate allows for `memory` */
  cpu: z.optional(z.number().check(z.int())),
  /** Number of tasks. @default 1 */
  count: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 1),
  /** CPU architecture. `arm64` is refused (PILOT3061) until the runner can cross-build. @default "x86_64" */
  architecture: z._default(z.enum(['x86_64', 'arm64']), 'x86_64'),
  /** Region; must equal `clouds.aws.region`. @default clouds.aws.region */
  region: z.optional(awsRegion),
  /** Health check path of the load balancer. @default "/" */
  healthCheckPath: z._default(z.string().check(z.startsWith('/')), '/'),
  /**
   * Domain the app is served on over HTTPS (port 443) with an ACM certificate pilot requests; you
   * add the DNS validation records from the `<project>_<app>_certificate_validation` output, then
   * point the domain at the load balancer. Without it the app is plain HTTP on port 80.
   */
  domain: z.optional(domain),
});

/** Run the image on Cloud Run (Waypoint's `google-cloud-run`). Public, like Waypoint's releaser makes it. */
export const cloudRunDeploySchema = z.strictObject({
  kind: z.literal('cloudRun'),
  /** Port the container listens on. @default 8080 */
  port: z._default(port, 8080),
  /** Memory in MiB (128–4096). @default 512 */
  memory: z._default(z.number().check(z.int(), z.gte(128), z.lte(4096)), 512),
  /** vCPUs (1 or 2). @default 1 */
  cpu: z._default(z.union([z.literal(1), z.literal(2)]), 1),
  /** Request timeout in seconds (1–900). @default 300 */
  timeoutSeconds: z._default(z.number().check(z.int(), z.gte(1), z.lte(900)), 300),
  /** Concurrent requests per instance. @default 80 */
  concurrency: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 80),
  /** Maximum instances. @default 10 */
  maxInstances: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 10),
  /** Region; defaults to `clouds.gcp.region`. */
  region: z.optional(gcpRegion),
});

/** Run the image as an AWS Lambda function with a function URL (Waypoint's `aws-lambda`). */
export const lambdaDeploySchema = z.strictObject({
  kind: z.literal('lambda'),
  /** Memory in MB (128–10240). @default 256 */
  memory: z._default(z.number().check(z.int(), z.gte(128), z.lte(10240)), 256),
  /** Timeout in seconds (1–900). @default 60 */
  timeoutSeconds: z._default(z.number().check(z.int(), z.gte(1), z.lte(900)), 60),
  /** CPU architecture. `arm64` is refused (PILOT3061) until the runner can cross-build. @default "x86_64" */
  architecture: z._default(z.enum(['x86_64', 'arm64']), 'x86_64'),
  /** Ephemeral storage in MB (512–10240). @default 512 */
  storageMb: z._default(z.number().check(z.int(), z.gte(512), z.lte(10240)), 512),
  /** Region; must equal `clouds.aws.region`. @default clouds.aws.region */
  region: z.optional(awsRegion),
});

const staticSite = {
  /** Serve index.html for unknown paths (single-page apps). @default false */
  spa: z._default(z.boolean(), false),
  /** Custom domain; you point its DNS at the CDN after apply. */
  domain: z.optional(domain),
};

/** Host a static site in a private S3 bucket behind CloudFront. */
export const cloudfrontDeploySchema = z.strictObject({
  kind: z.literal('cloudfront'),
  ...staticSite,
  /** ACM certificate ARN (us-east-1) for `domain`. Required with `domain`. */
  certificateArn: z.optional(z.string().check(z.regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/, { message: 'Expected an ACM certificate ARN in us-east-1' }))),
  /** CloudFront price class. @default "PriceClass_100" */
  priceClass: z._default(z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']), 'PriceClass_100'),
});

/** Host a static site in a Cloud Storage bucket behind Cloud CDN (HTTPS with a managed certificate when `domain` is set). */
export const cloudCdnDeploySchema = z.strictObject({
  kind: z.literal('cloudCdn'),
  ...staticSite,
});

export const deploySchema = z.discriminatedUnion('kind', [
  ecsDeploySchema,
  cloudRunDeploySchema,
  lambdaDeploySchema,
  cloudfrontDeploySchema,
  cloudCdnDeploySchema,
]);
