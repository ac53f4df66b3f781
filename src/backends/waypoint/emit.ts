// Model -> waypoint/<project>.hcl: project, runner (git data source, poll), the variables apply
// sets (Terraform outputs and secret values: projectVariables), and one app block per app.
import type { Emitter } from '../../compiler/artifact.ts';
import type { Model, ModelProject } from '../../compiler/model.ts';
import { projectVariables } from '../../compiler/secrets.ts';
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
  // Secret values are set by pilot apply as server-side project variables. `sensitive` makes
  // Waypoint keep only a salted SHA-256 of the value in each job's record (v0.11.4
  // internal/config/variables/variables.go getJobValues).
  const variables: Block[] = projectVariables(model, project).map((v) => ({
    type: 'variable',
    labels: [v.name],
    attrs:
      v.kind === 'output'
        ? [['type', expr(v.binding.type)], ['description', `${v.binding.description} (bound by pilot apply from Terraform output ${v.name})`]]
        : [['type', expr('string')], ['sensitive', true], ['description', `${v.binding.description} (set by pilot apply, never written to a file)`]],
  }));
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
