// The Terraform state backend, always declared explicitly: cdktf's implicit LocalBackend would bake
// the working directory into the artifact. Local state is a path relative to the directory
// Terraform runs in; remote state is locked by the backend's own lock file.
import type { TerraformStack } from 'cdktf';
import { escapeTemplate } from '../../compiler/canonical.ts';
import type { ModelState } from '../../compiler/model.ts';

/** The `terraform.backend` block for `state`. */
export function stateBackendBlock(state: ModelState): Record<string, Record<string, unknown>> {
  switch (state.backend) {
    case 'local':
      return { local: { path: 'terraform.tfstate' } };
    case 's3':
      // use_lockfile: S3-native locking (Terraform >= 1.10), no DynamoDB table to create first.
      return { s3: { bucket: state.bucket, key: `${escapeTemplate(state.prefix)}/terraform.tfstate`, region: state.region, encrypt: true, use_lockfile: true } };
    case 'gcs':
      return { gcs: { bucket: state.bucket, prefix: escapeTemplate(state.prefix) } };
    default: {
      const never: never = state;
      throw new Error(`unknown state backend ${JSON.stringify(never)}`);
    }
  }
}

export function addStateBackend(stack: TerraformStack, state: ModelState): void {
  stack.addOverride('terraform.backend', stateBackendBlock(state));
}
