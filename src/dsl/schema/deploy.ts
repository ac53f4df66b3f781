import { z } from 'zod';
import { awsRegion, gcpRegion } from './common.ts';

const port = z.number().int().min(1).max(65535);
const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, { message: 'Expected a domain name such as www.example.com' });

/** Run the image as an ECS Fargate service behind a load balancer (Waypoint's `aws-ecs`). */
export const ecsDeploySchema = z.strictObject({
  kind: z.literal('ecs'),
  /** Port the container listens on. @default 3000 */
  port: port.default(3000),
  /** Task memory in MiB; must pair with `cpu` as Fargate allows. @default 512 */
  memory: z.number().int().default(512),
  /** Task CPU units (1024 = 1 vCPU). @default the smallest Fargate allows for `memory` */
  cpu: z.number().int().optional(),
  /** Number of tasks. @default 1 */
  count: z.number().int().min(1).max(100).default(1),
  /** CPU architecture. `arm64` is refused (PILOT3061) until the runner can cross-build. @default "x86_64" */
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64'),
  /** Region; must equal `clouds.aws.region`. @default clouds.aws.region */
  region: awsRegion.optional(),
  /** Health check path of the load balancer. @default "/" */
  healthCheckPath: z.string().startsWith('/').default('/'),
  /**
   * Domain the app is served on over HTTPS (port 443) with an ACM certificate pilot requests; you
   * add the DNS validation records from the `<project>_<app>_certificate_validation` output, then
   * point the domain at the load balancer. Without it the app is plain HTTP on port 80.
   */
  domain: domain.optional(),
});

/** Run the image on Cloud Run (Waypoint's `google-cloud-run`). Public, like Waypoint's releaser makes it. */
export const cloudRunDeploySchema = z.strictObject({
  kind: z.literal('cloudRun'),
  /** Port the container listens on. @default 8080 */
  port: port.default(8080),
  /** Memory in MiB (128–4096). @default 512 */
  memory: z.number().int().min(128).max(4096).default(512),
  /** vCPUs (1 or 2). @default 1 */
  cpu: z.union([z.literal(1), z.literal(2)]).default(1),
  /** Request timeout in seconds (1–900). @default 300 */
  timeoutSeconds: z.number().int().min(1).max(900).default(300),
  /** Concurrent requests per instance. @default 80 */
  concurrency: z.number().int().min(1).max(1000).default(80),
  /** Maximum instances. @default 10 */
  maxInstances: z.number().int().min(1).max(1000).default(10),
  /** Region; defaults to `clouds.gcp.region`. */
  region: gcpRegion.optional(),
});

/** Run the image as an AWS Lambda function with a function URL (Waypoint's `aws-lambda`). */
export const lambdaDeploySchema = z.strictObject({
  kind: z.literal('lambda'),
  /** Memory in MB (128–10240). @default 256 */
  memory: z.number().int().min(128).max(10240).default(256),
  /** Timeout in seconds (1–900). @default 60 */
  timeoutSeconds: z.number().int().min(1).max(900).default(60),
  /** CPU architecture. `arm64` is refused (PILOT3061) until the runner can cross-build. @default "x86_64" */
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64'),
  /** Ephemeral storage in MB (512–10240). @default 512 */
  storageMb: z.number().int().min(512).max(10240).default(512),
  /** Region; must equal `clouds.aws.region`. @default clouds.aws.region */
  region: awsRegion.optional(),
});

const staticSite = {
  /** Serve index.html for unknown paths (single-page apps). @default false */
  spa: z.boolean().default(false),
  /** Custom domain; you point its DNS at the CDN after apply. */
  domain: domain.optional(),
};

/** Host a static site in a private S3 bucket behind CloudFront. */
export const cloudfrontDeploySchema = z.strictObject({
  kind: z.literal('cloudfront'),
  ...staticSite,
  /** ACM certificate ARN (us-east-1) for `domain`. Required with `domain`. */
  certificateArn: z.string().regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/, { message: 'Expected an ACM certificate ARN in us-east-1' }).optional(),
  /** CloudFront price class. @default "PriceClass_100" */
  priceClass: z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100'),
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
