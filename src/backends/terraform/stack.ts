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

/** Removes every "//" key (cdktf metadata: versions, construct paths) and adds our own marker. */
function stripMetadata(json: TerraformJson): TerraformJson {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([k]) => k !== '//').map(([k, x]) => [k, strip(x)]));
    }
    return v;
  };
  return { '//': { generated_by: 'pilot' }, ...(strip(json) as TerraformJson) };
}
