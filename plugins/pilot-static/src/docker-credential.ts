// The docker-credential-helpers protocol (github.com/docker/docker-credential-helpers, credentials/
// credentials.go) for a read-only helper: one action in argv, its input on stdin, its answer and its
// errors on stdout (the Docker client reads only stdout, and matches the not-found message exactly).
// Pure: the token comes from the injected source, the caller does the I/O.
import { isGoogleRegistryHost, registryHostOf, CREDENTIAL_HELPER_PROGRAM } from './google-registry-hosts.ts';

/** Returns an OAuth2 access token for Google Cloud, or throws. */
export type AccessTokenSource = () => Promise<string>;

export type CredentialResult = { exitCode: number; stdout: string };

/** Artifact Registry and Container Registry accept an access token as the password of this user. */
export const OAUTH2_USERNAME = 'oauth2accesstoken';
/** The protocol's exact wording: the Docker client treats it as "no credentials", not as a failure. */
export const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';
export const MISSING_SERVER_URL_MESSAGE = 'no credentials server URL';
export const USAGE = `Usage: ${CREDENTIAL_HELPER_PROGRAM} <store|get|erase|list>`;

const ok = (stdout: string): CredentialResult => ({ exitCode: 0, stdout });
const fail = (message: string, exitCode = 1): CredentialResult => ({ exitCode, stdout: `${message}\n` });

/** Runs one helper action. Exit codes: 0 answered, 1 failed or not found (message on stdout), 2 usage error. */
export async function runCredentialAction(argv: string[], stdin: string, token: AccessTokenSource): Promise<CredentialResult> {
  if (argv.length !== 1) return fail(USAGE, 2);
  const action = argv[0];
  switch (action) {
    case 'get':
      return get(stdin.trim(), token);
    // Nothing is stored: credentials come from Application Default Credentials on every `get`, so
    // `docker login` / `docker logout` have nothing to change (docker-credential-gcr refuses them too).
    case 'store':
    case 'erase':
      return fail(`${CREDENTIAL_HELPER_PROGRAM}: ${action} is not supported: credentials for Google registries come from Application Default Credentials`);
    case 'list':
      return ok('{}\n');
    default:
      return fail(`${CREDENTIAL_HELPER_PROGRAM}: unknown credential action ${JSON.stringify(action)}\n${USAGE}`, 2);
  }
}

async function get(serverUrl: string, token: AccessTokenSource): Promise<CredentialResult> {
  if (serverUrl === '') return fail(MISSING_SERVER_URL_MESSAGE);
  if (!isGoogleRegistryHost(registryHostOf(serverUrl))) return fail(NOT_FOUND_MESSAGE);
  let secret: string;
  try {
    secret = await token();
  } catch (error) {
    return fail(`${CREDENTIAL_HELPER_PROGRAM}: could not get a Google access token: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Same field order as the Go helpers' Credentials struct.
  return ok(`${JSON.stringify({ ServerURL: serverUrl, Username: OAUTH2_USERNAME, Secret: secret })}\n`);
}
