// Model -> terraform/main.tf.json. One root module: providers, state backend, resources, outputs.
import type { TerraformStack } from 'cdktf';
import type { Emitter } from '../../compiler/artifact.ts';
import { stableStringify } from '../../compiler/canonical.ts';
import type { Model } from '../../compiler/model.ts';
import { addAwsResources, type UserDataSource } from './aws/index.ts';
import { Addresses } from './ids.ts';
import { synthesizeStack } from './stack.ts';
import { addStateBackend } from './state-backend.ts';

/** Everything a resource-group module needs: the stack, the model, the address book. */
export type StackContext = { stack: TerraformStack; model: Model; addresses: Addresses };

/** Where the server's user data comes from, given the model. */
export type UserDataFor = (model: Model) => UserDataSource;

/** Until the cloud-init emitter is wired in: the cloud-init artifact beside this one, read at plan time. */
export const cloudInitArtifact: UserDataFor = () => ({ artifact: '../cloud-init/user-data.yaml' });

export function createTerraformEmitter(userData: UserDataFor): Emitter {
  return {
    name: 'terraform',
    emit(model) {
      const addresses = new Addresses();
      const json = synthesizeStack((stack) => {
        const ctx: StackContext = { stack, model, addresses };
        addStateBackend(stack, model.state);
        addAwsResources(ctx, { userData: userData(model) });
      });
      return { artifacts: [{ path: 'terraform/main.tf.json', contents: stableStringify(json) }], diagnostics: addresses.diagnostics };
    },
  };
}

export const terraformEmitter: Emitter = createTerraformEmitter(cloudInitArtifact);
