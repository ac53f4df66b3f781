// Model -> terraform/main.tf.json. One root module: providers, state backend, resources, outputs.
import type { TerraformStack } from 'cdktf';
import type { EmitResult, Emitter } from '../../compiler/artifact.ts';
import { stableStringify } from '../../compiler/canonical.ts';
import type { Model } from '../../compiler/model.ts';
import { renderCloudInit } from '../cloud-init/render.ts';
import type * as AwsGroups from './aws/index.ts';
import { usesAws, usesGcp } from './clouds-used.ts';
import type * as GcpGroups from './gcp/index.ts';
import { Addresses } from './ids.ts';
import { synthesizeStack } from './stack.ts';
import { addStateBackend } from './state-backend.ts';

/** Everything a resource-group module needs: the stack, the model, the address book. */
export type StackContext = { stack: TerraformStack; model: Model; addresses: Addresses };

/** The resource groups of each cloud; a cloud the model does not use may be left out. */
export type CloudGroups = { aws?: typeof AwsGroups; gcp?: typeof GcpGroups };

/** The root module for `model`; the server boots with `userData` (the cloud-init artifact's text). */
export function emitTerraform(model: Model, userData: string, clouds: CloudGroups): EmitResult {
  if ((usesAws(model) && !clouds.aws) || (usesGcp(model) && !clouds.gcp)) throw new Error('emitTerraform: the resource groups of a cloud the model uses were not loaded');
  const addresses = new Addresses();
  const json = synthesizeStack((stack) => {
    const ctx: StackContext = { stack, model, addresses };
    // Write-only arguments (Cloud SQL's password_wo) and S3's use_lockfile need Terraform 1.11.
    stack.addOverride('terraform.required_version', '>= 1.11.0');
    addStateBackend(stack, model.state);
    clouds.aws?.addAwsResources(ctx, { userData });
    clouds.gcp?.addGcpResources(ctx, { userData });
  });
  return {
    artifacts: [{ path: 'terraform/main.tf.json', contents: stableStringify(json) }],
    diagnostics: addresses.diagnostics,
    // Built when read (plan and apply): see emitArtifacts.
    get configPaths() {
      return addresses.book();
    },
  };
}

export const createTerraformEmitter = (clouds: CloudGroups): Emitter => ({
  name: 'terraform',
  emit: (model) => emitTerraform(model, renderCloudInit(model), clouds),
});

/**
 * Starts loading both clouds' resource groups while the config is still being evaluated (the main
 * thread waits for esbuild and the evaluation worker then); loadTerraformEmitter awaits the same
 * modules. Only a head start: nothing runs before the model says which clouds it uses.
 */
export function prefetchCloudGroups(): void {
  void import('./aws/index.ts').catch(() => undefined);
  void import('./gcp/index.ts').catch(() => undefined);
}

/** An emitter for `model` that loads only the resource groups (and cdktf bindings) of the clouds it uses. */
export async function loadTerraformEmitter(model: Model): Promise<Emitter> {
  const [aws, gcp] = await Promise.all([usesAws(model) ? import('./aws/index.ts') : undefined, usesGcp(model) ? import('./gcp/index.ts') : undefined]);
  return createTerraformEmitter({ aws, gcp });
}
