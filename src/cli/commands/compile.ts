// `pilot compile` and `pilot validate`: load -> compile -> write (or check, or only report).
import { dirname, join, relative, resolve } from 'node:path';
import { CODES, type Diagnostic, error, hasErrors } from '../../compiler/diagnostics.ts';
import { loadConfig } from '../../compiler/load.ts';
import { diagnosticsToJson, formatDiagnostics, type OutputOptions, printJson } from '../output.ts';
import { staleDiffs } from '../stale-diff.ts';
import { compareArtifacts, writeArtifacts } from '../write-artifacts.ts';

export type CompileFlags = { config?: string; out?: string; check?: boolean; json: boolean; color: boolean; /** Seconds (--timeout). */ timeout?: number };

/** Default output: .pilot/build next to pilot.config.ts, wherever pilot runs from. */
export const defaultOutDir = (configFile: string) => join(dirname(configFile), '.pilot', 'build');

export async function runCompile(flags: CompileFlags, mode: 'compile' | 'validate'): Promise<number> {
  const cwd = process.cwd();
  const o: OutputOptions = { json: flags.json, color: flags.color, cwd };
  const loading = loadConfig({ cwd, configPath: flags.config, command: mode, timeoutMs: flags.timeout === undefined ? undefined : Number(flags.timeout) * 1000 });
  // The compiler (zod schemas, emitters, both clouds' resource groups) loads while esbuild bundles the
  // config and the worker evaluates it: the main thread would only wait for them otherwise.
  const compiler = import('../../compiler/compile.ts');
  const clouds = compiler.then(({ prefetchCloudGroups }) => prefetchCloudGroups());
  const loaded = await loading;
  const { compileConfig, sha256 } = await compiler;
  await clouds;
  const config = relative(cwd, loaded.source.file) || loaded.source.file;
  // Found by searching upward: say which file it was.
  if (!flags.config && !o.json) process.stderr.write(`using ${config}\n`);
  const result = await compileConfig(loaded.raw, loaded.source);
  const outDir = flags.out ? resolve(cwd, flags.out) : defaultOutDir(loaded.source.file);
  // Only --json lists the hashes: hashing megabytes again for nothing cost a large compile 15 ms.
  const artifacts = () => result.artifacts.map((a) => ({ path: a.path, bytes: Buffer.byteLength(a.contents), sha256: sha256(a.contents) }));

  const report = (status: string, diagnostics: Diagnostic[], extra: Record<string, unknown> = {}) => {
    if (o.json) printJson({ status, config, diagnostics: diagnosticsToJson(diagnostics, cwd), artifacts: artifacts(), ...extra });
    else if (diagnostics.length) process.stderr.write(formatDiagnostics(diagnostics, o));
  };

  if (hasErrors(result.diagnostics)) {
    report('error', result.diagnostics);
    return 1;
  }
  if (mode === 'validate') {
    report('ok', result.diagnostics);
    if (!o.json) process.stdout.write(`✔ config is valid (${result.artifacts.length} artifacts)\n`);
    return 0;
  }
  if (flags.check) {
    const stale = compareArtifacts(outDir, result.artifacts);
    const lines = [...stale.changed.map((p) => `changed  ${p}`), ...stale.missing.map((p) => `missing  ${p}`), ...stale.extra.map((p) => `extra    ${p}`)];
    if (lines.length) {
      const d = error(CODES.STALE_OUTPUT, `${lines.length} file${lines.length > 1 ? 's' : ''} in ${outDir} differ from what the config compiles to`, { hint: 'Run pilot compile (without --check) and commit the result' });
      report('stale', [...result.diagnostics, d], { stale });
      if (!o.json) {
        process.stderr.write(`${lines.map((l) => `  ${l}`).join('\n')}\n`);
        if (stale.changed.length) process.stderr.write(`\n${staleDiffs(outDir, stale.changed, result.artifacts)}\n`);
      }
      return 1;
    }
    report('ok', result.diagnostics);
    if (!o.json) process.stdout.write(`✔ ${outDir} is up to date (${result.artifacts.length} files)\n`);
    return 0;
  }
  writeArtifacts(outDir, result.artifacts);
  report('ok', result.diagnostics, { outDir });
  if (!o.json) {
    process.stdout.write(`✔ wrote ${result.artifacts.length} files to ${outDir}\n`);
    for (const a of result.artifacts) process.stdout.write(`  ${a.path}\n`);
  }
  return 0;
}


