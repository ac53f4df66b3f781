// argv -> parse -> build -> sync -> invalidate. Exit codes: 0 deployed, 1 failed, 2 usage error.
// Errors are one line; PILOT_DEBUG=1 adds the stack.
import { BuildError } from './build.ts';
import { buildInContainer } from './container-build.ts';
import { dockerClient, dockerSocketPath } from './docker-api.ts';
import type { StreamName } from './docker-stream.ts';
import { parseStaticDeployArgv, UsageError, type StaticDeployOptions } from './command.ts';
import { deploy, type DeploySteps } from './deploy.ts';
import type { BucketTarget, CdnInvalidator } from './target.ts';

export const USAGE = `usage:
  pilot-static deploy cloudfront --bucket NAME --distribution-id ID --region REGION --script NAME --out-dir DIR
  pilot-static deploy cloud-cdn  --bucket NAME --url-map NAME --project ID --script NAME --out-dir DIR

Copies the current directory into a throwaway container of the image PILOT_BUILD_IMAGE names, runs
\`yarn install --frozen-lockfile\` and \`yarn run <script>\` there, copies <out-dir> back, syncs it to the
bucket and invalidates the CDN. Docker is reached at DOCKER_HOST (unix://PATH) or /var/run/docker.sock.
Credentials and endpoints come from the cloud SDKs' standard sources (AWS_* variables or the instance
role; Application Default Credentials on Google Cloud); none reaches the build container.`;

export type MainContext = {
  cwd: string;
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** The build's own output, passed through as it comes. */
  output(stream: StreamName, chunk: Buffer): void;
};

const processContext = (): MainContext => ({
  cwd: process.cwd(),
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  output: (stream, chunk) => process[stream].write(chunk),
});

export async function main(argv: string[], context: MainContext = processContext()): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    (argv.length === 0 ? context.err : context.out)(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let options: StaticDeployOptions;
  try {
    options = parseStaticDeployArgv(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    context.err(`pilot-static: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const { bucket, cdn } = await connect(options);
    const build = (dir: string) => buildInContainer(dir, {
      docker: dockerClient(dockerSocketPath(context.env)),
      image: buildImage(context.env),
      script: options.script,
      outDir: options.outDir,
      output: context.output,
    });
    const steps: DeploySteps = { build, bucket, cdn, log: context.out };
    const result = await deploy(context.cwd, options.outDir, steps);
    context.out(`pilot-static: deployed ${options.outDir} to ${options.bucket}: ${result.uploaded.length} uploaded, ${result.unchanged.length} unchanged, ${result.deleted.length} deleted`);
    return 0;
  } catch (error) {
    context.err(`pilot-static: ${describe(error)}`);
    if (context.env.PILOT_DEBUG === '1' && error instanceof Error && error.stack) context.err(error.stack);
    return 1;
  }
}

/** The cloud SDKs are imported only for the target in use: each loads in hundreds of milliseconds. */
async function connect(options: StaticDeployOptions): Promise<{ bucket: BucketTarget; cdn: CdnInvalidator }> {
  switch (options.target) {
    case 'cloudfront': {
      const [{ S3Client }, { CloudFrontClient }, { s3Target }, { cloudfrontInvalidator }] = await Promise.all([
        import('@aws-sdk/client-s3'), import('@aws-sdk/client-cloudfront'), import('./s3-target.ts'), import('./cloudfront-invalidator.ts'),
      ]);
      return {
        bucket: s3Target(new S3Client({ region: options.region }), options.bucket),
        // CloudFront is a global service whose API lives in us-east-1.
        cdn: cloudfrontInvalidator(new CloudFrontClient({ region: 'us-east-1' }), required(options.distributionId, '--distribution-id')),
      };
    }
    case 'cloud-cdn': {
      const [{ Storage }, { gcsTarget }, { createCloudCdnInvalidator }] = await Promise.all([
        import('@google-cloud/storage'), import('./gcs-target.ts'), import('./cloud-cdn-invalidator.ts'),
      ]);
      return {
        bucket: gcsTarget(new Storage({ projectId: options.project }), options.bucket),
        cdn: createCloudCdnInvalidator(required(options.project, '--project'), required(options.urlMap, '--url-map')),
      };
    }
    default: {
      const unknown: never = options.target;
      throw new UsageError(`unknown target ${String(unknown)}`);
    }
  }
}

/** The runner sets it to its own image (cloud-init's runner unit): already on the host, pinned by digest. */
function buildImage(env: Record<string, string | undefined>): string {
  if (!env.PILOT_BUILD_IMAGE) throw new BuildError('PILOT_BUILD_IMAGE is not set: it names the image the site is built in (the Pilot runner sets it)');
  return env.PILOT_BUILD_IMAGE;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // SDK errors carry their service error code as the name (NoSuchBucket, AccessDenied, ...).
  return error.name && error.name !== 'Error' && !error.message.startsWith(error.name) ? `${error.name}: ${error.message}` : error.message;
}
