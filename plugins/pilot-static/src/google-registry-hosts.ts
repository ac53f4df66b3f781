// Which registries the Docker credential helper answers for, defined once: the helper matches hosts
// with `isGoogleRegistryHost`, and cloud-init names each Artifact Registry host in the runner's
// Docker config (`credHelpers`) with `artifactRegistryHost` and `CREDENTIAL_HELPER_NAME`.

/** Docker runs `docker-credential-<name>` for a host whose `credHelpers` entry is `<name>`. */
export const CREDENTIAL_HELPER_NAME = 'pilot-gcp';
export const CREDENTIAL_HELPER_PROGRAM = `docker-credential-${CREDENTIAL_HELPER_NAME}`;

/** The Docker registry host of Artifact Registry in one region, as images name it. */
export const artifactRegistryHost = (region: string): string => `${region}-docker.pkg.dev`;

/**
 * The host of a server URL as Docker passes it: a bare host (`us-central1-docker.pkg.dev`), a host
 * with a path or port, or a URL (`https://gcr.io/v2/`). Lower-cased; empty when there is none.
 */
export function registryHostOf(serverUrl: string): string {
  const withoutScheme = serverUrl.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split('/')[0];
  return authority.replace(/:\d+$/, '').toLowerCase();
}

/** Artifact Registry (`<location>-docker.pkg.dev`) and Container Registry (`gcr.io`, `<region>.gcr.io`). */
export function isGoogleRegistryHost(host: string): boolean {
  return /^[a-z0-9][a-z0-9-]*-docker\.pkg\.dev$/.test(host) || host === 'gcr.io' || /^[a-z0-9-]+\.gcr\.io$/.test(host);
}
