// `pilot apply [plan.json]`: show what changes, confirm, then run the apply steps (src/apply/apply.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { applyPlan, type ApplyInput } from '../../apply/apply.ts';
import { appsOfArtifacts, leavingApps, recordedApps, removedProjectsRefusal } from '../../apply/apps.ts';
import { awsLambdaPermissionClient } from '../../apply/lambda-url.ts';
import { resolveSecrets } from '../../apply/secret-values.ts';
import { hasErrors, PilotError } from '../../compiler/diagnostics.ts';
import { compileProject, confirm, openRecordStore, parseDuration, serverOverrides, workDirFor } from '../../apply/context.ts';
import { createProgress, type ProgressMode } from '../../apply/progress.ts';
import { findTerraform, terraformRunner } from '../../backends/terraform/runner.ts';
import { connectWaypoint } from '../../backends/waypoint/client/client.ts';
import { computePlan } from '../../plan/compute.ts';
import { renderText } from '../../plan/render-text.ts';
import { fingerprintsFor } from './plan.ts';
import type { Model } from '../../compiler/model.ts';
import { describeWho, parseSavedPlan, type PilotRecord, whoAmI } from '../../state/index.ts';
import { resolveSshAuth } from '../../ssh/client.ts';

export type ApplyFlags = {
  config?: string;
  planFile?: string;
  yes?: boolean;
  wait?: string;
  terraformBin?: string;
  sshKey?: string;
  prune?: boolean;
  readyTimeout?: string;
  json: boolean;
};

export const progressMode = (json: boolean): ProgressMode => (json ? 'json' : process.stderr.isTTY ? 'tty' : 'plain');

async function putSecretValue(region: string, secretId: string, value: string): Promise<void> {
  // require: the shipped CLI runs as a script compiled from V8's code cache, which cannot import() (scripts/build.mjs).
  const { SecretsManagerClient, PutSecretValueCommand } = createRequire(import.meta.url)('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region });
  try {
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
  } finally {
    client.destroy();
  }
}

/** A project that left the config with apps still deployed, without --prune: refused before asking (applyPlan checks again under the lock). */
function refuseRemovedProjects(input: ApplyInput, record: PilotRecord | undefined, flags: ApplyFlags): void {
  const refusal = removedProjectsRefusal(leavingApps(record ? recordedApps(record) : [], appsOfArtifacts(input.artifacts), !!flags.prune).retain);
  if (refusal) throw refusal;
}

export async function runApply(flags: ApplyFlags): Promise<number> {
  const env = process.env;
  let input: ApplyInput;
  let configDir: string;
  if (flags.planFile) {
    const where = resolve(flags.planFile);
    const plan = parseSavedPlan(readFileSync(where, 'utf8'), flags.planFile);
    const compiled = await compileProject(flags.config, 'apply');
    configDir = compiled.configDir;
    input = { model: plan.model as unknown as Model, artifacts: plan.artifacts, configHash: plan.configHash, configPaths: plan.configPaths, saved: { plan, where: flags.planFile } };
  } else {
    const compiled = await compileProject(flags.config, 'apply');
    configDir = compiled.configDir;
    input = { model: compiled.model, artifacts: compiled.artifacts, configHash: compiled.configHash, configPaths: compiled.configPaths };
  }
  // Every secret value before the plan is shown and confirmed (applyPlan checks again).
  const secrets = resolveSecrets(input.model, env);
  if (hasErrors(secrets.diagnostics)) throw new PilotError(secrets.diagnostics);
  const store = await openRecordStore(input.model, configDir);
  const current = await store.read();
  const out = flags.json ? (s: string) => void process.stdout.write(s) : (s: string) => void process.stderr.write(s);

  // The same plan `pilot plan` shows, computed against the record read now (a saved plan was shown when it was made).
  const plan = input.saved ? undefined : computePlan({ record: current, artifacts: input.artifacts, model: input.model, configPaths: input.configPaths, secretFingerprints: fingerprintsFor(input.model, current?.record.secrets.salt, env) });
  if (plan && flags.json) out(`${JSON.stringify({ type: 'plan', plan })}\n`);
  else if (plan) {
    out(renderText(plan, { color: false, where: store.where }));
    if (!plan.changed) out('Applying anyway converges Terraform and the Waypoint projects with the record.\n');
  }
  refuseRemovedProjects(input, current?.record, flags);
  if (plan) await confirm(`Apply ${input.model.name}${plan.changed ? '' : ' (no changes)'}?`, { yes: flags.yes, what: 'apply' });

  const o = serverOverrides(env);
  const progress = createProgress({ mode: progressMode(flags.json), write: out });
  const bin = findTerraform(flags.terraformBin, env);
  const who = whoAmI(env);
  const result = await applyPlan(input, {
    store,
    workDir: workDirFor(configDir),
    terraform: (cwd, tfEnv, omitEnv) => terraformRunner({ bin, cwd, env: tfEnv, omitEnv, initArgs: env.TF_PLUGIN_DIR ? [`-plugin-dir=${env.TF_PLUGIN_DIR}`] : [], onLine: (line) => progress.line(line) }),
    ssh: { auth: () => resolveSshAuth(flags.sshKey, env), port: o.sshPort, username: o.sshUser, remoteRoot: o.remoteRoot, readyTimeoutMs: parseDuration(flags.readyTimeout ?? '15m', '--ready-timeout'), intervalMs: 5000 },
    waypoint: { port: o.waypointPort, connect: (ep) => connectWaypoint(ep) },
    putSecretValue,
    lambda: awsLambdaPermissionClient,
    env,
    progress,
    who,
    pilotVersion: pkg.version,
    lock: { holder: describeWho(who), host: hostname(), pid: process.pid, waitMs: flags.wait ? parseDuration(flags.wait, '--wait') : 0 },
    prune: !!flags.prune,
  }).finally(() => progress.close());

  const server = result.outputs.server_address?.value;
  const ui = result.outputs.waypoint_url?.value;
  if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'result', status: 'ok', serial: result.record.serial, server, waypointUrl: ui, pruned: result.pruned })}\n`);
  else {
    process.stdout.write(`✔ applied ${input.model.name}: record #${result.record.serial}\n`);
    if (server) process.stdout.write(`  server       ${server}\n`);
    if (ui) process.stdout.write(`  Waypoint UI  ${ui}\n`);
    process.stdout.write('  pilot outputs shows everything; pilot up PROJECT/APP deploys an app\n');
  }
  return 0;
}
