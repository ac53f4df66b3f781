// `pilot history`: the applied records kept in the store, newest first.
import { dirname } from 'node:path';
import { prepareModel } from '../../compiler/compile.ts';
import { hasErrors, PilotError } from '../../compiler/diagnostics.ts';
import { loadConfig } from '../../compiler/load.ts';
import { describeWho, openStore } from '../../state/index.ts';
import { printJson } from '../output.ts';

export async function runHistory(flags: { config?: string; json: boolean }): Promise<number> {
  const cwd = process.cwd();
  const loaded = await loadConfig({ cwd, configPath: flags.config, command: 'history' });
  // Only the state block is needed, but it is read through the same validation as every command.
  const result = prepareModel(loaded.raw, loaded.source);
  if (hasErrors(result.diagnostics) || !result.model) throw new PilotError(result.diagnostics);
  const store = await openStore(result.model.state, dirname(loaded.source.file));
  const entries = await store.history();
  if (flags.json) {
    printJson({ where: store.where, records: entries });
    return 0;
  }
  if (!entries.length) {
    process.stdout.write(`No applied records in ${store.where} yet.\n`);
    return 0;
  }
  process.stdout.write(`Applied records in ${store.where}, newest first (pilot plan --against N compares with one):\n\n`);
  const rows = entries.map((e) => [`#${e.serial}`, e.appliedAt, describeWho(e.appliedBy), `pilot ${e.pilotVersion}`, `${e.artifacts} files`]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) process.stdout.write(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}\n`);
  return 0;
}
