// Keyless Google credentials for a runner on an AWS server: a workload identity pool with an AWS
// provider that trusts only the server's IAM role, allowed to impersonate the runner service account.
// cloud-init writes an external-account credential file from the two outputs; no key exists anywhere.
import { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool/index.js';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider/index.js';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import { awsServerRoleName, gcpWifPoolId, gcpWifProviderId } from '../../../compiler/names.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';

/** Google's documented default mapping for AWS; `attribute.aws_role` is the assumed role's ARN without the session. */
const AWS_ATTRIBUTE_MAPPING = {
  'google.subject': 'assertion.arn',
  'attribute.aws_role':
    "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn",
};

export function addWorkloadIdentityFederation(ctx: GcpContext, runner: ServiceAccount): void {
  const { model, addresses } = ctx;
  const apis = ctx.api('iam.googleapis.com', 'iamcredentials.googleapis.com', 'sts.googleapis.com');
  // The provider schema requires the AWS account ID. It is read from the server role's ARN (created in
  // the same root module) rather than a data source, so planning never calls AWS.
  const accountId = '${element(split(":", aws_iam_role.server.arn), 4)}';
  const roleArn = `arn:aws:sts::${accountId}:assumed-role/${escapeTemplate(awsServerRoleName(model))}`;

  const pool = addresses.pin(
    new IamWorkloadIdentityPool(ctx.stack, 'gcp_wif_pool', {
      workloadIdentityPoolId: gcpWifPoolId(model),
      displayName: `Pilot runner (${model.name})`,
      description: 'The Pilot runner on AWS',
      project: escapeTemplate(ctx.project),
      dependsOn: apis,
    }),
    'pilot',
    'server',
  );
  const provider = addresses.pin(
    new IamWorkloadIdentityPoolProvider(ctx.stack, 'gcp_wif_provider', {
      workloadIdentityPoolId: pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: gcpWifProviderId(model),
      displayName: 'Pilot server role on AWS',
      project: escapeTemplate(ctx.project),
      aws: { accountId },
      attributeMapping: AWS_ATTRIBUTE_MAPPING,
      // Only the server's role, not every identity of the AWS account.
      attributeCondition: `attribute.aws_role == '${roleArn}'`,
    }),
    'pilot_aws',
    'server',
  );
  addresses.pin(
    new ServiceAccountIamMember(ctx.stack, 'gcp_wif_runner', {
      serviceAccountId: runner.name,
      role: 'roles/iam.workloadIdentityUser',
      member: `principalSet://iam.googleapis.com/${pool.name}/attribute.aws_role/${roleArn}`,
    }),
    'pilot_runner_wif',
    'server',
  );
  addOutput(ctx.stack, 'gcp_wif_provider', provider.name, 'Workload identity pool provider the runner on AWS exchanges its AWS credentials with');
}
