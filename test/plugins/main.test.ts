import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCommands } from '../../plugins/pilot-static/src/build.ts';
import { main, type MainContext } from '../../plugins/pilot-static/src/main.ts';
import { startFakeDocker } from './_fake-docker.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function capture(cwd = tmpdir()): MainContext & { lines: string[] } {
  const lines: string[] = [];
  return { cwd, env: {}, out: (line) => lines.push(line), err: (line) => lines.push(line), output: () => {}, lines };
}

const cli = suite('pilot-static main');

cli('exits 2 with the usage on a missing flag, an unknown target or no arguments', async () => {
  for (const argv of [['deploy', 'cloudfront', '--bucket', 'b'], ['deploy', 'fastly'], []]) {
    const context = capture();
    assert.is(await main(argv, context), 2, argv.join(' '));
    assert.match(context.lines.join('\n'), 'usage:');
  }
});

cli('prints the usage and exits 0 for --help', async () => {
  const context = capture();
  assert.is(await main(['--help'], context), 0);
  assert.match(context.lines[0], 'pilot-static deploy cloudfront');
});

const IMAGE = 'ghcr.io/pilot-framework/pilot-runtime:0.1.0';
const ARGV = ['deploy', 'cloudfront', '--bucket', 'b', '--distribution-id', 'E1', '--region', 'us-east-1', '--out-dir', 'build'];

/** Runs the real bin in a copy of the fixture app, with a runner-like environment holding cloud credentials. */
async function runBin(script: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-main-'));
  try {
    await cp(join(ROOT, 'test/fixtures/static-site'), work, { recursive: true });
    const runnerEnv = {
      PATH: process.env.PATH!, PILOT_DEBUG: '',
      AWS_ACCESS_KEY_ID: 'AKIARUNNERFAKE', AWS_SECRET_ACCESS_KEY: 'runner-secret-fake',
      GOOGLE_APPLICATION_CREDENTIALS: '/etc/pilot/gcp/credentials.json', WAYPOINT_SERVER_ADDR: 'waypoint-server:9701',
      ...env,
    };
    return await new Promise((done, fail) => {
      const child = spawn(process.execPath, [join(ROOT, 'plugins/pilot-static/bin/pilot-static.mjs'), ...ARGV, '--script', script], { cwd: work, env: runnerEnv, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stderr }));
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const ours = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('pilot-static:'));

cli('fails a deploy whose build fails with exit 1 and one line naming the command, without a stack; the build container gets none of the runner\'s environment and is removed', async () => {
  const docker = await startFakeDocker({ images: [IMAGE] });
  try {
    const { code, stderr } = await runBin('no-such-script', { DOCKER_HOST: docker.host, PILOT_BUILD_IMAGE: IMAGE });
    assert.is(code, 1);
    assert.equal(ours(stderr), ['pilot-static: build failed: `yarn run no-such-script` exited with code 1']);
    assert.match(stderr, 'Command "no-such-script" not found', 'yarn\'s own message, streamed from the container');
    assert.not.match(stderr, /\n\s+at /);
    assert.equal(docker.execs, [['yarn', 'install', '--frozen-lockfile'], ['yarn', 'run', 'no-such-script']]);
    assert.equal(docker.creates.map((spec) => spec.Env), [['HOME=/home/node']]);
    assert.not.match(JSON.stringify(docker.creates), /AKIARUNNERFAKE|runner-secret-fake|credentials\.json|waypoint-server/);
    assert.is(docker.removed.length, 1);
    assert.equal(docker.live(), []);
  } finally {
    await docker.close();
  }
});

cli('fails with one line when PILOT_BUILD_IMAGE is not set or Docker cannot be reached', async () => {
  const unset = await runBin('build', { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
  assert.is(unset.code, 1);
  assert.equal(ours(unset.stderr), ['pilot-static: PILOT_BUILD_IMAGE is not set: it names the image the site is built in (the Pilot runner sets it)']);
  const unreachable = await runBin('build', { DOCKER_HOST: 'unix:///nonexistent/docker.sock', PILOT_BUILD_IMAGE: IMAGE });
  assert.is(unreachable.code, 1);
  assert.equal(ours(unreachable.stderr), ['pilot-static: cannot reach Docker at /nonexistent/docker.sock (ENOENT)']);
});

cli.run();

const build = suite('build step');

build('runs a frozen yarn install, then the package.json script', () => {
  assert.equal(buildCommands('build:prod'), [
    { file: 'yarn', args: ['install', '--frozen-lockfile'] },
    { file: 'yarn', args: ['run', 'build:prod'] },
  ]);
});

build.run();
