import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStaticDeployArgv, staticDeployArgv, UsageError, type StaticDeployOptions } from '../../plugins/pilot-static/src/command.ts';
import { uuidFrom } from '../../plugins/pilot-static/src/cloud-cdn-invalidator.ts';

const argv = suite('pilot-static command line');

const CLOUDFRONT: StaticDeployOptions = { target: 'cloudfront', bucket: 'acme-web', distributionId: 'E123', region: 'us-east-1', script: 'build', outDir: 'build' };
const CLOUD_CDN: StaticDeployOptions = { target: 'cloud-cdn', bucket: 'acme-site', urlMap: 'acme-site-map', project: 'acme-prod', script: 'build', outDir: 'dist' };

argv('round-trips the options of both targets', () => {
  for (const options of [CLOUDFRONT, CLOUD_CDN]) {
    const [program, ...rest] = staticDeployArgv(options);
    assert.is(program, 'pilot-static');
    assert.equal(parseStaticDeployArgv(rest as string[]), options);
  }
});

argv('rejects a missing required flag with a usage error naming it', () => {
  const rest = (staticDeployArgv(CLOUDFRONT) as string[]).slice(1);
  const without = rest.filter((_, i) => rest[i] !== '--distribution-id' && rest[i - 1] !== '--distribution-id');
  assert.throws(() => parseStaticDeployArgv(without), (error: Error) => error instanceof UsageError && error.message.includes('--distribution-id'));
});

argv('rejects unknown commands, targets, flags and flags without a value', () => {
  for (const bad of [['publish', 'cloudfront'], ['deploy', 'netlify'], ['deploy', 'cloudfront', '--bucket'], ['deploy', 'cloudfront', '--color', 'red']]) {
    assert.throws(() => parseStaticDeployArgv(bad), (error: Error) => error instanceof UsageError, bad.join(' '));
  }
});

argv.run();

const uuid = suite('uuidFrom');

uuid('turns a sync id into a UUID, the same one every time', () => {
  const id = 'pilot-static-0123456789abcdef0123456789abcdef';
  assert.match(uuidFrom(id), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.is(uuidFrom(id), uuidFrom(id));
});

uuid.run();
