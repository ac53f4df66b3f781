// `pilot plan`: compile, read the record, compute the plan, render it; optionally Terraform's own
// plan and a saved plan for apply. Exit codes as `terraform plan -detailed-exitcode`: 0 no changes,
// 2 changes, 1 error.
import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { hasErrors, PilotError } from '../../compiler/diagnostics.ts';
import { loadConfig } from '../../compiler/load.ts';
import type { Model } from '../../compiler/model.ts';
import { computePlan, secretUsers, TERRAFORM_PATH } from '../../plan/compute.ts';
import { renderMarkdown } from '../../plan/render-markdown.ts';
import { renderText } from '../../plan/render-text.ts';
import { runTerraformPlan } from '../../plan/terraform-plan.ts';
import type { Plan } from '../../plan/types.ts';
import { fingerprint, openStore, serializeSavedPlan, terraformWorkDir } from '../../state/index.ts';
import { printJson } from '../output.ts';

export type PlanFlags = {
  config?: string;
  json: boolean;
  markdown?: boolean;
  color: boolean;
  out?: string;
  against?: number;
  diff?: boolean;
  terraform?: boolean;
  terraformPluginDir?: string;
  terraformBin?: string;
};

export async function runPlan(flags: PlanFlags, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cwd = process.cwd();
  const loading = loadConfig({ cwd, configPath: flags.config, command: 'plan' });
  // The emitters load while esbuild bundles the config and the worker evaluates it (as in compile).
  const compiler = import('../../compiler/compile.ts');
  const clouds = compiler.then(({ prefetchCloudGroups }) => prefetchCloudGroups());
  const loaded = await loading;
  const { compileConfig } = await compiler;
  await clouds;
  const result = await compileConfig(loaded.raw, loaded.source);
  if (hasErrors(result.diagnostics) || !result.model) throw new PilotError(result.diagnostics);
  const model = result.model;
  const configDir = dirname(loaded.source.file);
  const store = await openStore(model.state, configDir);
  const current = flags.against !== undefined ? await store.readHistory(flags.against) : await store.read();

  const secretFingerprints = fingerprintsFor(model, current?.record.secrets.salt, env);
  // Terraform's real plan first (--terraform), so its replacements and deletions are checked for dangers too.
  let terraform: Awaited<ReturnType<typeof runTerraformPlan>> | undefined;
  const main = flags.terraform ? result.artifacts.find((a) => a.path === TERRAFORM_PATH) : undefined;
  if (main)
    terraform = await runTerraformPlan({
      bin: flags.terraformBin ?? 'terraform',
      workDir: terraformWorkDir(configDir),
      mainTfJson: main.contents,
      pluginDir: flags.terraformPluginDir ?? env.TF_PLUGIN_DIR,
      configPaths: result.configPaths ?? {},
      env,
    });
  const plan: Plan = computePlan({
    record: current,
    artifacts: result.artifacts,
    model,
    configPaths: result.configPaths ?? {},
    secretFingerprints,
    compileWarnings: [...result.diagnostics, ...(terraform?.warnings ?? [])],
    ...(terraform ? { terraform: terraform.resourceChanges } : {}),
  });

  if (flags.out) {
    const text = serializeSavedPlan({
      pilotVersion: pkg.version,
      createdAt: new Date().toISOString(),
      configHash: result.configHash ?? '',
      against: { hash: current?.hash ?? null, serial: current?.record.serial ?? null },
      artifacts: result.artifacts.map((a) => ({ path: a.path, contents: a.contents })),
      configPaths: result.configPaths ?? {},
      model: model as unknown as Record<string, unknown>,
      plan: plan as unknown as Record<string, unknown>,
    });
    writeFileSync(resolve(cwd, flags.out), text, { mode: 0o600 });
  }

  const where = model.state.backend === 'local' ? relative(cwd, store.where) || '.' : store.where;
  if (flags.json) printJson(plan);
  else if (flags.markdown) process.stdout.write(renderMarkdown(plan, { where }));
  else process.stdout.write(renderText(plan, { color: flags.color, diffs: flags.diff, where }));
  // Compile and Terraform warnings are in plan.warnings, which every format prints (no second copy on stderr).
  if (flags.out && !flags.json) process.stderr.write(`saved plan: ${flags.out} (apply it with pilot apply ${flags.out})\n`);
  return plan.changed ? 2 : 0;
}

/**
 * Each secret's fingerprint with the record's salt; null when the environment lacks the value.
 * Before the first apply there is no salt: '' marks "has a value" (the plan shows it as added).
 */
export function fingerprintsFor(model: Model, salt: string | undefined, env: NodeJS.ProcessEnv): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of secretUsers(model).keys()) {
    const value = env[name];
    out[name] = value === undefined || value === '' ? null : salt ? fingerprint(salt, value) : '';
  }
  return out;
}
