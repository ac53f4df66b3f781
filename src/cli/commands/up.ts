// `pilot up PROJECT[/APP]`: deploy through the Waypoint server the record points at.
import { compileProject, openRecordStore } from '../../apply/context.ts';
import { connectFromRecord } from '../../apply/connect.ts';
import { asPilotError, withResume } from '../../apply/failures.ts';
import { awsLambdaPermissionClient } from '../../apply/lambda-url.ts';
import { upApps, type UpTarget } from '../../apply/up.ts';
import { CODES, error, PilotError } from '../../compiler/diagnostics.ts';
import type { Model } from '../../compiler/model.ts';
import { waypointAppName } from '../../compiler/names.ts';
import { resolveSshAuth } from '../../ssh/client.ts';

export type UpFlags = { config?: string; target: string; sshKey?: string; json: boolean };

/** PROJECT or PROJECT/APP -> the apps to deploy, checked against the config. */
export function upTargets(model: Model, target: string): UpTarget[] {
  const [projectName, appName, ...rest] = target.split('/');
  const project = model.projects.find((p) => p.name === projectName);
  const names = model.projects.flatMap((p) => p.apps.map((a) => `${p.name}/${a.name}`));
  if (!project || rest.length > 0)
    throw new PilotError([error(CODES.UNKNOWN_APP, `no project ${JSON.stringify(projectName)} in the config`, { hint: `Use PROJECT or PROJECT/APP: ${names.join(', ')}` })]);
  const apps = appName === undefined ? project.apps : project.apps.filter((a) => a.name === appName);
  if (apps.length === 0) throw new PilotError([error(CODES.UNKNOWN_APP, `project ${project.name} has no app ${JSON.stringify(appName)}`, { hint: `Its apps: ${project.apps.map((a) => a.name).join(', ')}` })]);
  return apps.map((a) => ({ label: `${project.name}/${a.name}`, project: project.name, app: waypointAppName(model, a), kind: a.deploy.kind, ...(a.deploy.kind === 'lambda' ? { lambdaRegion: a.deploy.region } : {}) }));
}

export async function runUp(flags: UpFlags): Promise<number> {
  const compiled = await compileProject(flags.config, 'up');
  const targets = upTargets(compiled.model, flags.target);
  const store = await openRecordStore(compiled.model, compiled.configDir);
  const current = await store.read();
  if (!current) throw new PilotError([error(CODES.NO_RECORD, 'nothing has been applied yet', { hint: 'Run pilot apply first' })]);
  // A missing SSH key or a server.json that does not match: coded, and nothing was deployed yet.
  const client = await Promise.resolve()
    .then(() => connectFromRecord(current.record, resolveSshAuth(flags.sshKey, process.env), process.env))
    .catch((e: unknown) => {
      const known = asPilotError(e);
      throw known ? withResume(known, [], 'Rerun pilot up once this is fixed') : e;
    });
  const write = flags.json ? (line: string) => void process.stdout.write(`${JSON.stringify({ type: 'line', text: line })}\n`) : (line: string) => void process.stdout.write(`${line}\n`);
  try {
    const results = await upApps({ client, write, lambdaClient: awsLambdaPermissionClient }, targets);
    const failed = results.filter((r) => !r.ok);
    if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'result', status: failed.length ? 'error' : 'ok', apps: results.map((r) => ({ app: r.target.label ?? `${r.target.project}/${r.target.app}`, waypointApp: r.target.app, ok: r.ok, url: r.url, error: r.error })) })}\n`);
    else if (failed.length) for (const f of failed) process.stderr.write(`✖ ${f.target.label ?? `${f.target.project}/${f.target.app}`} failed: ${f.error}\n  hint: the job's output is above; fix the cause and run pilot up again [${CODES.JOB_FAILED}]\n`);
    return failed.length ? 1 : 0;
  } finally {
    client.close();
  }
}
