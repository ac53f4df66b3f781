// The I/O step of the compiler: find pilot.config.ts, bundle it in memory with esbuild, evaluate the
// bundle in a worker with a time limit (evaluate.ts). Writes no file. Returns the raw default export;
// validation is separate.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, Metafile, Plugin } from 'esbuild';
import { requireCached } from './code-cache.ts';
import { CODES, type Diagnostic, error, PilotError } from './diagnostics.ts';
import { evaluateBundle, evaluateBundleInline, startEvaluator } from './evaluate.ts';
import { canEvaluateInline } from './evaluate-inline.ts';
import type { ConfigSource } from './validate.ts';

export const DEFAULT_CONFIG_FILES = ['pilot.config.ts', 'pilot.config.mts', 'pilot.config.js', 'pilot.config.mjs'];

/** The SDK a config imports always resolves to the running CLI's own copy (sources, or dist/sdk.mjs). */
const SDK_ENTRY = fileURLToPath(import.meta.url.endsWith('.ts') ? new URL('../dsl/index.ts', import.meta.url) : new URL('./sdk.mjs', import.meta.url));
const SDK_NAME = '@pilot-framework/pilot';
const SDK_URL = pathToFileURL(SDK_ENTRY).href;

/** How long a config may take to evaluate: --timeout, else PILOT_TIMEOUT (seconds), else 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export type LoadedConfig = { source: ConfigSource; raw: unknown; dependencies: string[] };
export type LoadOptions = { cwd: string; configPath?: string; command: string; timeoutMs?: number };

/** --config as given, else the nearest pilot.config.* in cwd or a parent, up to the repository root. */
export function findConfigFile(cwd: string, configPath?: string): string {
  if (configPath) {
    const file = resolve(cwd, configPath);
    if (!existsSync(file)) throw new PilotError([error(CODES.CONFIG_NOT_FOUND, `Config file ${configPath} does not exist`, { hint: 'Check the --config path (it is resolved from the current directory)' })]);
    return file;
  }
  // Like git and other config-file tools: search upward, but never past the repository (a .git).
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of DEFAULT_CONFIG_FILES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) {
      throw new PilotError([error(CODES.CONFIG_NOT_FOUND, `No ${DEFAULT_CONFIG_FILES[0]} in ${cwd} or a parent directory up to ${dir}`, { hint: 'Create pilot.config.ts at the root of the repository, or pass --config PATH' })]);
    }
  }
}

function timeoutFromEnv(): number | undefined {
  return process.env.PILOT_TIMEOUT ? Number(process.env.PILOT_TIMEOUT) * 1000 : undefined;
}

const INNER = Symbol('pilot-resolve');

// The bundle runs from a data: URL, where Node resolves only absolute URLs and builtins: so every
// package import is resolved here (by esbuild, with Node's "import" conditions) to an absolute file URL.
const resolvePlugin: Plugin = {
  name: 'pilot-resolve',
  setup(build) {
    build.onResolve({ filter: /^@pilot-framework\/pilot$/ }, () => ({ path: SDK_URL, external: true }));
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === INNER || isBuiltin(args.path)) return undefined;
      const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: INNER });
      if (r.errors.length) return { errors: r.errors };
      if (!r.path) return undefined;
      return { path: pathToFileURL(r.path).href, external: true };
    });
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

export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const file = findConfigFile(options.cwd, options.configPath);
  const text = readFileSync(file, 'utf8');
  const source: ConfigSource = { file, text };
  const configUrl = pathToFileURL(file).href;
  const bundleName = `${configUrl}.bundle.mjs`;
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv() ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) throw new PilotError([error(CODES.INVALID_TIMEOUT, `The time limit must be a positive number of seconds, not ${String(timeoutMs / 1000)}`, { hint: 'Pass --timeout SECONDS, e.g. --timeout 30' })]);
  const evaluation = (b: Bundle) => ({ file, text, timeoutMs, input: { code: b.code, sourceMap: b.sourceMap, bundleName, configUrl, command: options.command } });

  // A plain synchronous config runs in this thread (evaluate-inline.ts). Bundled as CommonJS to be
  // run as a script; a config CommonJS cannot express (top-level await) fails here and takes the worker.
  const script = await bundleConfig(file, 'cjs', options.cwd).catch(() => undefined);
  if (script && canEvaluateInline(script.code, script.metafile, SDK_URL)) {
    // The SDK this thread already has (the bundle's import of SDK_URL is served by it): the shipped
    // CLI's dist/commands.cjs carries its own copy, and cannot import() dist/sdk.mjs.
    const sdk = (await import('../dsl/index.ts')) as object;
    return { source, raw: evaluateBundleInline(evaluation(script), SDK_URL, sdk), dependencies: script.dependencies };
  }
  // Booted now, the worker's start-up overlaps esbuild's bundling.
  const evaluator = startEvaluator();
  try {
    const module = await bundleConfig(file, 'esm', options.cwd);
    return { source, raw: await evaluateBundle(evaluation(module), evaluator), dependencies: module.dependencies };
  } catch (e) {
    void evaluator.terminate();
    throw e;
  }
}

let esbuild: typeof import('esbuild') | undefined;
/**
 * esbuild's JS API, compiled through V8's code cache (code-cache.ts): requiring it cost ~15 ms of
 * every compile. Required, not imported: importing its CommonJS entry makes Node scan it for exports.
 */
function esbuildApi(): typeof import('esbuild') {
  if (!esbuild) {
    const require = createRequire(import.meta.url);
    // Its version names its content (the cache's key).
    const { version } = require('esbuild/package.json') as { version: string };
    esbuild = requireCached(require.resolve('esbuild'), 'esbuild', version, 'api') as typeof import('esbuild');
  }
  return esbuild;
}

export type Bundle = { code: string; sourceMap: string; metafile: Metafile; dependencies: string[] };

/** The config and the files it imports in one module, in memory; packages stay imports (resolvePlugin). */
export async function bundleConfig(file: string, format: 'esm' | 'cjs', cwd: string): Promise<Bundle> {
  const { build } = esbuildApi();
  const configUrl = pathToFileURL(file).href;
  const result = await build({
    entryPoints: [file],
    // Never written (write: false); it only places the source map's paths next to the config.
    outfile: `${file}.bundle.mjs`,
    bundle: true,
    write: false,
    platform: 'node',
    format,
    target: `node${process.versions.node.split('.')[0]}`,
    sourcemap: 'external',
    metafile: true,
    logLevel: 'silent',
    plugins: [resolvePlugin],
    banner: { js: `const __pilot_import_meta_url = ${JSON.stringify(configUrl)}, __pilot_filename = ${JSON.stringify(file)}, __pilot_dirname = ${JSON.stringify(dirname(file))};` },
    define: { 'import.meta.url': '__pilot_import_meta_url', __filename: '__pilot_filename', __dirname: '__pilot_dirname' },
  }).catch((e: { errors?: Message[] }) => {
    if (!e.errors) throw e;
    throw new PilotError(e.errors.map((m) => messageToDiagnostic(m, cwd, 'error')));
  });
  const duplicates = result.warnings.filter((w) => w.id === 'duplicate-object-key');
  if (duplicates.length) throw new PilotError(duplicates.map((m) => messageToDiagnostic(m, cwd, 'duplicate')));
  return {
    code: result.outputFiles.find((f) => f.path.endsWith('.mjs'))!.text,
    sourceMap: result.outputFiles.find((f) => f.path.endsWith('.map'))!.text,
    metafile: result.metafile,
    dependencies: Object.keys(result.metafile.inputs).map((p) => resolve(cwd, p)).filter((p) => !p.includes('/node_modules/')),
  };
}
