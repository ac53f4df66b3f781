// The google provider, pinned to the version the cdktf bindings were generated from, and the GCS
// state backend when the config asks for it.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import type { StackContext } from '../emit.ts';

/** hashicorp/google release that @cdktf/provider-google 16.12.1 was generated from. */
export const GOOGLE_PROVIDER_VERSION = '6.50.0';

export function addGoogleProvider(ctx: StackContext, project: string, region: string): void {
  new GoogleProvider(ctx.stack, 'google', { project: escapeTemplate(project), region: escapeTemplate(region) });
  // cdktf writes the bare name "google" as the source; state it in full so `terraform init` never guesses.
  ctx.stack.addOverride('terraform.required_providers.google', { source: 'hashicorp/google', version: GOOGLE_PROVIDER_VERSION });
}

