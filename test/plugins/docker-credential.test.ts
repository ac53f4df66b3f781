// The credential helper's protocol logic, with an injected token source (no Google call).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MISSING_SERVER_URL_MESSAGE, NOT_FOUND_MESSAGE, OAUTH2_USERNAME, runCredentialAction } from '../../plugins/pilot-static/src/docker-credential.ts';
import { artifactRegistryHost, isGoogleRegistryHost, registryHostOf } from '../../plugins/pilot-static/src/google-registry-hosts.ts';

const TOKEN = 'ya29.test-token';
const token = async () => TOKEN;
const noToken = async (): Promise<string> => {
  throw new Error('token source must not be called');
};

const get = suite('docker-credential-pilot-gcp get');

get('answers an Artifact Registry host with oauth2accesstoken and the token, echoing the server URL', async () => {
  const result = await runCredentialAction(['get'], 'us-central1-docker.pkg.dev\n', token);
  assert.is(result.exitCode, 0);
  assert.is(result.stdout, '{"ServerURL":"us-central1-docker.pkg.dev","Username":"oauth2accesstoken","Secret":"ya29.test-token"}\n');
  assert.equal(JSON.parse(result.stdout), { ServerURL: 'us-central1-docker.pkg.dev', Username: OAUTH2_USERNAME, Secret: TOKEN });
});

get('answers URL forms and Container Registry hosts too', async () => {
  for (const server of ['https://europe-west1-docker.pkg.dev', 'https://gcr.io/v2/', 'eu.gcr.io', 'US-DOCKER.PKG.DEV:443']) {
    const result = await runCredentialAction(['get'], server, token);
    assert.is(result.exitCode, 0, server);
    assert.is((JSON.parse(result.stdout) as { Secret: string }).Secret, TOKEN, server);
  }
});

get('reports the protocol not-found message, without asking for a token, for any other registry', async () => {
  for (const server of ['https://index.docker.io/v1/', '123456789012.dkr.ecr.us-east-1.amazonaws.com', 'ghcr.io', 'evil-docker.pkg.dev.example.com', 'notgcr.io']) {
    assert.equal(await runCredentialAction(['get'], server, noToken), { exitCode: 1, stdout: `${NOT_FOUND_MESSAGE}\n` }, server);
  }
});

get('reports a missing server URL with the protocol message', async () => {
  assert.equal(await runCredentialAction(['get'], '  \n', noToken), { exitCode: 1, stdout: `${MISSING_SERVER_URL_MESSAGE}\n` });
});

get('fails with the reason, and no credentials, when no token can be had', async () => {
  const result = await runCredentialAction(['get'], 'us-central1-docker.pkg.dev', async () => {
    throw new Error('Could not load the default credentials');
  });
  assert.is(result.exitCode, 1);
  assert.match(result.stdout, 'could not get a Google access token: Could not load the default credentials');
  assert.not.match(result.stdout, OAUTH2_USERNAME);
});

get.run();

const actions = suite('docker-credential-pilot-gcp other actions');

actions('list stores nothing, so it lists nothing', async () => {
  assert.equal(await runCredentialAction(['list'], 'unused', noToken), { exitCode: 0, stdout: '{}\n' });
});

actions('store and erase fail with a clear message: there is nothing to store', async () => {
  for (const action of ['store', 'erase']) {
    const result = await runCredentialAction([action], '{"ServerURL":"gcr.io","Username":"u","Secret":"s"}', noToken);
    assert.is(result.exitCode, 1, action);
    assert.match(result.stdout, `${action} is not supported`);
  }
});

actions('an unknown action, no action or extra arguments is a usage error (exit 2)', async () => {
  for (const argv of [['version2'], [], ['get', 'gcr.io']]) {
    const result = await runCredentialAction(argv, '', noToken);
    assert.is(result.exitCode, 2, argv.join(' '));
    assert.match(result.stdout, 'Usage: docker-credential-pilot-gcp <store|get|erase|list>');
  }
});

actions.run();

const hosts = suite('Google registry hosts');

hosts('are the regional Artifact Registry hosts and gcr.io with its regional variants', () => {
  assert.is(artifactRegistryHost('europe-west1'), 'europe-west1-docker.pkg.dev');
  for (const host of ['us-central1-docker.pkg.dev', 'us-docker.pkg.dev', 'gcr.io', 'asia.gcr.io']) assert.ok(isGoogleRegistryHost(host), host);
  for (const host of ['docker.pkg.dev', '-docker.pkg.dev', 'us-central1-python.pkg.dev', 'gcr.io.example.com', 'docker.io']) assert.not.ok(isGoogleRegistryHost(host), host);
});

hosts('are read from bare hosts, hosts with ports or paths, and URLs', () => {
  assert.is(registryHostOf('https://us-central1-docker.pkg.dev/v2/'), 'us-central1-docker.pkg.dev');
  assert.is(registryHostOf(' GCR.io:443 '), 'gcr.io');
  assert.is(registryHostOf('us-docker.pkg.dev/project/repo'), 'us-docker.pkg.dev');
});

hosts.run();
