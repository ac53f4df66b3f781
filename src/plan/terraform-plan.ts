// `pilot plan --terraform`: Terraform's own plan of the Terraform artifact (I/O edge). Runs
// `terraform init` (with -plugin-dir for offline/air-gapped use), `terraform plan -json -out` and
// `terraform show -json` in the work dir apply uses, and maps every Terraform error to the config
// path of the resource it names, instead of printing Terraform's wall of text.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES, type Diagnostic, error, PilotError, warning } from '../compiler/diagnostics.ts';
import { bareAddress } from './terraform-diff.ts';
import type { TerraformResourceChange } from './types.ts';

export type TerraformPlanOptions = {
  bin: string;
  workDir: string;
  mainTfJson: string;
  pluginDir?: string;
  configPaths: Record<string, string>;
  env?: NodeJS.ProcessEnv;
};
export type { TerraformResourceChange };

type Run = { code: number; stdout: string; stderr: string };
const run = (bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env: { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => reject(new PilotError([error(CODES.TERRAFORM_NOT_FOUND, `cannot run ${bin}: ${e.message}`, { hint: 'Install Terraform 1.11 or later, or pass --terraform-bin PATH' })])));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

/** The config block behind each provider pilot writes (terraform.required_providers sources). */
const PROVIDER_PATHS: Record<string, string> = { 'hashicorp/aws': 'clouds.aws', 'hashicorp/google': 'clouds.gcp' };

/**
 * `aws_instance.server[0]` / `module.x.aws_instance.server` -> the config path that produced it;
 * `provider["registry.terraform.io/hashicorp/aws"]` (optionally `.alias`; Terraform names a provider
 * configuration so in "with ..." lines) -> `clouds.aws`. Undefined when the address maps to nothing.
 */
export function configPathFor(address: string, configPaths: Record<string, string>): string | undefined {
  const provider = /^provider\["(?:[^"/]+\/)?([^"]+\/[^"]+)"\]/.exec(address);
  if (provider) return PROVIDER_PATHS[provider[1]];
  return configPaths[bareAddress(address)];
}

type TfDiag = { severity?: string; summary?: string; detail?: string; address?: string };

/** Terraform diagnostics as pilot's: the config path of the resource they name, summary, first detail line. */
export function mapTerraformDiagnostics(diags: TfDiag[], configPaths: Record<string, string>, step: string): Diagnostic[] {
  return diags.map((d) => {
    const path = d.address ? configPathFor(d.address, configPaths) : undefined;
    const message = `terraform ${step}: ${d.summary ?? 'failed'}${d.address ? ` (${d.address})` : ''}`;
    const hint = (d.detail ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ') || undefined;
    return d.severity === 'warning' ? warning(CODES.TERRAFORM_FAILED, message, { path, hint }) : error(CODES.TERRAFORM_FAILED, message, { path, hint });
  });
}

/** Errors from Terraform's human output (init has no -json): "Error: X" blocks with "with <address>," lines. */
export function parseTextDiagnostics(text: string): TfDiag[] {
  const out: TfDiag[] = [];
  const blocks = text.replace(/\u001b\[[0-9;]*m/g, '').split(/\n(?=(?:│ )?(?:Error|Warning): )/);
  for (const block of blocks) {
    const lines = block.split('\n').map((l) => l.replace(/^[│╷╵] ?/, ''));
    const head = /^(Error|Warning): (.*)$/.exec(lines.find((l) => /^(Error|Warning): /.test(l)) ?? '');
    if (!head) continue;
    const withLine = lines.map((l) => /^\s*with ([^,]+),/.exec(l)?.[1]).find(Boolean);
    const detail = lines.slice(lines.findIndex((l) => l.startsWith(head[0])) + 1).filter((l) => l.trim() && !/^\s*(with|on) /.test(l) && !/^\s*\d+:/.test(l)).join('\n');
    out.push({ severity: head[1] === 'Error' ? 'error' : 'warning', summary: head[2].trim(), detail, address: withLine });
  }
  return out;
}

/** One resource_changes entry of `terraform show -json` (Terraform's "JSON Output Format": replace_paths lists paths, each an array of steps, that forced a replace). */
export type ShownChange = { address: string; type: string; mode?: string; change: { actions: string[]; replace_paths?: unknown[][] } };

export function fromShown(r: ShownChange, configPaths: Record<string, string>): TerraformResourceChange {
  const replacedBy = [...new Set((r.change.replace_paths ?? []).map((p) => p[0]).filter((x): x is string => typeof x === 'string'))];
  return { address: r.address, type: r.type, actions: r.change.actions, ...(replacedBy.length ? { replacedBy } : {}), configPath: configPathFor(r.address, configPaths) ?? '' };
}

export async function runTerraformPlan(o: TerraformPlanOptions): Promise<{ resourceChanges: TerraformResourceChange[]; warnings: Diagnostic[] }> {
  const env = o.env ?? process.env;
  mkdirSync(o.workDir, { recursive: true });
  // Only main.tf.json is written: *_override.tf.json files placed beside it are kept and applied.
  writeFileSync(join(o.workDir, 'main.tf.json'), o.mainTfJson);
  const init = await run(o.bin, ['init', '-input=false', '-no-color', ...(o.pluginDir ? [`-plugin-dir=${o.pluginDir}`] : [])], o.workDir, env);
  if (init.code !== 0) {
    const diags = mapTerraformDiagnostics(parseTextDiagnostics(`${init.stdout}\n${init.stderr}`), o.configPaths, 'init').filter((d) => d.severity === 'error');
    throw new PilotError(diags.length ? diags : [error(CODES.TERRAFORM_FAILED, 'terraform init failed', { hint: init.stderr.trim().split('\n').slice(-3).join(' ') })]);
  }
  const plan = await run(o.bin, ['plan', '-input=false', '-no-color', '-json', '-out=pilot.tfplan'], o.workDir, env);
  const events = plan.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as { type?: string; diagnostic?: TfDiag };
      } catch {
        return {};
      }
    });
  const diags = mapTerraformDiagnostics(events.filter((e) => e.type === 'diagnostic' && e.diagnostic).map((e) => e.diagnostic!), o.configPaths, 'plan');
  if (plan.code !== 0) {
    const errors = diags.filter((d) => d.severity === 'error');
    throw new PilotError(errors.length ? errors : [error(CODES.TERRAFORM_FAILED, 'terraform plan failed', { hint: plan.stderr.trim().split('\n').slice(-3).join(' ') })]);
  }
  const show = await run(o.bin, ['show', '-json', '-no-color', 'pilot.tfplan'], o.workDir, env);
  if (show.code !== 0) throw new PilotError([error(CODES.TERRAFORM_FAILED, 'terraform show -json failed', { hint: show.stderr.trim().split('\n').slice(-3).join(' ') })]);
  const doc = JSON.parse(show.stdout) as { resource_changes?: ShownChange[] };
  const resourceChanges = (doc.resource_changes ?? [])
    .filter((r) => r.mode !== 'data')
    .map((r) => fromShown(r, o.configPaths))
    .sort((a, b) => (a.address < b.address ? -1 : 1));
  return { resourceChanges, warnings: diags.filter((d) => d.severity === 'warning') };
}
