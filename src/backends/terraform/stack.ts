// The only file that touches cdktf's App and TerraformStack. Builds one stack, calls toTerraform()
// (never app.synth(), which writes files and bakes the working directory into the output), and
// returns plain JSON with cdktf's "//" metadata replaced by a version-free marker.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';

export type TerraformJson = Record<string, unknown>;

/**
 * Runs `build` against a fresh stack and returns its Terraform JSON.
 * cdktf's App insists on an output directory it mkdirs; it is never written to.
 */
export function synthesizeStack(build: (stack: TerraformStack) => void): TerraformJson {
  const app = new App({ outdir: join(tmpdir(), 'pilot-cdktf'), stackTraces: false, skipValidation: true, context: {} });
  const stack = new TerraformStack(app, 'pilot');
  build(stack);
  return stripMetadata(stack.toTerraform() as TerraformJson);
}

/**
 * Removes cdktf's "//" metadata (versions, construct paths), which it writes at the root and in each
 * element's body, and adds our own marker. Only those places: a deep walk cost 5% of a large compile.
 */
function stripMetadata(json: TerraformJson): TerraformJson {
  const { '//': _metadata, ...rest } = json;
  for (const section of ['resource', 'data'] as const) {
    for (const byId of Object.values((rest[section] ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const body of Object.values(byId)) delete body['//'];
    }
  }
  for (const section of ['output', 'variable'] as const) {
    for (const body of Object.values((rest[section] ?? {}) as Record<string, Record<string, unknown>>)) delete body['//'];
  }
  return { '//': { generated_by: 'pilot' }, ...rest };
}
