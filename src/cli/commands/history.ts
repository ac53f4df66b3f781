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
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const rows = entries.map((e) =>
    'unreadable' in e ? [`#${e.serial}`, `UNREADABLE: ${e.unreadable}`] : [`#${e.serial}`, e.appliedAt, describeWho(e.appliedBy), `pilot ${e.pilotVersion}`, `${plural(e.resources, 'resource')}, ${plural(e.apps, 'app')}, ${plural(e.secrets, 'secret')}`],
  );
  // Column widths from the readable rows; an unreadable row is its number and one message.
  const readable = rows.filter((r) => r.length > 2);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(0, ...(i === 0 ? rows : readable).map((r) => r[i]?.length ?? 0)));
  for (const r of rows) process.stdout.write(`  ${r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd()}\n`);
  if (readable.length < rows.length) process.stderr.write('Unreadable history files are listed, not used: pilot plan --against cannot compare with them.\n');
  return 0;
}
