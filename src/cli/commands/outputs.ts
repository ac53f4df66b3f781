// `pilot outputs [name] [--json]`: what the last apply produced, from the record. Never a password:
// sensitive outputs have no value in the record, and the database password is named by where it is.
import { compileProject, openRecordStore } from '../../apply/context.ts';
import { GCP_DB_PASSWORD_PATH } from '../../apply/apply.ts';
import { CODES, error, PilotError } from '../../compiler/diagnostics.ts';
import type { PilotRecord } from '../../state/index.ts';

export type OutputsFlags = { config?: string; name?: string; json: boolean };

/** How to get the database password, without the password. */
export function databasePasswordHint(record: PilotRecord): string | undefined {
  const o = record.terraformOutputs;
  const arn = o.database_secret_arn?.value;
  if (typeof arn === 'string') return `Secrets Manager secret ${arn}, JSON key "password": aws secretsmanager get-secret-value --secret-id ${arn}`;
  const user = o.database_user?.value;
  if (typeof user === 'string')
    return `Cloud SQL user ${user}: the PILOT_GCP_DB_PASSWORD given at the first apply, or, if pilot generated it, root-only on the server in ${GCP_DB_PASSWORD_PATH}`;
  return undefined;
}

export async function runOutputs(flags: OutputsFlags): Promise<number> {
  const compiled = await compileProject(flags.config, 'outputs');
  const store = await openRecordStore(compiled.model, compiled.configDir);
  const current = await store.read();
  if (!current) throw new PilotError([error(CODES.NO_RECORD, 'nothing has been applied yet, so there are no outputs', { hint: 'Run pilot apply first' })]);
  const outputs = Object.entries(current.record.terraformOutputs).filter(([, v]) => !v.sensitive).map(([k, v]) => [k, v.value] as const);
  const password = databasePasswordHint(current.record);
  if (flags.name) {
    const hit = outputs.find(([k]) => k === flags.name);
    if (!hit) throw new PilotError([error(CODES.OUTPUT_MISSING, `no output ${flags.name} in record #${current.record.serial}`, { hint: `Outputs: ${outputs.map(([k]) => k).join(', ')}` })]);
    process.stdout.write(flags.json ? `${JSON.stringify(hit[1])}\n` : `${typeof hit[1] === 'string' ? hit[1] : JSON.stringify(hit[1])}\n`);
    return 0;
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ serial: current.record.serial, outputs: Object.fromEntries(outputs), ...(password ? { databasePassword: password } : {}) }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...outputs.map(([k]) => k.length), 17);
  for (const [k, v] of outputs) process.stdout.write(`${k.padEnd(width)}  ${typeof v === 'string' ? v : JSON.stringify(v)}\n`);
  if (password) process.stdout.write(`${'database password'.padEnd(width)}  ${password}\n`);
  return 0;
}
