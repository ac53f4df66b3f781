// Files the runner needs that only exist after Terraform ran. Pure.
//
// The Google external-account credential configuration for a runner on an AWS server deploying to
// Google (Workload Identity Federation, no key). Its shape is what `gcloud iam workload-identity-pools
// create-cred-config --aws --enable-imdsv2` writes; google-auth-library's AWS client reads
// `credential_source` (environment_id "aws1", region_url, url, regional_cred_verification_url) and,
// when `imdsv2_session_token_url` is present, fetches an IMDSv2 session token first
// (googleapis.dev/nodejs/google-auth-library DefaultAwsSecurityCredentialsSupplier). pilot's AWS
// server requires IMDSv2 (http_tokens = "required"), so that field is mandatory here.
import { stableStringify } from '../compiler/canonical.ts';
import { CODES, type Diagnostic, error } from '../compiler/diagnostics.ts';
import type { Model } from '../compiler/model.ts';
import type { TerraformOutputs } from '../backends/terraform/runner.ts';

const IMDS = 'http://169.254.169.254';

export function needsGcpCredentialFile(model: Model): boolean {
  return model.server.cloud === 'aws' && model.clouds.gcp !== undefined;
}

/** `provider` is the pool provider's full resource name (projects/N/locations/global/workloadIdentityPools/P/providers/Q). */
export function gcpCredentialFile(provider: string, serviceAccountEmail: string): string {
  return stableStringify({
    type: 'external_account',
    audience: `//iam.googleapis.com/${provider}`,
    subject_token_type: 'urn:ietf:params:aws:token-type:aws4_request',
    service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${serviceAccountEmail}:generateAccessToken`,
    token_url: 'https://sts.googleapis.com/v1/token',
    credential_source: {
      environment_id: 'aws1',
      region_url: `${IMDS}/latest/meta-data/placement/availability-zone`,
      url: `${IMDS}/latest/meta-data/iam/security-credentials`,
      regional_cred_verification_url: 'https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15',
      imdsv2_session_token_url: `${IMDS}/latest/api/token`,
    },
  });
}

/** The credential file from Terraform's outputs, or the diagnostics saying which output is missing. */
export function gcpCredentialFromOutputs(outputs: TerraformOutputs): { contents?: string; diagnostics: Diagnostic[] } {
  const provider = outputs.gcp_wif_provider?.value;
  const sa = outputs.gcp_runner_service_account?.value;
  if (typeof provider !== 'string' || typeof sa !== 'string')
    return { diagnostics: [error(CODES.OUTPUT_MISSING, 'Terraform outputs gcp_wif_provider and gcp_runner_service_account are needed for the runner\'s Google credentials', { hint: 'Rerun pilot apply' })] };
  return { contents: gcpCredentialFile(provider, sa), diagnostics: [] };
}
