// Static checks of runtime-image/Dockerfile (no Docker engine here): it parses, every base image is
// pinned to an exact version and a digest, the Waypoint download is checksum-verified before use, and
// every file it copies from the build context exists and is let through the Dockerfile's ignore file.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DockerfileParser, type From } from 'dockerfile-ast';

const ROOT = resolve(import.meta.dirname, '../..');
const dockerfile = DockerfileParser.parse(readFileSync(join(ROOT, 'runtime-image/Dockerfile'), 'utf8'));
const ignoreRules = readFileSync(join(ROOT, 'runtime-image/Dockerfile.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));

const KEYWORDS = new Set(['FROM', 'ARG', 'RUN', 'COPY', 'ADD', 'ENV', 'LABEL', 'USER', 'WORKDIR', 'ENTRYPOINT', 'CMD', 'EXPOSE', 'VOLUME', 'HEALTHCHECK', 'SHELL', 'STOPSIGNAL', 'ONBUILD']);
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[a-z0-9.]+)?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

const stages = () => dockerfile.getFROMs().map((from) => from.getBuildStage()).filter((name): name is string => name !== null);
const argValue = (name: string) => dockerfile.getARGs().find((arg) => arg.getProperty()?.getName() === name)?.getProperty()?.getValue();
const runs = () => dockerfile.getInstructions().filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');

/** Why a FROM is not pinned (empty when it is): an exact version tag and a digest, never `latest`. */
function pinProblems(image: { name: string | null; tag: string | null; digest: string | null }): string[] {
  const problems: string[] = [];
  if (!image.tag || image.tag === 'latest') problems.push('no exact tag');
  else if (!EXACT_VERSION.test(image.tag.split('-')[0])) problems.push(`tag ${image.tag} is not an exact x.y.z version`);
  if (!image.digest || !DIGEST.test(image.digest)) problems.push('no sha256 digest');
  return problems;
}
const imageOf = (from: From) => ({ name: from.getImageName(), tag: from.getImageTag(), digest: from.getImageDigest() });

const parse = suite('runtime-image/Dockerfile parses');

parse('into known instructions only', () => {
  const instructions = dockerfile.getInstructions();
  assert.ok(instructions.length > 10);
  for (const instruction of instructions) assert.ok(KEYWORDS.has(instruction.getKeyword()), `unknown instruction ${instruction.getKeyword()}`);
});

parse('into the waypoint, plugins and runtime stages', () => {
  assert.equal(stages(), ['waypoint', 'plugins']);
  assert.is(dockerfile.getFROMs().length, 3);
});

parse.run();

const pins = suite('base images');

pins('are each pinned to an exact version and a digest', () => {
  for (const from of dockerfile.getFROMs()) assert.equal(pinProblems(imageOf(from)), [], from.getImage() ?? '');
});

pins('pin check rejects floating tags, latest and missing digests', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  assert.equal(pinProblems({ name: 'node', tag: '20-alpine', digest }), ['tag 20-alpine is not an exact x.y.z version']);
  assert.equal(pinProblems({ name: 'alpine', tag: 'latest', digest }), ['no exact tag']);
  assert.equal(pinProblems({ name: 'alpine', tag: '3.20', digest }), ['tag 3.20 is not an exact x.y.z version']);
  assert.equal(pinProblems({ name: 'alpine', tag: '3.20.6', digest: null }), ['no sha256 digest']);
  assert.equal(pinProblems({ name: 'alpine', tag: null, digest }), ['no exact tag']);
});

pins('run Node 20 on Alpine 3.20 in the final image', () => {
  const final = dockerfile.getFROMs().at(-1)!;
  assert.is(final.getImageName(), 'node');
  assert.match(final.getImageTag() ?? '', /^20\.\d+\.\d+-alpine3\.20$/);
});

pins('install Alpine packages only with a version constraint', () => {
  const adds = runs().flatMap((run) => [...run.matchAll(/apk add ((?:--?[\w-]+ )*)([^&\n]+)/g)].flatMap((m) => m[2].trim().split(/\s+/)));
  assert.ok(adds.length > 0);
  for (const pkg of adds) assert.match(pkg, /^[a-z0-9-]+[~=]\d/, pkg);
});

pins.run();

const waypoint = suite('Waypoint download');

waypoint('is version 0.11.4 with a 64-hex-digit SHA-256', () => {
  assert.is(argValue('WAYPOINT_VERSION'), '0.11.4');
  assert.match(argValue('WAYPOINT_SHA256') ?? '', /^[0-9a-f]{64}$/);
});

waypoint('is verified with sha256sum -c before it is unpacked', () => {
  const download = runs().find((run) => run.includes('releases.hashicorp.com/waypoint/'));
  assert.ok(download, 'a RUN downloads Waypoint from releases.hashicorp.com');
  assert.match(download!, 'waypoint_${WAYPOINT_VERSION}_linux_amd64.zip');
  const check = download!.indexOf('echo "${WAYPOINT_SHA256}  /tmp/waypoint.zip" | sha256sum -c -');
  assert.ok(check > 0, 'the checksum ARG is fed to sha256sum -c');
  assert.ok(check < download!.indexOf('unzip'), 'verification comes before unzip');
  assert.not.match(download!, /\|\|/, 'no fallback can skip a failed check');
});

waypoint('lands at /usr/bin/waypoint, which is the entrypoint, run as the waypoint user', () => {
  const copies = dockerfile.getCOPYs().map((c) => c.getArguments().map((a) => a.getValue()).join(' '));
  assert.ok(copies.includes('/out/waypoint /usr/bin/waypoint'));
  assert.ok(copies.includes('/out/pilot-static /usr/local/bin/pilot-static'));
  assert.ok(copies.includes('/out/docker-credential-pilot-gcp /usr/local/bin/docker-credential-pilot-gcp'));
  const last = (keyword: string) => dockerfile.getInstructions().filter((i) => i.getKeyword() === keyword).at(-1)?.getArgumentsContent();
  assert.is(last('ENTRYPOINT'), '["/usr/bin/waypoint"]');
  assert.is(last('USER'), 'waypoint');
});

waypoint.run();

const context = suite('build context');

context('holds every path a COPY takes from it, and the ignore file lets each through', () => {
  const sources = dockerfile.getCOPYs().filter((copy) => copy.getFromFlag() === null).flatMap((copy) => copy.getArguments().slice(0, -1).map((a) => a.getValue()));
  assert.ok(sources.length >= 4);
  for (const source of sources) {
    assert.ok(existsSync(join(ROOT, source)), `${source} exists in the repository`);
    assert.ok(ignoreRules.includes(`!${source.replace(/\/$/, '')}`), `${source} is re-included by Dockerfile.dockerignore`);
  }
});

context('copies from stages that exist', () => {
  for (const copy of dockerfile.getCOPYs()) {
    const from = copy.getFromFlag()?.getValue();
    if (from) assert.ok(stages().includes(from), from);
  }
});

/** `'<program>': './src/<entry>.ts'` pairs of bundle.mjs's PROGRAMS table. */
const bundledPrograms = () =>
  Object.fromEntries([...readFileSync(join(ROOT, 'plugins/pilot-static/bundle.mjs'), 'utf8').matchAll(/^\s+'([a-z0-9-]+)': '(\.\/src\/[a-z0-9-]+\.ts)',$/gm)].map((m) => [m[1], m[2]]));

context('bundles every program into /out, each from an entry point that exists in the repository', () => {
  assert.ok(runs().some((run) => run === 'node plugins/pilot-static/bundle.mjs /out'));
  const programs = bundledPrograms();
  assert.equal(programs, { 'pilot-static': './src/cli.ts', 'docker-credential-pilot-gcp': './src/credential-helper-cli.ts' });
  const copied = dockerfile.getCOPYs().filter((copy) => copy.getFromFlag() === null).flatMap((copy) => copy.getArguments().slice(0, -1).map((a) => a.getValue()));
  for (const entry of Object.values(programs)) {
    const path = join('plugins/pilot-static', entry);
    assert.ok(existsSync(join(ROOT, path)), `${path} exists`);
    assert.ok(copied.some((source) => path === source || path.startsWith(`${source.replace(/\/$/, '')}/`)), `${path} is in the build context the plugins stage copies`);
  }
});

context('installs exactly the bundled programs into /usr/local/bin, under their own names', () => {
  const installed = dockerfile.getCOPYs().filter((copy) => copy.getFromFlag()?.getValue() === 'plugins').map((copy) => copy.getArguments().map((a) => a.getValue()));
  assert.equal(installed, Object.keys(bundledPrograms()).map((name) => [`/out/${name}`, `/usr/local/bin/${name}`]));
});

context.run();
