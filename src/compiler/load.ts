// The only I/O step of the compiler: find pilot.config.ts, bundle it in memory with esbuild, write the
// bundle to a temp .mjs, import it, unlink it. Returns the raw default export; validation is separate.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import { CODES, type Diagnostic, error, PilotError } from './diagnostics.ts';
import type { ConfigSource } from './validate.ts';

export const DEFAULT_CONFIG_FILES = ['pilot.config.ts', 'pilot.config.mts', 'pilot.config.js', 'pilot.config.mjs'];

/** The SDK a config imports always resolves to the running CLI's own copy (sources, or dist/sdk.mjs). */
const SDK_ENTRY = fileURLToPath(import.meta.url.endsWith('.ts') ? new URL('../dsl/index.ts', import.meta.url) : new URL('./sdk.mjs', import.meta.url));
const SDK_NAME = '@pilot-framework/pilot';

export type LoadedConfig = { source: ConfigSource; raw: unknown; dependencies: string[] };
export type LoadOptions = { cwd: string; configPath?: string; command: string };

export function findConfigFile(cwd: string, configPath?: string): string {
  if (configPath) {
    const file = resolve(cwd, configPath);
    if (!existsSync(file)) throw new PilotError([error(CODES.CONFIG_NOT_FOUND, `Config file ${configPath} does not exist`, { hint: 'Check the --config path (it is resolved from the current directory)' })]);
    return file;
  }
  for (const name of DEFAULT_CONFIG_FILES) {
    const file = join(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new PilotError([error(CODES.CONFIG_NOT_FOUND, `No ${DEFAULT_CONFIG_FILES[0]} in ${cwd}`, { hint: 'Run pilot in the directory that holds pilot.config.ts, or pass --config PATH' })]);
}

const sdkPlugin: Plugin = {
  name: 'pilot-sdk',
  setup(build) {
    build.onResolve({ filter: /^@pilot-framework\/pilot$/ }, () => ({ path: pathToFileURL(SDK_ENTRY).href, external: true }));
  },
};

function messageToDiagnostic(m: Message, cwd: string, severity: 'error' | 'duplicate'): Diagnostic {
  const loc = m.location ? { file: resolve(cwd, m.location.file), line: m.location.line, column: m.location.column + 1 } : undefined;
  if (severity === 'duplicate') {
    return error(CODES.DUPLICATE_NAME, m.text, { loc, lineText: m.location?.lineText, hint: 'Each key may appear once in an object: JavaScript would silently keep only the last one' });
  }
  const unresolved = /^Could not resolve/.test(m.text);
  return error(unresolved ? CODES.IMPORT_NOT_FOUND : CODES.BUNDLE_FAILED, m.text, {
    loc,
    lineText: m.location?.lineText,
    hint: unresolved ? `Install the package in this project, or fix the import path (pilot provides ${SDK_NAME} itself)` : 'Fix the syntax error at this position',
  });
}

/** The first stack frame inside the config file, source-mapped. */
function frameIn(err: unknown, file: string): { line: number; column: number } | undefined {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const url = pathToFileURL(file).href;
  for (const line of stack.split('\n')) {
    const m = /((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (m && (m[1] === file || m[1] === url)) return { line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** Where the temporary bundle goes: node_modules/.pilot when the project has node_modules. */
function bundlePath(file: string, code: string): string {
  const hash = createHash('sha256').update(code).update(String(process.pid)).digest('hex').slice(0, 10);
  const modules = join(dirname(file), 'node_modules');
  if (existsSync(modules)) {
    const dir = join(modules, '.pilot');
    mkdirSync(dir, { recursive: true });
    return join(dir, `${basename(file)}.${hash}.mjs`);
  }
  return join(dirname(file), `.${basename(file)}.${hash}.mjs`);
}

export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const file = findConfigFile(options.cwd, options.configPath);
  const text = readFileSync(file, 'utf8');
  const source: ConfigSource = { file, text };
  const { build } = await import('esbuild');
  const importMetaUrl = pathToFileURL(file).href;
  const outfile = bundlePath(file, text);
  const result = await build({
    entryPoints: [file],
    outfile,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'silent',
    packages: 'external',
    plugins: [sdkPlugin],
    banner: { js: `const __pilot_import_meta_url = ${JSON.stringify(importMetaUrl)}, __pilot_filename = ${JSON.stringify(file)}, __pilot_dirname = ${JSON.stringify(dirname(file))};` },
    define: { 'import.meta.url': '__pilot_import_meta_url', __filename: '__pilot_filename', __dirname: '__pilot_dirname' },
  }).catch((e: { errors?: Message[] }) => {
    if (!e.errors) throw e;
    throw new PilotError(e.errors.map((m) => messageToDiagnostic(m, options.cwd, 'error')));
  });
  const duplicates = result.warnings.filter((w) => w.id === 'duplicate-object-key');
  if (duplicates.length) throw new PilotError(duplicates.map((m) => messageToDiagnostic(m, options.cwd, 'duplicate')));
  const dependencies = Object.keys(result.metafile.inputs).map((p) => resolve(options.cwd, p)).filter((p) => !p.includes('/node_modules/'));

  process.setSourceMapsEnabled(true);
  writeFileSync(outfile, result.outputFiles[0].text);
  let mod: Record<string, unknown>;
  try {
    mod = await import(`${pathToFileURL(outfile).href}`);
  } catch (e) {
    throw evaluationError(e, file);
  } finally {
    if (process.env.PILOT_KEEP_BUNDLE !== '1') unlinkSync(outfile);
  }
  if (!('default' in mod)) {
    throw new PilotError([error(CODES.NO_DEFAULT_EXPORT, `${relative(options.cwd, file) || file} has no default export`, { loc: { file }, hint: 'End the file with: export default defineConfig({ ... })' })]);
  }
  let raw = mod.default;
  if (typeof raw === 'function') {
    try {
      raw = await (raw as (env: { command: string }) => unknown)({ command: options.command });
    } catch (e) {
      throw evaluationError(e, file);
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PilotError([error(CODES.EXPORT_NOT_OBJECT, `The default export is ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}, not a config object`, { loc: { file }, hint: 'Export defineConfig({ name, server, projects }) or a function that returns one' })]);
  }
  return { source, raw, dependencies };
}

function evaluationError(e: unknown, file: string): PilotError {
  if (e instanceof PilotError) return e;
  const text = readFileSync(file, 'utf8');
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(e instanceof Error ? e.message : '');
  if (missing && (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
    const name = missing[1];
    const lines = text.split('\n');
    const index = lines.findIndex((l) => l.includes(`'${name}`) || l.includes(`"${name}`));
    return new PilotError([
      error(CODES.IMPORT_NOT_FOUND, `Cannot find package '${name}' imported by the config`, {
        loc: { file, ...(index >= 0 ? { line: index + 1, column: lines[index].indexOf(name) } : {}) },
        ...(index >= 0 ? { lineText: lines[index] } : {}),
        hint: `Install it in this project (npm install ${name}), or remove the import`,
      }),
    ]);
  }
  const at = frameIn(e, file);
  const message = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : `threw ${JSON.stringify(e)}`;
  return new PilotError([
    error(CODES.CONFIG_THREW, `pilot.config threw while it was evaluated: ${message}`, {
      loc: { file, ...(at ?? {}) },
      ...(at ? { lineText: text.split('\n')[at.line - 1] } : {}),
      hint: 'Fix the code at this line; the config runs as a normal module when pilot loads it',
    }),
  ]);
}
