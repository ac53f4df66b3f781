// One Artifact Registry Docker repository per project whose apps push there (<region>-docker.pkg.dev;
// gcr.io is being retired), writable by the runner and by nobody else pilot creates.
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository/index.js';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member/index.js';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account/index.js';
import { escapeTemplate } from '../../../compiler/canonical.ts';
import type { ModelProject } from '../../../compiler/model.ts';
import { artifactRepository } from '../../../compiler/names.ts';
import { logicalId } from '../ids.ts';
import type { GcpContext } from './context.ts';
import { addOutput } from '../output.ts';
import { serviceAccountMember } from './runner-identity.ts';

/** Projects with at least one app pushing to Artifact Registry. */
export const artifactRegistryProjects = (projects: ModelProject[]) => projects.filter((p) => p.apps.some((a) => a.registry?.kind === 'artifactRegistry'));

export function addArtifactRegistries(ctx: GcpContext, runner: ServiceAccount): void {
  const project = escapeTemplate(ctx.project);
  const location = escapeTemplate(ctx.region);
  for (const p of artifactRegistryProjects(ctx.model.projects)) {
    const id = logicalId(p.name);
    const configPath = `projects.${p.name}`;
    const repository = ctx.addresses.pin(
      new ArtifactRegistryRepository(ctx.stack, `gcp_registry_${p.name}`, {
        repositoryId: artifactRepository(ctx.model.name, p.name),
        format: 'DOCKER',
        location,
        project,
        description: `Images of pilot project ${p.name}`,
        dependsOn: ctx.api('artifactregistry.googleapis.com'),
      }),
      id,
      configPath,
    );
    ctx.addresses.pin(
      new ArtifactRegistryRepositoryIamMember(ctx.stack, `gcp_registry_${p.name}_runner`, {
        project,
        location,
        repository: repository.name,
        role: 'roles/artifactregistry.writer',
        member: serviceAccountMember(runner),
      }),
      logicalId(p.name, 'runner'),
      configPath,
    );
    addOutput(
      ctx.stack,
      logicalId(p.name, 'artifact_registry'),
      `${location}-docker.pkg.dev/${project}/${escapeTemplate(artifactRepository(ctx.model.name, p.name))}`,
      `Artifact Registry repository of project ${p.name}`,
    );
    for (const app of p.apps) {
      if (app.registry?.kind !== 'artifactRegistry') continue;
      addOutput(ctx.stack, `${app.id}_registry_url`, escapeTemplate(app.registry.image), `Image of ${p.name}/${app.name}`);
    }
  }
}
