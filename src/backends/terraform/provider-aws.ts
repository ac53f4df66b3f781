// The AWS provider, pinned to the version the bindings were generated for. cdktf would write
// `source = "aws"` and its own binding version; both are overridden here.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { TerraformStack } from 'cdktf';

/** hashicorp/aws release matching @cdktf/provider-aws 20.1.0. */
export const AWS_PROVIDER_VERSION = '5.100.0';

/** Declares the provider for `region`; every resource gets a `pilot = <name>` tag through default_tags. */
export function addAwsProvider(stack: TerraformStack, region: string, pilotName: string): AwsProvider {
  const provider = new AwsProvider(stack, 'aws', { region, defaultTags: [{ tags: { pilot: pilotName } }] });
  stack.addOverride('terraform.required_providers.aws', { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION });
  return provider;
}
