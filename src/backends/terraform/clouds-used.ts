// Which clouds a model puts resources on. Kept apart from the resource groups so the emitter can
// decide what to load before loading it (each cloud's cdktf bindings take ~0.3 s to load).
import { allApps, type Model } from '../../compiler/model.ts';

export function usesAws(model: Model): boolean {
  return (
    model.server.cloud === 'aws' ||
    model.database?.cloud === 'aws' ||
    allApps(model).some((a) => a.deploy.kind === 'ecs' || a.deploy.kind === 'lambda' || a.deploy.kind === 'cloudfront' || a.registry?.kind === 'ecr')
  );
}

export function usesGcp(model: Model): boolean {
  return (
    model.server.cloud === 'gcp' ||
    model.database?.cloud === 'gcp' ||
    allApps(model).some((a) => a.deploy.kind === 'cloudRun' || a.deploy.kind === 'cloudCdn' || a.registry?.kind === 'artifactRegistry')
  );
}
