// The bootstrap script cloud-init writes to the VM and runs once (runcmd). It is a Handlebars
// template over constants from paths.ts; the model only decides whether the GCP credential
// directory exists. No `${` or `%{` in it, so Terraform embedding needs no escaping at all.
import { BOOTSTRAP_TEMPLATE, BOOTSTRAP_TEMPLATE_OPTIONS } from './bootstrap-template.ts';
import * as P from './paths.ts';
import { compileTemplate } from './template.ts';

const render = compileTemplate(BOOTSTRAP_TEMPLATE, BOOTSTRAP_TEMPLATE_OPTIONS);

export function bootstrapScript(opts: { mountGcpCredentials: boolean }): string {
  return render({
    stateDir: P.STATE_DIR,
    tlsDir: P.TLS_DIR,
    tlsCert: P.TLS_CERT_PATH,
    tlsKey: P.TLS_KEY_PATH,
    tlsKeyGid: P.TLS_KEY_GID,
    gcpCredentialsDir: P.GCP_CREDENTIALS_DIR,
    mountGcpCredentials: opts.mountGcpCredentials,
    serverInfo: P.SERVER_INFO_PATH,
    runnerEnv: P.RUNNER_ENV_PATH,
    ready: P.READY_PATH,
    serverUnit: P.SERVER_UNIT,
    runnerUnit: P.RUNNER_UNIT,
    serverContainer: P.SERVER_CONTAINER,
    serverVolume: P.SERVER_VOLUME,
    runnerId: P.RUNNER_ID,
    grpcPort: P.GRPC_PORT,
    httpPort: P.HTTP_PORT,
    runnerBridge: P.DOCKER_NETWORK_BRIDGE,
    guardScript: P.METADATA_GUARD_SCRIPT_PATH,
    guardUnit: P.METADATA_GUARD_UNIT,
  });
}
