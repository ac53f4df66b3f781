// Model -> terraform/main.tf.json. One root module: providers, state backend, resources, outputs.
import type { TerraformStack } from 'cdktf';
import type { EmitResult, Emitter } from '../../compiler/artifact.ts';
import { stableStringify } from '../../compiler/canonical.ts';
import type { Model } from '../../compiler/model.ts';
import { renderCloudInit } from '../cloud-init/render.ts';
import { addAwsResources } from './aws/index.ts';
import { addGcpResources } from './gcp/index.ts';
import { Addresses } from './ids.ts';
import { synthesizeStack } from './stack.ts';
import { addStateBackend } from './state-backend.ts';

/** Everything a resource-group module needs: the stack, the model, the address book. */
export type StackContext = { stack: TerraformStack; model: Model; addresses: Addresses };

/** The root module for `model`; the server boots with `userData` (the cloud-init artifact's text). */
export function emitTerraform(model: Model, userData: string): EmitResult {
  const addresses = new Addresses();
  const json = synthesizeStack((stack) => {
    const ctx: StackContext = { stack, model, addresses };
    // Write-only arguments (Cloud SQL's password_wo) and S3's use_lockfile need Terraform 1.11.
    stack.addOverride('terraform.required_version', '>= 1.11.0');
    addStateBackend(stack, model.state);
    addAwsResources(ctx, { userData });
    addGcpResources(ctx, { userData });
  });
  return { artifacts: [{ path: 'terraform/main.tf.json', contents: stableStringify(json) }], diagnostics: addresses.diagnostics };
}

export const terraformEmitter: Emitter = { name: 'terraform', emit: (model) => emitTerraform(model, renderCloudInit(model)) };
