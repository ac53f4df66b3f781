// One `google_project_service` per API a feature uses. disable_on_destroy = false: turning an API
// off on destroy would break anything else in the project that uses it.
import type { TerraformResource } from 'cdktf';
import { ProjectService } from '@cdktf/provider-google/lib/project-service/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import type { StackContext } from '../emit.ts';
import { logicalId } from '../ids.ts';
import type { GoogleApi } from './context.ts';

/** Creates the services for `needed` (deduplicated, sorted) and returns a lookup for depends_on. */
export function addProjectServices(ctx: StackContext, project: string, needed: Iterable<GoogleApi>): (...apis: GoogleApi[]) => TerraformResource[] {
  const services = new Map<GoogleApi, ProjectService>();
  for (const api of [...new Set(needed)].sort()) {
    const service = new ProjectService(ctx.stack, `api_${api}`, { project: escapeTemplate(project), service: api, disableOnDestroy: false });
    services.set(api, ctx.addresses.pin(service, logicalId('api', api.split('.')[0]), 'clouds.gcp'));
  }
  return (...apis) =>
    apis.map((api) => {
      const s = services.get(api);
      // A group asking for an API it did not declare is a bug in pilot, not in the config.
      if (!s) throw new Error(`GCP API ${api} is used but was not enabled`);
      return s;
    });
}
