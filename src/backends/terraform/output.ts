// Outputs live in the stack's construct namespace beside resources; give them their own construct ID
// and pin the Terraform name, so an output and a resource may share a name.
import { TerraformOutput, type TerraformStack } from 'cdktf';

export function addOutput(stack: TerraformStack, name: string, value: unknown, description: string): TerraformOutput {
  const output = new TerraformOutput(stack, `output_${name}`, { value, description });
  output.overrideLogicalId(name);
  return output;
}
