// Evaluates a bundled config with a time limit, in a worker thread (or, for a plain synchronous config,
// in this thread: evaluate-inline.ts), and turns every way that can go wrong (throw, rejection, endless
// loop, a promise that never settles, process.exit, a function that returns nothing) into a coded
// Diagnostic. Nothing is written to disk: the worker imports a data: URL.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CODES, type Diagnostic, type DiagnosticCode, error, PilotError } from './diagnostics.ts';
import { evaluateInline } from './evaluate-inline.ts';
import { decodeValue, type EvaluateInput, type EvaluateMessage, type Phase, type StackPos } from './evaluate-codec.ts';

const FROM_SOURCES = import.meta.url.endsWith('.ts');
/** dist/evaluate-worker.mjs next to the CLI, or the TypeScript source in a checkout. */
const WORKER = new URL(FROM_SOURCES ? './evaluate-worker.ts' : './evaluate-worker.mjs', import.meta.url);

export type EvaluateOptions = { file: string; text: string; timeoutMs: number; input: EvaluateInput };

const DOING: Record<Phase, string> = {
  import: 'running its top-level code',
  function: 'running the config function',
  promise: 'waiting for the exported promise',
  'function-promise': 'waiting for the promise the config function returned',
};

/** Each stack frame that names a file, as a path (frames are already mapped to the original source). */
function* framesOf(stack: string): Generator<StackPos> {
  for (const line of stack.split('\n')) {
    const m = /((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (m) yield { file: m[1].replace(/^file:\/\//, ''), line: Number(m[2]), column: Number(m[3]) };
  }
}

/** The first stack frame inside the config file. */
export function frameIn(stack: string, file: string): StackPos | undefined {
  for (const f of framesOf(stack)) if (f.file === file) return f;
  return undefined;
}

/** pilot's own code (the CLI, the SDK, the worker), whether run from dist/ or from a checkout's src/. */
const PILOT_ROOT = fileURLToPath(new URL(FROM_SOURCES ? '../../' : '../', import.meta.url));
const PILOT_CODE = ['src/', 'dist/', 'bin/', 'plugins/'].map((dir) => `${PILOT_ROOT}${dir}`);

/**
 * The first stack frame in the user's own files: a file the config imports (lib/settings.ts), not a
 * package in node_modules, not node itself, not pilot. For a throw in a helper's top-level code,
 * which no frame of the config file calls.
 */
export function userFrame(stack: string): StackPos | undefined {
  for (const f of framesOf(stack)) if (!f.file.includes('/node_modules/') && !PILOT_CODE.some((dir) => f.file.startsWith(dir))) return f;
  return undefined;
}

function at(code: DiagnosticCode, message: string, hint: string, o: EvaluateOptions, pos?: { line: number; column: number; file?: string }): PilotError {
  const file = pos?.file ?? o.file;
  const d: Diagnostic = error(code, message, { loc: { file, ...(pos ? { line: pos.line, column: pos.column } : {}) }, hint });
  if (pos) d.lineText = sourceOf(file, o)?.split('\n')[pos.line - 1];
  return new PilotError([d]);
}

/** The config's text as loaded, or an imported file's text as it is on disk. */
function sourceOf(file: string, o: EvaluateOptions): string | undefined {
  if (file === o.file) return o.text;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function threw(m: Extract<EvaluateMessage, { kind: 'threw' }>, o: EvaluateOptions): PilotError {
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(m.message);
  if (missing && m.code === 'ERR_MODULE_NOT_FOUND') {
    const name = missing[1];
    const lines = o.text.split('\n');
    const index = lines.findIndex((l) => l.includes(`'${name}`) || l.includes(`"${name}`));
    return at(CODES.IMPORT_NOT_FOUND, `Cannot find package '${name}' imported by the config`, `Install it in this project (npm install ${name}), or remove the import`, o, index >= 0 ? { line: index + 1, column: lines[index].indexOf(name) + 1 } : undefined);
  }
  const what = `${m.name === 'Error' ? '' : `${m.name}: `}${m.message}`;
  const pos = frameIn(m.stack, o.file) ?? userFrame(m.stack);
  if (m.phase === 'promise' || m.phase === 'function-promise') {
    const whose = m.phase === 'promise' ? 'The default export is a promise that' : 'The promise returned by the config function';
    return at(CODES.CONFIG_REJECTED, `${whose} rejected: ${what}`, 'Handle the failure where the promise is made (the config must resolve to a config object)', o, pos);
  }
  const when = m.phase === 'function' ? 'The config function threw' : 'pilot.config threw while it was evaluated';
  const hint = !pos
    ? 'Find where the config, or a file or package it imports, throws this error (its stack has no line in your files); the config runs as a normal module when pilot loads it'
    : pos.file !== o.file
      ? 'Fix the code at this line of a file the config imports; its top-level code runs when pilot loads the config'
      : 'Fix the code at this line; the config runs as a normal module when pilot loads it';
  return at(CODES.CONFIG_THREW, `${when}: ${what}`, hint, o, pos);
}

function valueError(value: unknown, fn: StackPos | undefined, o: EvaluateOptions): PilotError | undefined {
  const pos = fn && fn.file === o.file ? fn : undefined;
  if (value === undefined && fn) {
    return at(CODES.CONFIG_RETURNED_NOTHING, 'The config function returned nothing (undefined)', 'Return the config from the function: () => ({ name, server, projects }), or end its body with return { ... }', o, pos);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
    const subject = fn ? 'The config function returned' : 'The default export is';
    return at(CODES.EXPORT_NOT_OBJECT, `${subject} ${what}, not a config object`, 'Export defineConfig({ name, server, projects }) or a function that returns one', o, pos);
  }
  return undefined;
}

const timedOut = (phase: Phase, o: EvaluateOptions) =>
  at(CODES.CONFIG_TIMEOUT, `pilot.config did not finish within ${o.timeoutMs / 1000} s (stopped while ${DOING[phase]})`, 'Look for an endless loop or a promise that never settles; if the config is only slow, raise the limit with --timeout SECONDS (or PILOT_TIMEOUT)', o);

/** The config's value from how its evaluation ended, or the diagnostic that says what went wrong. */
function outcome(m: Exclude<EvaluateMessage, { kind: 'phase' | 'exited' }>, o: EvaluateOptions): unknown {
  if (m.kind === 'threw') throw threw(m, o);
  if (m.kind === 'no-default') throw at(CODES.NO_DEFAULT_EXPORT, 'The config has no default export', 'End the file with: export default defineConfig({ ... })', o);
  if (m.circular) throw at(CODES.CONFIG_CIRCULAR, `The config refers to itself at ${m.circular.join('.')}`, 'A config is a tree of plain data: replace the circular reference with a copy', o);
  const value = decodeValue(m);
  const bad = valueError(value, m.function, o);
  if (bad) throw bad;
  return value;
}

/**
 * Runs a CommonJS bundle that canEvaluateInline accepted in this thread (no worker to start), with the
 * same diagnostics as the worker's evaluation.
 */
export function evaluateBundleInline(o: EvaluateOptions, sdkUrl: string, sdk: object): unknown {
  const result = evaluateInline(o.input, sdkUrl, sdk, o.timeoutMs);
  if ('timedOut' in result) throw timedOut(result.timedOut, o);
  return outcome(result.message, o);
}

/**
 * Starts the evaluation worker, which boots and then waits for its input: started before esbuild
 * bundles the config, its start-up overlaps the bundling. Terminate it if no evaluation follows.
 */
export function startEvaluator(): Worker {
  // From the sources (tests, a checkout never built), tsx must be registered inside the worker before
  // it imports the .ts entry: a worker does not inherit the parent's --import loader for its own entry.
  const worker = FROM_SOURCES
    ? new Worker(`const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(WORKER.href)});`, { eval: true, stdout: true })
    : new Worker(WORKER, { stdout: true });
  // console.log in a config goes to stderr: stdout belongs to pilot (and --json).
  worker.stdout.pipe(process.stderr);
  return worker;
}

/** Runs the bundle and resolves to the config's raw value (builders' call sites attached). */
export function evaluateBundle(o: EvaluateOptions, worker: Worker = startEvaluator()): Promise<unknown> {
  worker.postMessage(o.input);
  let phase: Phase = 'import';
  let exited: Extract<EvaluateMessage, { kind: 'exited' }> | undefined;
  return new Promise<unknown>((resolve, reject) => {
    // The clock starts once the worker runs (its own start-up is not the config's fault).
    let timer: NodeJS.Timeout | undefined;
    const start = () => {
      timer = setTimeout(() => {
        finish();
        reject(timedOut(phase, o));
      }, o.timeoutMs);
    };
    const finish = () => {
      clearTimeout(timer);
      worker.removeAllListeners();
      worker.on('error', () => {});
      void worker.terminate();
    };
    worker.on('message', (m: EvaluateMessage) => {
      if (m.kind === 'phase') {
        phase = m.phase;
        if (!timer) start();
      }
      else if (m.kind === 'exited') exited = m;
      else {
        finish();
        try {
          resolve(outcome(m, o));
        } catch (e) {
          reject(e);
        }
      }
    });
    worker.on('error', (e) => {
      finish();
      const err = e as Error & { code?: string };
      reject(threw({ kind: 'threw', phase, name: err.name, message: err.message, stack: err.stack ?? '', code: err.code }, o));
    });
    worker.on('exit', () => {
      finish();
      if (exited) return reject(at(CODES.CONFIG_EXITED, `pilot.config called process.exit(${exited.code ?? ''})`, 'Remove the call: throw an Error instead to stop with a message', o, frameIn(exited.stack, o.file)));
      // The worker ran out of work while still waiting: nothing can ever settle that promise.
      const never = phase === 'import' ? 'Its top-level await waits for a promise that never settles' : `While ${DOING[phase]}, pilot found nothing left that could settle it`;
      reject(at(CODES.CONFIG_NEVER_SETTLED, `pilot.config never finished: ${never}`, 'Make every promise the config awaits or exports resolve (or reject) eventually', o));
    });
  });
}
