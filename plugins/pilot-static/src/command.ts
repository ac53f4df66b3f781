// The command line of `pilot-static deploy`, defined once: the waypoint emitter builds argv with
// `staticDeployArgv` and the program parses it with `parseStaticDeployArgv`.

export const STATIC_PROGRAM = 'pilot-static';
export type StaticTarget = 'cloudfront' | 'cloud-cdn';

/** V is the value type: plain strings in the program, strings or HCL expressions in the emitter. */
export type StaticDeployOptions<V = string> = {
  target: StaticTarget;
  /** Bucket to sync the built files into. */
  bucket: V;
  /** CloudFront distribution to invalidate (cloudfront). */
  distributionId?: V;
  /** URL map whose Cloud CDN cache to invalidate (cloud-cdn). */
  urlMap?: V;
  /** Google Cloud project (cloud-cdn). */
  project?: string;
  /** AWS region of the bucket (cloudfront). */
  region?: string;
  /** package.json script that builds the site. */
  script: string;
  /** Directory the build writes, relative to the app directory. */
  outDir: string;
};

const FLAGS = {
  bucket: '--bucket',
  distributionId: '--distribution-id',
  urlMap: '--url-map',
  project: '--project',
  region: '--region',
  script: '--script',
  outDir: '--out-dir',
} as const satisfies Record<Exclude<keyof StaticDeployOptions, 'target'>, string>;

const REQUIRED: Record<StaticTarget, Array<keyof typeof FLAGS>> = {
  cloudfront: ['bucket', 'distributionId', 'region', 'script', 'outDir'],
  'cloud-cdn': ['bucket', 'urlMap', 'project', 'script', 'outDir'],
};

/** argv (program name first) for one deploy, flags in a fixed order. */
export function staticDeployArgv<V>(options: StaticDeployOptions<V>): Array<string | V> {
  const argv: Array<string | V> = [STATIC_PROGRAM, 'deploy', options.target];
  for (const key of REQUIRED[options.target]) {
    const value = options[key];
    if (value === undefined) throw new Error(`pilot-static ${options.target} needs ${FLAGS[key]}`);
    argv.push(FLAGS[key], value as string | V);
  }
  return argv;
}

export class UsageError extends Error {}

/** Parses `deploy <target> --flag value ...` (argv without the program name). */
export function parseStaticDeployArgv(argv: string[]): StaticDeployOptions {
  const [command, target, ...rest] = argv;
  if (command !== 'deploy') throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}: expected "deploy"`);
  if (target !== 'cloudfront' && target !== 'cloud-cdn') throw new UsageError(`unknown target ${JSON.stringify(target ?? '')}: expected cloudfront or cloud-cdn`);
  const byFlag = new Map(Object.entries(FLAGS).map(([k, f]) => [f as string, k as keyof typeof FLAGS]));
  const values: Partial<Record<keyof typeof FLAGS, string>> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = byFlag.get(rest[i]);
    if (!key) throw new UsageError(`unknown flag ${rest[i]}`);
    if (rest[i + 1] === undefined || rest[i + 1] === '') throw new UsageError(`${rest[i]} needs a value`);
    values[key] = rest[i + 1];
  }
  for (const key of REQUIRED[target]) if (!values[key]) throw new UsageError(`${target} needs ${FLAGS[key]}`);
  return { target, ...values } as StaticDeployOptions;
}
