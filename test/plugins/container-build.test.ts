// pilot-static's build in a throwaway container, against the fake Docker Engine API (_fake-docker.ts),
// which really runs the yarn commands in a directory standing for the container.
//
// Docker facts the code relies on, checked in moby v20.10.24 (Debian 12's docker.io is
// 20.10.24+dfsg1-1+deb12u1, `apt-cache policy docker.io`):
// - API v1.41 is that engine's version: api/common.go DefaultVersion = "1.41".
// - Shapes: api/swagger.yaml: create 201 {Id, Warnings}; PUT/GET /containers/{id}/archive 200 (GET is
//   application/x-tar, 404 when the path is missing); POST /containers/{id}/exec 201 {Id}; POST
//   /exec/{id}/start {Detach, Tty}; GET /exec/{id}/json {Running, ExitCode}; DELETE ?force&v 204;
//   errors {"message"}; HostConfig.NetworkMode "bridge" is Docker's default bridge; AutoRemove is
//   done by the daemon when the container's process exits.
// - Multiplexed stream (no TTY): 8-byte header {STREAM_TYPE, 0, 0, 0, SIZE big endian}, type 1 stdout,
//   2 stderr, 0 stdin written on stdout (swagger "Stream format"; exec start uses stdcopy.NewStdWriter,
//   api/server/router/container/exec.go, after hijacking with "HTTP/1.1 200 OK" and no length).
// - The exec's ExitCode is set before its streams close (daemon/monitor.go ProcessEvent).
// - An exec takes the container's User, WorkingDir and Env (daemon/exec.go ContainerExecCreate) and
//   process spec, so its dropped capabilities and no-new-privileges (daemon/exec_linux.go: only
//   Privileged changes them); "no-new-privileges" is a SecurityOpt (daemon/daemon_unix.go).
// - The archive upload chowns each entry to its tar header's uid/gid (pkg/archive createTarFile Lchown;
//   daemon/archive_tarcopyoptions.go leaves NoLchown off). copyUIDGID is not used: it looks the user
//   up with idtools.LookupUser (archive_tarcopyoptions_unix.go), not in the container's /etc/passwd.
// - WorkingDir is created (root-owned) at create (daemon/create_unix.go SetupWorkingDirectory); an
//   archive directory entry over an existing directory is merged and chowned (pkg/archive Unpack).
// - GET archive names entries after the requested path's base name (daemon/archive.go,
//   TarResourceRebaseOpts(sourceBase, Base(absPath))).
// - Env given at create is merged with the image's ENV (daemon/commit.go merge).
// - Image "repo:tag@digest" is looked up by its digest (reference/store.go Get), as the runner unit runs it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { extract, pack } from 'tar-stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BuildError } from '../../plugins/pilot-static/src/build.ts';
import { buildInContainer, type ContainerBuild } from '../../plugins/pilot-static/src/container-build.ts';
import { dockerClient, dockerSocketPath, DockerApiError } from '../../plugins/pilot-static/src/docker-api.ts';
import { demultiplex } from '../../plugins/pilot-static/src/docker-stream.ts';
import { extractDirectory, UnsafeArchiveError } from '../../plugins/pilot-static/src/tar-files.ts';
import { startFakeDocker, type FakeDocker } from './_fake-docker.ts';

const IMAGE = 'ghcr.io/pilot-framework/pilot-runtime:0.1.0@sha256:' + 'a'.repeat(64);

const BUILD_MJS = `import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
rmSync('build', { recursive: true, force: true });
mkdirSync('build/assets', { recursive: true });
writeFileSync('build/index.html', '<h1>built in the container</h1>\\n');
writeFileSync('build/assets/app.0123abcd.js', 'console.log(1);\\n');
writeFileSync('build/env.json', JSON.stringify(Object.keys(process.env).sort()));
console.log('wrote build/');
`;

/** A small yarn app, with a stale build/ from an earlier deploy. */
async function makeApp(packageJson?: string): Promise<string> {
  const app = await mkdtemp(join(tmpdir(), 'pilot-static-app-'));
  await writeFile(join(app, 'package.json'), packageJson ?? JSON.stringify({ name: 'site', version: '1.0.0', private: true, scripts: { build: 'node build.mjs', fail: 'node -e "process.exit(3)"' } }));
  await writeFile(join(app, 'yarn.lock'), '# yarn lockfile v1\n\n\n');
  await writeFile(join(app, 'build.mjs'), BUILD_MJS);
  await mkdir(join(app, 'build'));
  await writeFile(join(app, 'build/stale.txt'), 'from the last deploy');
  return app;
}

function buildWith(docker: FakeDocker, overrides: Partial<ContainerBuild> = {}) {
  const output: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  const build: ContainerBuild = {
    docker: dockerClient(dockerSocketPath({ DOCKER_HOST: docker.host })),
    image: IMAGE, script: 'build', outDir: 'build',
    output: (stream, chunk) => (output[stream] += chunk.toString()),
    ...overrides,
  };
  return { build, output };
}

async function tarEntries(tar: Buffer) {
  const entries: Array<{ name: string; uid: number; gid: number; type: string; body: string }> = [];
  const reader = extract();
  Readable.from([tar]).pipe(reader as unknown as NodeJS.WritableStream);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.push({ name: entry.header.name, uid: entry.header.uid, gid: entry.header.gid, type: entry.header.type, body: Buffer.concat(chunks).toString() });
  }
  return entries;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(() => assert.unreachable('should fail') as never, (error: Error) => error);
}

const build = suite('container build');
let docker: FakeDocker;
let app: string;
build.before.each(async () => {
  docker = await startFakeDocker({ images: [IMAGE] });
  app = await makeApp();
});
build.after.each(async () => {
  await docker.close();
  await rm(app, { recursive: true, force: true });
});

build('builds in the container and replaces the app directory\'s output directory with the container\'s', async () => {
  const { build: options, output } = buildWith(docker);
  await buildInContainer(app, options);
  assert.equal((await readdir(join(app, 'build'), { recursive: true })).sort(), ['assets', 'assets/app.0123abcd.js', 'env.json', 'index.html']);
  assert.is(await readFile(join(app, 'build/index.html'), 'utf8'), '<h1>built in the container</h1>\n');
  assert.equal(docker.execs, [['yarn', 'install', '--frozen-lockfile'], ['yarn', 'run', 'build']]);
  assert.match(output.stdout, 'wrote build/', 'the build\'s output is streamed');
  assert.match(output.stdout, '$ node build.mjs');
  assert.equal(docker.live(), [], 'the container is removed');
  assert.is(docker.removed.length, 1);
});

build('creates the container on the default bridge, with no mounts, no runner environment, a non-root user and no capabilities', async () => {
  await buildInContainer(app, buildWith(docker).build);
  assert.is(docker.creates.length, 1);
  const [spec] = docker.creates as Array<Record<string, any>>;
  assert.is(spec.Image, IMAGE);
  assert.equal(spec.Entrypoint.slice(0, 2), ['node', '-e'], 'not the image\'s waypoint entrypoint');
  assert.is(spec.HostConfig.NetworkMode, 'bridge', 'Docker\'s default bridge, which the DOCKER-USER rule cuts off from 169.254.169.254');
  assert.equal(spec.HostConfig.Binds, []);
  assert.equal(spec.HostConfig.Mounts, []);
  assert.not.match(JSON.stringify(spec), 'docker.sock');
  assert.not.ok(spec.Volumes, 'no volumes');
  assert.equal(spec.Env, ['HOME=/home/node'], 'only what the build needs, nothing from the runner');
  assert.is(spec.User, '1000:1000');
  assert.equal(spec.HostConfig.CapDrop, ['ALL']);
  assert.equal(spec.HostConfig.SecurityOpt, ['no-new-privileges']);
  assert.is(spec.HostConfig.Privileged, false);
  assert.is(spec.WorkingDir, '/home/node/app');
  const env = JSON.parse(await readFile(join(app, 'build/env.json'), 'utf8')) as string[];
  assert.ok(env.every((name) => !/^(AWS_|GOOGLE_|WAYPOINT_|DOCKER_)/.test(name)), env.join(' '));
});

build('uploads the app directory\'s sources under app/, owned by the build user', async () => {
  await buildInContainer(app, buildWith(docker).build);
  assert.is(docker.uploads.length, 1);
  assert.is(docker.uploads[0].path, '/home/node');
  const entries = await tarEntries(docker.uploads[0].tar);
  assert.ok(entries.every((e) => e.name === 'app/' || e.name.startsWith('app/')), entries.map((e) => e.name).join(' '));
  assert.ok(entries.every((e) => e.uid === 1000 && e.gid === 1000), 'every entry owned by node (1000:1000)');
  assert.is(entries.find((e) => e.name === 'app/build.mjs')?.body, BUILD_MJS);
  assert.ok(entries.some((e) => e.name === 'app/package.json' && e.type === 'file'));
  assert.ok(entries.some((e) => e.name === 'app/yarn.lock'));
});

build('a failing script stops the build with one line naming it and its exit code, and removes the container', async () => {
  const error = await rejection(buildInContainer(app, buildWith(docker, { script: 'fail' }).build));
  assert.instance(error, BuildError);
  assert.is(error.message, 'build failed: `yarn run fail` exited with code 3');
  assert.equal(docker.live(), []);
  assert.ok(existsSync(join(app, 'build/stale.txt')), 'a failed build leaves the app directory as it was');
});

build('a failing install stops before the script', async () => {
  await writeFile(join(app, 'package.json'), '{ not json');
  const error = await rejection(buildInContainer(app, buildWith(docker).build));
  assert.match(error.message, /^build failed: `yarn install --frozen-lockfile` exited with code [1-9]\d*$/);
  assert.equal(docker.execs, [['yarn', 'install', '--frozen-lockfile']]);
  assert.equal(docker.live(), []);
});

build('the script name is an argument, never shell syntax', async () => {
  const error = await rejection(buildInContainer(app, buildWith(docker, { script: 'build; touch pwned' }).build));
  assert.is(error.message, 'build failed: `yarn run build; touch pwned` exited with code 1');
  assert.equal(docker.execs[1], ['yarn', 'run', 'build; touch pwned']);
  assert.equal(docker.live(), []);
});

build('removes the container when Docker refuses a step', async () => {
  await docker.close();
  docker = await startFakeDocker({ images: [IMAGE], failStart: true });
  const error = await rejection(buildInContainer(app, buildWith(docker).build));
  assert.instance(error, DockerApiError);
  assert.is(error.message, 'Docker answered 500: fake Docker: start refused');
  assert.is(docker.removed.length, 1);
  assert.equal(docker.live(), []);
});

build('says which output directory the build did not write, and removes the container', async () => {
  const error = await rejection(buildInContainer(app, buildWith(docker, { outDir: 'dist' }).build));
  assert.instance(error, BuildError);
  assert.match(error.message, /^build output dist not found in the build container: check --out-dir and the build script \(Docker answered 404: Could not find the file \/home\/node\/app\/dist/);
  assert.equal(docker.live(), []);
});

build('refuses an output directory outside the app directory before starting anything', async () => {
  for (const outDir of ['../elsewhere', '/etc', '.', 'build/../..']) {
    const error = await rejection(buildInContainer(app, buildWith(docker, { outDir }).build));
    assert.instance(error, BuildError, outDir);
  }
  assert.equal(docker.creates, []);
});

build('reports an image Docker does not have, with nothing to remove', async () => {
  const error = await rejection(buildInContainer(app, buildWith(docker, { image: 'nope:1' }).build));
  assert.is(error.message, 'Docker answered 404: No such image: nope:1');
  assert.equal(docker.removed, []);
});

build.run();

const archive = suite('build output archive');

archive('refuses an entry that climbs out of the output directory, writing nothing outside', async () => {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-tar-'));
  try {
    const tar = pack();
    tar.entry({ name: 'build/ok.html' }, 'ok');
    tar.entry({ name: 'build/../../evil.txt' }, 'evil');
    tar.finalize();
    await mkdir(join(work, 'app'));
    const error = await rejection(extractDirectory(tar as unknown as Readable, 'build', join(work, 'app/build'), join(work, 'app')));
    assert.instance(error, UnsafeArchiveError);
    assert.not.ok(existsSync(join(work, 'evil.txt')));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

archive('writes regular files and directories only, skipping links', async () => {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-tar-'));
  try {
    const tar = pack();
    tar.entry({ name: 'build/', type: 'directory' });
    tar.entry({ name: 'build/index.html' }, 'home');
    tar.entry({ name: 'build/passwd', type: 'symlink', linkname: '/etc/passwd' });
    tar.entry({ name: 'other/x.txt' }, 'not ours');
    tar.finalize();
    await mkdir(join(work, 'app'));
    const files = await extractDirectory(tar as unknown as Readable, 'build', join(work, 'app/build'), join(work, 'app'));
    assert.is(files, 1);
    assert.equal(await readdir(join(work, 'app/build')), ['index.html']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

archive('refuses an output directory reached through a symlink, touching nothing it points at', async () => {
  const work = await mkdtemp(join(tmpdir(), 'pilot-static-tar-'));
  try {
    await mkdir(join(work, 'app'));
    await mkdir(join(work, 'outside/build'), { recursive: true });
    await writeFile(join(work, 'outside/build/keep.txt'), 'not the build\'s');
    // A repository can check out a symlink where the output directory or one of its parents goes.
    await symlink(join(work, 'outside'), join(work, 'app/site'));
    await symlink(join(work, 'outside/build'), join(work, 'app/build'));
    for (const [root, destination] of [['build', 'app/site/build'], ['build', 'app/build']]) {
      const tar = pack();
      tar.entry({ name: `${root}/index.html` }, 'home');
      tar.finalize();
      const error = await rejection(extractDirectory(tar as unknown as Readable, root, join(work, destination), join(work, 'app')));
      assert.instance(error, UnsafeArchiveError, destination);
    }
    assert.equal(await readdir(join(work, 'outside/build')), ['keep.txt']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

archive.run();

const stream = suite('Docker stream and socket');

function frame(type: number, text: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
}

stream('demultiplexes frames split anywhere across chunks (API reference, "Stream format")', async () => {
  const bytes = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err\n'), frame(0, 'stdin echo\n'), frame(1, '')]);
  const chunks = [bytes.subarray(0, 3), bytes.subarray(3, 17), bytes.subarray(17)];
  const seen: string[] = [];
  await demultiplex(Readable.from(chunks), (name, chunk) => seen.push(`${name}:${chunk}`));
  assert.equal(seen, ['stdout:out 1\n', 'stderr:err\n', 'stdout:stdin echo\n']);
  const cut = await rejection(demultiplex(Readable.from([frame(1, 'abc').subarray(0, 10)]), () => {}));
  assert.match(cut.message, 'ended inside a frame');
});

stream('finds Docker at DOCKER_HOST=unix://... or the default socket, and refuses TCP', () => {
  assert.is(dockerSocketPath({}), '/var/run/docker.sock');
  assert.is(dockerSocketPath({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }), '/run/user/1000/docker.sock');
  assert.throws(() => dockerSocketPath({ DOCKER_HOST: 'tcp://10.0.0.1:2375' }), /only through a unix:\/\/ socket/);
});

stream('says when Docker cannot be reached', async () => {
  const error = await rejection(dockerClient('/nonexistent/docker.sock').createContainer({}));
  assert.is(error.message, 'cannot reach Docker at /nonexistent/docker.sock (ENOENT)');
});

stream.run();
