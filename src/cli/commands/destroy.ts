// `pilot destroy`: show what goes, confirm naming the database and its final snapshot, then
// Waypoint's deployments and Terraform's resources (src/apply/destroy.ts).
import { hostname } from 'node:os';
import { compileProject, confirm, openRecordStore, parseDuration, workDirFor } from '../../apply/context.ts';
import { connectFromRecord } from '../../apply/connect.ts';
import { assertDestroyable, destroyAll, recordedApps, recordedDatabase } from '../../apply/destroy.ts';
import { createProgress } from '../../apply/progress.ts';
import { findTerraform, terraformRunner } from '../../backends/terraform/runner.ts';
import { CODES, error, PilotError } from '../../compiler/diagnostics.ts';
import { describeWho, whoAmI } from '../../state/index.ts';
import { resolveSshAuth } from '../../ssh/client.ts';
import { progressMode } from './apply.ts';

export type DestroyFlags = { config?: string; yes?: boolean; wait?: string; terraformBin?: string; sshKey?: string; skipWaypoint?: boolean; json: boolean };

export async function runDestroy(flags: DestroyFlags): Promise<number> {
  const env = process.env;
  const compiled = await compileProject(flags.config, 'destroy');
  const store = await openRecordStore(compiled.model, compiled.configDir);
  const current = await store.read();
  if (!current) throw new PilotError([error(CODES.NO_RECORD, 'nothing has been applied, so there is nothing to destroy', { hint: 'pilot destroy removes what the last pilot apply created' })]);
  assertDestroyable(current.record);
  const out = flags.json ? (s: string) => void process.stdout.write(s) : (s: string) => void process.stderr.write(s);
  const db = recordedDatabase(current.record);
  const apps = recordedApps(current.record);
  if (!flags.json) {
    out(`This destroys everything record #${current.record.serial} of ${compiled.model.name} created:\n`);
    out(`  ${apps.length} app deployment${apps.length === 1 ? '' : 's'} through Waypoint: ${apps.map((a) => `${a.project}/${a.app}`).join(', ') || 'none'}\n`);
    out('  every Terraform resource: the server (with the Waypoint database on it), networks, registries, sites\n');
    if (db) out(db.finalSnapshot ? `  the database ${db.identifier}; its final snapshot ${db.finalSnapshot} is kept\n` : `  the database ${db.identifier ?? db.address} WITHOUT a final snapshot: its data is lost\n`);
  }
  const dbWords = db ? ` and the database ${db.identifier ?? db.address}${db.finalSnapshot ? ` (final snapshot ${db.finalSnapshot})` : ' (no final snapshot)'}` : '';
  await confirm(`Destroy ${compiled.model.name}${dbWords}?`, { yes: flags.yes, what: 'destroy' });
  const bin = findTerraform(flags.terraformBin, env);
  const progress = createProgress({ mode: progressMode(flags.json), write: out });
  const who = whoAmI(env);
  await destroyAll(current, {
    store,
    workDir: workDirFor(compiled.configDir),
    terraform: (cwd, tfEnv) => terraformRunner({ bin, cwd, env: tfEnv, initArgs: env.TF_PLUGIN_DIR ? [`-plugin-dir=${env.TF_PLUGIN_DIR}`] : [], onLine: (l) => progress.line(l) }),
    waypoint: flags.skipWaypoint ? undefined : () => connectFromRecord(current.record, resolveSshAuth(flags.sshKey, env), env),
    progress,
    lock: { holder: describeWho(who), host: hostname(), pid: process.pid, waitMs: flags.wait ? parseDuration(flags.wait, '--wait') : 0 },
  }).finally(() => progress.close());
  process.stdout.write(flags.json ? `${JSON.stringify({ type: 'result', status: 'ok', destroyed: current.record.serial })}\n` : `✔ destroyed ${compiled.model.name}; record #${current.record.serial} stays in history (pilot history)\n`);
  return 0;
}
