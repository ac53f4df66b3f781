// How the runner reaches the clouds: only through the identity the VM already has. No key files.
// - AWS server: the SDKs' default chain reads the instance profile from IMDSv2. A container is one
//   network hop further than the host, so the instance needs http_put_response_hop_limit >= 2.
// - GCP server: the attached service account, from the metadata server. Nothing to configure.
// - AWS server deploying to GCP: Workload Identity Federation. Its provider and service account are
//   Terraform outputs (gcp_wif_provider, gcp_runner_service_account), unknown at compile time, so
//   `pilot apply` writes the external-account credential config (it holds no key) to
//   GCP_CREDENTIALS_PATH later; the runner only gets the mount and the variable pointing at it.
import type { Model } from '../../compiler/model.ts';
import { GCP_CREDENTIALS_PATH } from './paths.ts';

export type RunnerCloudEnv = { env: [name: string, value: string][]; mountGcpCredentials: boolean };

export function runnerCloudEnv(model: Model): RunnerCloudEnv {
  const env: [string, string][] = [];
  const server = model.server;
  const awsRegion = server.cloud === 'aws' ? server.region : model.clouds.aws?.region;
  if (awsRegion) env.push(['AWS_REGION', awsRegion], ['AWS_DEFAULT_REGION', awsRegion]);
  const gcpProject = server.cloud === 'gcp' ? server.project : model.clouds.gcp?.project;
  if (gcpProject) env.push(['GOOGLE_CLOUD_PROJECT', gcpProject]);
  const mountGcpCredentials = server.cloud === 'aws' && model.clouds.gcp !== undefined;
  if (mountGcpCredentials) env.push(['GOOGLE_APPLICATION_CREDENTIALS', GCP_CREDENTIALS_PATH]);
  return { env, mountGcpCredentials };
}
