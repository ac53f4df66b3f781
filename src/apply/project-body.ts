// The UpsertProject body for one project. Pure. UpsertProject replaces the whole project except its
// applications (internal/server/boltdbstate/project.go:28-45), so every field is sent every time:
// - data_source / data_source_poll / remote_enabled come from the config, because the server ignores
//   the HCL's `runner` block (read only by `waypoint init`, internal/config/config.go:44-47; W-11);
// - waypoint_hcl is the compiled file, so the server's own poll and init jobs use pilot's HCL too
//   (internal/runner/operation.go:62-115);
// - variables: exactly the ones the HCL declares. An unset one fails every job of the project with
//   "Unset variable" (internal/config/variables/variables.go:746-756), an undeclared one with
//   "Undefined variable" (:634-646). A server-sourced `str` is never re-parsed as HCL (:665-672), so
//   list(string) values go as HCL text in `hcl` (W-10).
// Polling: as configured. With `poll` set, the first poll has no previous ref and counts as a change
// (internal/datasource/git.go:418-458), so the server deploys every app of the project within one
// interval of the first apply (W-12); README "Apply" says so.
import { bindingsForProject } from '../compiler/bindings.ts';
import { CODES, type Diagnostic, error } from '../compiler/diagnostics.ts';
import type { Model, ModelProject } from '../compiler/model.ts';
import type { TerraformOutputs } from '../backends/terraform/runner.ts';
import type { GitAuth, Project, Variable } from '../backends/waypoint/client/types.ts';
import { byCodePoint } from '../compiler/canonical.ts';


/** A sensitive value bound to a variable the HCL declares (a secret for Lambda / Cloud Run). */
export type SensitiveVariable = { name: string; value: string };

export type ProjectBodyInput = {
  model: Model;
  project: ModelProject;
  /** The compiled waypoint/<project>.hcl. */
  hcl: string;
  outputs: TerraformOutputs;
  sensitive: SensitiveVariable[];
  gitAuth?: GitAuth;
};

/** The variable names a pilot-rendered waypoint.hcl declares (`variable "name" {` at the top level). */
export function declaredVariables(hcl: string): string[] {
  return [...hcl.matchAll(/^variable "([^"]+)" \{$/gm)].map((m) => m[1]).sort();
}

/** A list of strings as HCL text: a JSON array of strings is a valid HCL tuple expression. */
const hclList = (values: string[]) => JSON.stringify(values);

export function projectBody(input: ProjectBodyInput): { project?: Project; diagnostics: Diagnostic[] } {
  const { model, project, hcl, outputs } = input;
  const diagnostics: Diagnostic[] = [];
  const variables: Variable[] = [];
  for (const b of bindingsForProject(model, project)) {
    const out = outputs[b.name];
    if (out === undefined) {
      diagnostics.push(error(CODES.OUTPUT_MISSING, `Terraform output ${b.name} is missing; project ${project.name}'s waypoint.hcl needs it`, {
        path: `projects.${project.name}`, hint: 'Rerun pilot apply: the Terraform apply must finish before projects are pushed',
      }));
      continue;
    }
    if (b.type === 'list(string)') {
      if (!Array.isArray(out.value) || !out.value.every((v) => typeof v === 'string'))
        diagnostics.push(error(CODES.OUTPUT_MISSING, `Terraform output ${b.name} is not a list of strings`, { path: `projects.${project.name}` }));
      else variables.push({ name: b.name, hcl: hclList(out.value), server: {} });
    } else {
      if (typeof out.value !== 'string')
        diagnostics.push(error(CODES.OUTPUT_MISSING, `Terraform output ${b.name} is not a string`, { path: `projects.${project.name}` }));
      else variables.push({ name: b.name, str: out.value, server: {} });
    }
  }
  for (const s of input.sensitive) variables.push({ name: s.name, str: s.value, sensitive: true, server: {} });
  variables.sort((a, b) => byCodePoint(a.name, b.name));

  const sent = variables.map((v) => v.name);
  const declared = declaredVariables(hcl);
  const missing = declared.filter((n) => !sent.includes(n));
  const extra = sent.filter((n) => !declared.includes(n));
  if (diagnostics.length === 0 && (missing.length > 0 || extra.length > 0))
    diagnostics.push(error(CODES.VARIABLES_MISMATCH, `project ${project.name}: the variables pilot would send differ from those its waypoint.hcl declares (missing: ${missing.join(', ') || 'none'}; undeclared: ${extra.join(', ') || 'none'})`, {
      path: `projects.${project.name}`, hint: 'This is a bug in pilot: every job of the project would fail with "Unset variable" or "Undefined variable"',
    }));
  if (diagnostics.length > 0) return { diagnostics };

  const repo = project.repository;
  return {
    diagnostics,
    project: {
      name: project.name,
      // Lets `waypoint` CLI users queue remote jobs on this project (internal/client/runner.go:60-64).
      remote_enabled: true,
      data_source: { git: { url: repo.url, ref: repo.ref, path: repo.path ?? '', ...(input.gitAuth ?? {}) } },
      data_source_poll: repo.poll === false ? { enabled: false, interval: '' } : { enabled: true, interval: repo.poll },
      waypoint_hcl: Buffer.from(hcl),
      waypoint_hcl_format: 'HCL',
      variables,
    },
  };
}
