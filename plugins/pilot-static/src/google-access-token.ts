// The production token source: Application Default Credentials, which cover both ways the runner
// holds a Google identity without a key: the VM's attached service account (metadata server) on a
// GCP server, and the external-account file GOOGLE_APPLICATION_CREDENTIALS names on an AWS server.
// The library also resolves a project ID on the way; the runner's GOOGLE_CLOUD_PROJECT answers that
// without an extra Cloud Resource Manager call (which the runner's identity may not be allowed).
import type { AccessTokenSource } from './docker-credential.ts';

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export const googleAccessToken: AccessTokenSource = async () => {
  // Loaded on use: `list` and unknown hosts answer without it.
  const { GoogleAuth } = await import('google-auth-library');
  const token = await new GoogleAuth({ scopes: CLOUD_PLATFORM_SCOPE }).getAccessToken();
  if (!token) throw new Error('Application Default Credentials returned no access token');
  return token;
};
