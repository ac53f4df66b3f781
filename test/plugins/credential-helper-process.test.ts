// The real docker-credential-pilot-gcp, bundled by bundle.mjs exactly as the runtime image installs it,
// run as a child process the way the Docker client runs a credential helper (action in argv, input on
// stdin, answer on stdout). The token path uses Application Default Credentials with an
// external-account file whose token endpoint is a local stand-in for Google STS, in the environment the
// runner unit gives an AWS server (GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_CLOUD_PROJECT).
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLER = join(ROOT, 'plugins/pilot-static/bundle.mjs');
const DEV_BIN = join(ROOT, 'plugins/pilot-static/bin/docker-credential-pilot-gcp.mjs');

type Run = { code: number | null; stdout: string; stderr: string };

function run(file: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(file, args, { cwd: tmpdir(), env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** No Google credentials reachable from the environment: no ADC file, no gcloud config. */
const isolatedEnv = (home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, ...extra });

const helper = suite('docker-credential-pilot-gcp as a process');
let work = '';
let program = '';
helper.before(async () => {
  work = await mkdtemp(join(tmpdir(), 'pilot-credhelper-'));
  const bundled = await run(process.execPath, [BUNDLER, join(work, 'bin')], '', process.env);
  assert.is(bundled.code, 0, bundled.stdout + bundled.stderr);
  program = join(work, 'bin/docker-credential-pilot-gcp');
});
helper.after(async () => {
  await rm(work, { recursive: true, force: true });
});

helper('is bundled as an executable file', async () => {
  assert.ok(((await stat(program)).mode & 0o111) !== 0);
});

helper('lists no stored credentials, as the Docker client calls it', async () => {
  const result = await run(program, ['list'], 'unused', isolatedEnv(work));
  assert.equal(result, { code: 0, stdout: '{}\n', stderr: '' });
});

helper('answers a registry it does not serve with the protocol not-found message and exit 1', async () => {
  const result = await run(program, ['get'], 'https://index.docker.io/v1/', isolatedEnv(work));
  assert.equal(result, { code: 1, stdout: 'credentials not found in native keychain\n', stderr: '' });
});

helper('exits 2 with the usage for an unknown action', async () => {
  const result = await run(program, ['login'], '', isolatedEnv(work));
  assert.is(result.code, 2);
  assert.match(result.stdout, 'Usage: docker-credential-pilot-gcp');
});

helper('gets an access token through an external-account credential file for an Artifact Registry host', async () => {
  const requests: Array<{ path: string; body: URLSearchParams }> = [];
  const sts = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ path: req.url ?? '', body: new URLSearchParams(body) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ access_token: 'sts-access-token', issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', expires_in: 3600 }));
  });
  await new Promise<void>((ready) => sts.listen(0, '127.0.0.1', ready));
  try {
    const port = (sts.address() as AddressInfo).port;
    const subjectToken = join(work, 'subject-token');
    const credentials = join(work, 'credentials.json');
    await writeFile(subjectToken, 'federated-subject-token');
    await writeFile(credentials, JSON.stringify({
      type: 'external_account',
      audience: '//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pilot/providers/aws',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `http://127.0.0.1:${port}/v1/token`,
      credential_source: { file: subjectToken },
    }));
    const result = await run(program, ['get'], 'europe-west1-docker.pkg.dev', isolatedEnv(work, { GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: 'acme-prod' }));
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.equal(JSON.parse(result.stdout), { ServerURL: 'europe-west1-docker.pkg.dev', Username: 'oauth2accesstoken', Secret: 'sts-access-token' });
    assert.is(requests.length, 1);
    assert.is(requests[0].path, '/v1/token');
    assert.is(requests[0].body.get('subject_token'), 'federated-subject-token');
    assert.is(requests[0].body.get('scope'), 'https://www.googleapis.com/auth/cloud-platform');
  } finally {
    await new Promise((closed) => sts.close(closed));
  }
});

helper.run();

const dev = suite('docker-credential-pilot-gcp development bin');

dev('runs the TypeScript sources with the same answers', async () => {
  assert.equal(await run(DEV_BIN, ['list'], 'unused', { ...process.env, GOOGLE_APPLICATION_CREDENTIALS: '' }), { code: 0, stdout: '{}\n', stderr: '' });
});

dev.run();
