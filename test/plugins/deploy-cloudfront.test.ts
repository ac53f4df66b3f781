// End to end: the real `pilot-static deploy cloudfront` program (bin, argv, yarn build in a container, AWS
// SDK) against a local S3-compatible server (s3rver), a recording stand-in for the CloudFront API and the
// fake Docker Engine API (which runs the yarn steps for real); once through the development bin (tsx) and
// once through the esbuild bundle that the runtime image installs.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createInterface } from 'node:readline';
import { startFakeCloudFront, type RecordedInvalidation } from './_fake-cloudfront.ts';
import { startFakeDocker } from './_fake-docker.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const S3RVER = join(import.meta.dirname, '_s3rver-process.mjs');
const BIN = join(ROOT, 'plugins/pilot-static/bin/pilot-static.mjs');
const BUNDLER = join(ROOT, 'plugins/pilot-static/bundle.mjs');
const FIXTURE = join(ROOT, 'test/fixtures/static-site');
const BUCKET = 'acme-web-site';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const IMMUTABLE = 'public, max-age=31536000, immutable';
const IMAGE = 'ghcr.io/pilot-framework/pilot-runtime:0.1.0';

const EXPECTED: Record<string, { contentType: string; cacheControl: string }> = {
  'about/index.html': { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' },
  'assets/index-BdX7k2.css': { contentType: 'text/css; charset=utf-8', cacheControl: IMMUTABLE },
  'assets/main.3f2a1b9c.js': { contentType: 'text/javascript; charset=utf-8', cacheControl: IMMUTABLE },
  'index.html': { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' },
  'robots.txt': { contentType: 'text/plain; charset=utf-8', cacheControl: 'no-cache' },
};

/** Starts s3rver in its own node process; resolves with its port and the keys of created objects, in order. */
async function startS3rver(directory: string) {
  const child = spawn(process.execPath, [S3RVER, directory, BUCKET], { stdio: ['ignore', 'pipe', 'inherit'] });
  const puts: string[] = [];
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((ready, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`s3rver exited with code ${code}`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { port?: number; event?: string; key?: string };
      if (message.port) ready(message.port);
      else if (message.event?.startsWith('ObjectCreated') && message.key) puts.push(message.key);
    });
  });
  const stop = () => new Promise<void>((done) => { child.removeAllListeners('exit'); child.on('exit', () => done()); child.kill('SIGTERM'); });
  return { port, puts, stop };
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/** Runs `<program> deploy cloudfront ...` in a copy of the fixture app and checks the bucket and the CDN. */
async function deployScenario(work: string, program: string) {
  const s3 = await startS3rver(join(work, 's3'));
  const { port, puts } = s3;
  const client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, region: 'us-east-1', credentials: CREDENTIALS });
  const exists = (key: string) => client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(() => true, () => false);
  const stateAtInvalidation: { putsSoFar: string[]; staleStillThere: boolean }[] = [];
  const cloudfront = await startFakeCloudFront(async () => {
    stateAtInvalidation.push({ putsSoFar: [...puts], staleStillThere: await exists('old/page.html') });
  });
  const docker = await startFakeDocker({ images: [IMAGE] });
  try {
    // A page the new build no longer has, and a file whose content is already current (marked so a re-upload shows).
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'old/page.html', Body: 'gone', ContentType: 'text/html' }));
    await client.send(new PutObjectCommand({
      Bucket: BUCKET, Key: 'robots.txt', Body: 'User-agent: *\nAllow: /\n',
      ContentType: 'text/plain; charset=utf-8', CacheControl: 'no-cache', Metadata: { seeded: 'yes' },
    }));
    const seededPuts = puts.length;

    const app = join(work, 'app');
    await cp(FIXTURE, app, { recursive: true });
    // No yarn on PATH: the build runs in the (fake) Docker engine, not in pilot-static's process.
    const env = {
      ...process.env,
      DOCKER_HOST: docker.host,
      PILOT_BUILD_IMAGE: IMAGE,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
      AWS_ENDPOINT_URL_CLOUDFRONT: cloudfront.url,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_CONFIG_FILE: join(work, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
    };
    const result = await run(process.execPath, [program, 'deploy', 'cloudfront', '--bucket', BUCKET, '--distribution-id', 'E2EXAMPLE', '--region', 'us-east-1', '--script', 'build', '--out-dir', 'build'], app, env);
    assert.is(result.code, 0, result.output);
    assert.equal(docker.execs, [['yarn', 'install', '--frozen-lockfile'], ['yarn', 'run', 'build']]);
    assert.not.match(JSON.stringify(docker.creates), /S3RVER|AWS_/, 'no credentials reach the build container');
    assert.equal(docker.live(), [], 'the build container is removed');

    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    assert.equal((listed.Contents ?? []).map((o) => o.Key).sort(), Object.keys(EXPECTED));
    for (const [key, headers] of Object.entries(EXPECTED)) {
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      assert.is(head.ContentType, headers.contentType, key);
      assert.is(head.CacheControl, headers.cacheControl, key);
      const body = await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();
      assert.is(body, await readFile(join(app, 'build', key), 'utf8'), key);
    }
    const robots = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'robots.txt' }));
    assert.is(robots.Metadata?.seeded, 'yes', 'an unchanged file must not be uploaded again');

    const uploaded = puts.slice(seededPuts);
    assert.equal([...uploaded].sort(), ['about/index.html', 'assets/index-BdX7k2.css', 'assets/main.3f2a1b9c.js', 'index.html']);
    assert.equal(uploaded.slice(2), ['about/index.html', 'index.html'], 'assets first, the root index.html last');

    assert.equal(cloudfront.invalidations.map((i: RecordedInvalidation) => ({ ...i, callerReference: /^pilot-static-[0-9a-f]{32}$/.test(i.callerReference) })), [
      { distributionId: 'E2EXAMPLE', callerReference: true, paths: ['/', '/about/', '/about/index.html', '/index.html'] },
    ]);
    assert.equal(stateAtInvalidation, [{ putsSoFar: puts, staleStillThere: true }], 'invalidate after every upload and before deleting');
  } finally {
    await docker.close();
    await cloudfront.close();
    await s3.stop();
  }
}

test('deploy cloudfront leaves exactly the built files with their headers, invalidates, then removes stale objects', async () => {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-e2e-'));
  try {
    await deployScenario(work, BIN);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test('the single-file bundle the runtime image ships deploys the same way', async () => {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-e2e-bundle-'));
  try {
    const bundle = join(work, 'bin/pilot-static');
    const bundled = await run(process.execPath, [BUNDLER, join(work, 'bin')], ROOT, process.env);
    assert.is(bundled.code, 0, bundled.output);
    await deployScenario(work, bundle);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test.run();
