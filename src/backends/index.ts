// Every emitter, in one place. Adding a backend means adding it here.
import type { Emitter } from '../compiler/artifact.ts';
import type { Model } from '../compiler/model.ts';
import { cloudInitEmitter } from './cloud-init/emit.ts';
import { loadTerraformEmitter } from './terraform/emit.ts';

export { prefetchCloudGroups } from './terraform/emit.ts';
import { waypointEmitter } from './waypoint/emit.ts';

/** The emitters `model` needs, with only the cloud bindings it uses loaded. */
export async function loadEmitters(model: Model): Promise<Emitter[]> {
  return [cloudInitEmitter, await loadTerraformEmitter(model), waypointEmitter];
}
