import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BuildError, buildCommands, runCommands } from '../../plugins/pilot-static/src/build.ts';
import { main, type MainContext } from '../../plugins/pilot-static/src/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function capture(cwd = tmpdir()): MainContext & { lines: string[] } {
  const lines: string[] = [];
  return { cwd, env: {}, out: (line) => lines.push(line), err: (line) => lines.push(line), lines };
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

cli('fails a deploy whose build fails with exit 1 and one line naming the command, without a stack', async () => {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-main-'));
  try {
    await cp(join(ROOT, 'test/fixtures/static-site'), work, { recursive: true });
    const env = { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`, PILOT_DEBUG: '' };
    const argv = ['deploy', 'cloudfront', '--bucket', 'b', '--distribution-id', 'E1', '--region', 'us-east-1', '--script', 'no-such-script', '--out-dir', 'build'];
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
      const child = spawn(process.execPath, [join(ROOT, 'plugins/pilot-static/bin/pilot-static.mjs'), ...argv], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stderr }));
    });
    assert.is(code, 1);
    const ours = stderr.split('\n').filter((line) => line.startsWith('pilot-static:'));
    assert.equal(ours, ['pilot-static: build failed: `yarn run no-such-script` exited with code 1']);
    assert.not.match(stderr, /\n\s+at /);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

cli.run();

const build = suite('build step');

build('runs a frozen yarn install, then the package.json script', () => {
  assert.equal(buildCommands('build:prod'), [
    { file: 'yarn', args: ['install', '--frozen-lockfile'] },
    { file: 'yarn', args: ['run', 'build:prod'] },
  ]);
});

build('stops at the first failing command and names it with its exit code', async () => {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-build-'));
  const commands = [
    { file: process.execPath, args: ['-e', 'process.exit(3)'] },
    { file: process.execPath, args: ['-e', 'require("node:fs").writeFileSync("second-ran", "")'] },
  ];
  try {
    await runCommands(commands, work).then(() => assert.unreachable('the build should fail'), (error: Error) => {
      assert.instance(error, BuildError);
      assert.match(error.message, /exited with code 3$/);
    });
    assert.not.ok(existsSync(join(work, 'second-ran')), 'the second command must not run');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

build('says so when the build tool is not installed', async () => {
  try {
    await runCommands([{ file: 'pilot-no-such-tool', args: [] }], tmpdir());
    assert.unreachable('the build should fail');
  } catch (error) {
    assert.instance(error, BuildError);
    assert.is((error as Error).message, 'build failed: `pilot-no-such-tool` pilot-no-such-tool is not installed');
  }
});

build.run();
