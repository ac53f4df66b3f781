// Model -> waypoint/<project>.hcl: project, runner (git data source, poll), the variables bound
// from Terraform outputs at apply time, and one app block per app.
import type { Emitter } from '../../compiler/artifact.ts';
import { bindingsForProject } from '../../compiler/bindings.ts';
import type { Model, ModelProject } from '../../compiler/model.ts';
import { secretBindings } from '../../compiler/secrets.ts';
import { type Attr, type Block, expr, renderHcl } from './hcl.ts';
import { appBlock } from './stanzas.ts';

function runnerBlock(project: ModelProject): Block {
  const repo = project.repository;
  const git: Block = {
    type: 'data_source',
    labels: ['git'],
    attrs: [['url', repo.url], ['ref', repo.ref], ...(repo.path ? ([['path', repo.path]] as Attr[]) : [])],
  };
  const poll: Block = { type: 'poll', attrs: repo.poll === false ? [['enabled', false]] : [['enabled', true], ['interval', repo.poll]] };
  return { type: 'runner', attrs: [['enabled', true]], blocks: [git, poll] };
}

export function renderProject(model: Model, project: ModelProject): string {
  const bound: Block[] = bindingsForProject(model, project).map((b) => ({
    type: 'variable',
    labels: [b.name],
    attrs: [['type', expr(b.type)], ['description', `${b.description} (bound by pilot apply from Terraform output ${b.name})`]],
  }));
  // Secret values: set by pilot apply as server-side project variables. `sensitive` makes Waypoint
  // keep only a salted SHA-256 of the value in each job's record (v0.11.4
  // internal/config/variables/variables.go getJobValues).
  const secret: Block[] = secretBindings(model, project).map((b) => ({
    type: 'variable',
    labels: [b.name],
    attrs: [['type', expr('string')], ['sensitive', true], ['description', `${b.description} (set by pilot apply, never written to a file)`]],
  }));
  const variables = [...bound, ...secret].sort((a, b) => a.labels![0].localeCompare(b.labels![0]));
  return renderHcl({
    attrs: [['project', project.name], ...(Object.keys(project.labels).length ? ([['labels', project.labels]] as Attr[]) : [])],
    blocks: [runnerBlock(project), ...variables, ...project.apps.map((app) => appBlock(model, app))],
  });
}

export const waypointEmitter: Emitter = {
  name: 'waypoint',
  emit(model) {
    return {
      artifacts: model.projects.map((p) => ({ path: `waypoint/${p.name}.hcl`, contents: renderProject(model, p) })),
      diagnostics: [],
    };
  },
};
