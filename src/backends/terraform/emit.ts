// Model -> terraform/main.tf.json. One root module: providers, state backend, resources, outputs.
import type { TerraformStack } from 'cdktf';
import type { Emitter } from '../../compiler/artifact.ts';
import { stableStringify } from '../../compiler/canonical.ts';
import type { Model } from '../../compiler/model.ts';
import { renderCloudInit } from '../cloud-init/render.ts';
import { addGcpResources } from './gcp/index.ts';
import { Addresses } from './ids.ts';
import { synthesizeStack } from './stack.ts';

/** Everything a resource-group module needs: the stack, the model, the address book. */
export type StackContext = { stack: TerraformStack; model: Model; addresses: Addresses };

export const terraformEmitter: Emitter = {
  name: 'terraform',
  emit(model) {
    const addresses = new Addresses();
    const json = synthesizeStack((stack) => {
      const ctx: StackContext = { stack, model, addresses };
      addGcpResources(ctx, { userData: renderCloudInit(model) });
    });
    return { artifacts: [{ path: 'terraform/main.tf.json', contents: stableStringify(json) }], diagnostics: addresses.diagnostics };
  },
};
