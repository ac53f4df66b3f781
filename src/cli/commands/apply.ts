// `pilot apply [plan.json]`: show what changes, confirm, then run the apply steps (src/apply/apply.ts).
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { applyPlan, type ApplyInput } from '../../apply/apply.ts';
import { compileProject, confirm, openRecordStore, parseDuration, serverOverrides, workDirFor } from '../../apply/context.ts';
import { createProgress, type ProgressMode } from '../../apply/progress.ts';
import { findTerraform, terraformRunner } from '../../backends/terraform/runner.ts';
import { connectWaypoint } from '../../backends/waypoint/client/client.ts';
import type { Artifact } from '../../compiler/artifact.ts';
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

/** Which artifacts the apply would change against the record. */
export function artifactChanges(record: PilotRecord | undefined, artifacts: Artifact[]): string[] {
  const before = new Map((record?.artifacts ?? []).map((a) => [a.path, a.contents]));
  const lines: string[] = [];
  for (const a of artifacts) {
    if (!before.has(a.path)) lines.push(`+ ${a.path}`);
    else if (before.get(a.path) !== a.contents) lines.push(`~ ${a.path}`);
  }
  for (const path of before.keys()) if (!artifacts.some((a) => a.path === path)) lines.push(`- ${path}`);
  return lines;
}

async function putSecretValue(region: string, secretId: string, value: string): Promise<void> {
  const { SecretsManagerClient, PutSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region });
  try {
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
  } finally {
    client.destroy();
  }
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
  const store = await openRecordStore(input.model, configDir);
  const current = await store.read();
  const out = flags.json ? (s: string) => void process.stdout.write(s) : (s: string) => void process.stderr.write(s);

  if (!input.saved) {
    const changes = artifactChanges(current?.record, input.artifacts);
    if (!flags.json) {
      out(`Plan against ${current ? `record #${current.record.serial} (${describeWho(current.record.appliedBy)}, ${current.record.appliedAt})` : 'no record (first apply)'}:\n`);
      out(changes.length ? `${changes.map((l) => `  ${l}`).join('\n')}\n` : '  no changes to the artifacts (apply still converges Terraform and the Waypoint projects)\n');
    }
    await confirm(`Apply ${input.model.name} (${changes.length} artifact change${changes.length === 1 ? '' : 's'})?`, { yes: flags.yes, what: 'apply' });
  }

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
