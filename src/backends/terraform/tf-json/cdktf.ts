// What the shipped CLI gets for `import ... from 'cdktf'` (mapped in scripts/build.mjs).
export { App, DataResource, Fn, TerraformElement, TerraformLocal, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable } from './elements.ts';
