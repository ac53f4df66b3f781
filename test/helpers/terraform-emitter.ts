// The Terraform emitter with both clouds' resource groups loaded, for tests that emit directly.
// (The CLI loads only the clouds a model uses; the example goldens prove both give the same bytes.)
import * as aws from '../../src/backends/terraform/aws/index.ts';
import { createTerraformEmitter, emitTerraform } from '../../src/backends/terraform/emit.ts';
import * as gcp from '../../src/backends/terraform/gcp/index.ts';
import type { Model } from '../../src/compiler/model.ts';

export const ALL_CLOUDS = { aws, gcp };
export const terraformEmitter = createTerraformEmitter(ALL_CLOUDS);
export const emitTerraformWith = (model: Model, userData: string) => emitTerraform(model, userData, ALL_CLOUDS);
