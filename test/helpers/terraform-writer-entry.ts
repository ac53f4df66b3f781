// Bundled by test/terraform-writer/parity.test.ts with the shipped CLI's esbuild plugin: the same
// emitter code, with cdktf and the provider bindings replaced by pilot's own Terraform JSON writer.
export * as aws from '../../src/backends/terraform/aws/index.ts';
export * as gcp from '../../src/backends/terraform/gcp/index.ts';
export { emitTerraform } from '../../src/backends/terraform/emit.ts';
// For feature-by-feature comparisons with cdktf of things the emitters do not use yet.
export { App, TerraformOutput, TerraformStack } from 'cdktf';
export { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
export { Instance } from '@cdktf/provider-aws/lib/instance/index.js';
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
