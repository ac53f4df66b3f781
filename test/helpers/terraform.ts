// Runs the real Terraform CLI on an emitted main.tf.json, offline: init from the machine's local
// plugin directory, validate -json, plan with an override file that gives the AWS provider dummy
// keys and no account lookups (added here, never in the artifact), then show -json of the plan.
// Network is cut off with `unshare -n` when the machine allows it, proving nothing is fetched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type TfDiagnostic = { severity: 'error' | 'warning'; summary: string; detail?: string };
export type TfValidate = { valid: boolean; error_count: number; warning_count: number; diagnostics: TfDiagnostic[] };
export type TfResourceChange = { address: string; type: string; name: string; change: { actions: string[]; after: Record<string, unknown> | null; after_unknown: Record<string, unknown> } };
export type TfPlan = {
  resource_changes: TfResourceChange[];
  planned_values: { outputs?: Record<string, { sensitive: boolean; value?: unknown }> };
  configuration: { provider_config?: Record<string, unknown>; root_module: { resources?: { address: string; mode: string }[]; outputs?: Record<string, unknown> } };
};
export type TfRun = { validate: TfValidate; plan: TfPlan; planText: string; planJsonText: string };

/** The provider override the offline plan needs; kept out of the artifact on purpose. */
export const OFFLINE_OVERRIDE = {
  provider: {
    aws: {
      access_key: 'AKIAOFFLINETESTONLY00',
      secret_key: 'offline-test-secret-key-not-real',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      max_retries: 1,
    },
  },
  // Remote state backends would be contacted by init; the plan only needs somewhere local.
  terraform: { backend: { local: { path: 'terraform.tfstate' } } },
};

/**
 * Terraform reads a data source during plan when its arguments are known, which needs AWS. The
 * override makes one argument of each AWS data source depend on the VPC's (unknown) ID, so the
 * read is deferred to apply and the plan shows its results as "known after apply".
 */
const DEFERRED_ARGUMENT: Record<string, string> = { aws_ssm_parameter: 'name', aws_availability_zones: 'state' };
export function deferredDataSources(mainTfJson: string): { data?: Record<string, Record<string, Record<string, string>>> } {
  const doc = JSON.parse(mainTfJson) as { data?: Record<string, Record<string, Record<string, unknown>>>; resource?: Record<string, Record<string, unknown>> };
  const data: Record<string, Record<string, Record<string, string>>> = {};
  for (const [type, byName] of Object.entries(doc.data ?? {})) {
    if (!type.startsWith('aws_')) continue;
    const arg = DEFERRED_ARGUMENT[type];
    if (!arg) throw new Error(`the offline plan does not know how to defer data.${type}`);
    if (!doc.resource?.aws_vpc?.pilot) throw new Error(`data.${type} needs aws_vpc.pilot to defer it`);
    for (const [name, body] of Object.entries(byName)) (data[type] ??= {})[name] = { [arg]: `\${substr(aws_vpc.pilot.id, 0, 0)}${body[arg] as string}` };
  }
  return Object.keys(data).length ? { data } : {};
}

let pluginDir: string | undefined;
export function terraformPluginDir(): string {
  if (pluginDir) return pluginDir;
  const fromEnv = process.env.TF_PLUGIN_DIR;
  if (fromEnv) return (pluginDir = fromEnv);
  const found = spawnSync('find', ['/', '-maxdepth', '4', '-name', 'registry.terraform.io', '-not', '-path', '/proc/*'], { encoding: 'utf8' }).stdout.split('\n').find(Boolean);
  if (!found) throw new Error('no Terraform plugin directory: set TF_PLUGIN_DIR');
  return (pluginDir = dirname(found));
}

const offlinePrefix = (() => {
  let checked: string[] | undefined;
  return () => (checked ??= spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : []);
})();

/**
 * Writes `files` (paths relative to a fresh build directory, e.g. "terraform/main.tf.json") and runs
 * init, validate, plan and show inside `<build>/terraform`. Throws with Terraform's output on failure.
 */
export function runTerraform(files: Record<string, string>): TfRun {
  const root = mkdtempSync(join(tmpdir(), 'pilot-tf-'));
  try {
    for (const [rel, contents] of Object.entries(files)) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), contents);
    }
    const cwd = join(root, 'terraform');
    if (!existsSync(join(cwd, 'main.tf.json'))) throw new Error('runTerraform needs terraform/main.tf.json');
    writeFileSync(join(cwd, 'zz_offline_override.tf.json'), JSON.stringify({ ...OFFLINE_OVERRIDE, ...deferredDataSources(readFileSync(join(cwd, 'main.tf.json'), 'utf8')) }));
    writeFileSync(join(root, 'empty.tfrc'), '');
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_CLI_CONFIG_FILE: join(root, 'empty.tfrc') };
    const tf = (args: string[], okCodes = [0]) => {
      const [cmd, ...pre] = [...offlinePrefix(), 'terraform'];
      const r = spawnSync(cmd, [...pre, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
      if (!okCodes.includes(r.status ?? -1)) throw new Error(`terraform ${args[0]} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    };
    tf(['init', '-input=false', '-no-color', `-plugin-dir=${terraformPluginDir()}`]);
    const validate = JSON.parse(tf(['validate', '-json', '-no-color'], [0, 1])) as TfValidate;
    if (!validate.valid) return { validate, plan: { resource_changes: [], planned_values: {}, configuration: { root_module: {} } }, planText: '', planJsonText: '' };
    const planText = tf(['plan', '-input=false', '-no-color', '-lock=false', '-out=plan.bin']);
    const planJsonText = tf(['show', '-json', 'plan.bin']);
    return { validate, plan: JSON.parse(planJsonText) as TfPlan, planText, planJsonText };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
