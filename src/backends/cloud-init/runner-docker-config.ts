// The Docker CLI config the runner's pushes read. Waypoint's `docker` registry plugin, given no `auth`
// block (our Artifact Registry stanza has none), loads `$DOCKER_CONFIG/config.json` and asks the
// credential helper its `credHelpers` names for the image's registry host (Waypoint v0.11.4,
// builtin/docker/registry_push.go: config.LoadDefaultConfigFile + GetAuthConfig). Our helper,
// docker-credential-pilot-gcp in the runtime image, answers with an access token of the VM's own
// Google identity, so no key or stored login is involved.
import { artifactRegistryHost, CREDENTIAL_HELPER_NAME } from '../../../plugins/pilot-static/src/google-registry-hosts.ts';
import { stableStringify } from '../../compiler/canonical.ts';
import type { Model } from '../../compiler/model.ts';

/** Every Artifact Registry host an app pushes to, sorted and without repeats. */
export function artifactRegistryHosts(model: Model): string[] {
  const hosts = new Set<string>();
  for (const project of model.projects)
    for (const app of project.apps) if (app.registry?.kind === 'artifactRegistry') hosts.add(artifactRegistryHost(app.registry.region));
  return [...hosts].sort();
}

/** The config.json text, or undefined when nothing pushes to Artifact Registry (then no file, no mount). */
export function runnerDockerConfig(model: Model): string | undefined {
  const hosts = artifactRegistryHosts(model);
  if (hosts.length === 0) return undefined;
  return stableStringify({ credHelpers: Object.fromEntries(hosts.map((host) => [host, CREDENTIAL_HELPER_NAME])) });
}
