// Runs inside a worker thread started by evaluate.ts: imports the bundled config from a data: URL (so
// no file is ever written), awaits it, and posts back a structured-clone-safe copy of the value with
// the builders' call sites. The parent can terminate this thread at any moment (time limit).
import { SourceMap } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { type FrameMapper, MAP_FRAME } from '../dsl/loc.ts';
import { encodeValue, type EvaluateInput, type EvaluateMessage, type Phase, type StackPos } from './evaluate-codec.ts';

// The input comes as workerData, or as the first message to a worker started ahead of it (startEvaluator).
const input = (workerData as EvaluateInput | undefined) ?? (await new Promise<EvaluateInput>((resolve) => parentPort!.once('message', resolve)));
const map = new SourceMap(JSON.parse(input.sourceMap));
const bundleUrl = `data:text/javascript;base64,${Buffer.from(`${input.code}\n//# sourceURL=${input.bundleName}`).toString('base64')}`;

/** Bundle line/column (1-based) -> the original file and position, through esbuild's source map. */
function original(line: number, column: number): StackPos | undefined {
  const e = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (!e.originalSource || e.originalLine === undefined) return undefined;
  const file = new URL(e.originalSource, input.configUrl);
  return { file: file.protocol === 'file:' ? decodeURIComponent(file.pathname) : file.href, line: e.originalLine + 1, column: (e.originalColumn ?? 0) + 1 };
}

// The bundle is the only data: module here: a prefix test, not a comparison of its whole URL (the
// base64 of the bundle), which made each builder call's stack trace linear in the config's size.
const BUNDLE_PREFIX = bundleUrl.slice(0, bundleUrl.indexOf(',') + 1);
const isBundle = (name: string | undefined | null) => name != null && name.length === bundleUrl.length && name.startsWith(BUNDLE_PREFIX);

// Builders find the user's call (src/dsl/loc.ts) by mapping that one frame through the source map.
(globalThis as { [MAP_FRAME]?: FrameMapper })[MAP_FRAME] = (name, line, column) => (isBundle(name) ? original(line, column) : undefined);

// Stack traces of errors name the original files and lines (Node's own source-map support does not
// apply to data: URL modules).
Error.prepareStackTrace = (err: Error, frames: NodeJS.CallSite[]) => {
  const lines = frames.map((f) => {
    const inBundle = isBundle(f.getFileName());
    const at = inBundle && f.getLineNumber() ? original(f.getLineNumber()!, f.getColumnNumber() ?? 1) : undefined;
    const fn = f.getFunctionName();
    if (at) return fn ? `    at ${fn} (${at.file}:${at.line}:${at.column})` : `    at ${at.file}:${at.line}:${at.column}`;
    // Unmapped bundle code: name the bundle, never its data: URL (the whole bundle, base64).
    if (inBundle) return `    at ${fn ?? '<anonymous>'} (${input.bundleName}:${f.getLineNumber()}:${f.getColumnNumber()})`;
    return `    at ${String(f)}`;
  });
  return [`${err.name}: ${err.message}`, ...lines].join('\n');
};

/** Where `fn` is defined in the original file: its source text is a slice of the bundle. */
function functionPos(fn: Function): StackPos | undefined {
  const offset = input.code.indexOf(Function.prototype.toString.call(fn));
  if (offset < 0) return undefined;
  const before = input.code.slice(0, offset).split('\n');
  return original(before.length, before[before.length - 1].length + 1);
}

let phase: Phase = 'import';
const post = (m: EvaluateMessage) => parentPort!.postMessage(m);
post({ kind: 'phase', phase });

// process.exit() in a worker ends only this thread; say where it was called.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string) => {
  post({ kind: 'exited', code, stack: new Error('process.exit').stack ?? '' });
  return exit(code as number);
}) as typeof process.exit;

function failure(e: unknown, during: Phase): EvaluateMessage {
  const err = e instanceof Error ? e : undefined;
  return {
    kind: 'threw',
    phase: during,
    name: err?.name ?? 'Error',
    message: err ? err.message : `threw ${typeof e === 'string' ? JSON.stringify(e) : String(e)}`,
    stack: err?.stack ?? '',
    code: (err as { code?: unknown } | undefined)?.code === undefined ? undefined : String((err as { code?: unknown }).code),
  };
}

try {
  const mod = (await import(bundleUrl)) as Record<string, unknown>;
  if (!('default' in mod)) {
    post({ kind: 'no-default' });
  } else {
    let value = mod.default;
    let fn: StackPos | undefined;
    if (typeof value === 'function') {
      fn = functionPos(value);
      phase = 'function';
      post({ kind: 'phase', phase });
      value = (value as (env: { command: string }) => unknown)({ command: input.command });
    }
    if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
      phase = fn ? 'function-promise' : 'promise';
      post({ kind: 'phase', phase });
      value = await value;
    }
    post({ kind: 'value', function: fn, ...encodeValue(value) });
  }
} catch (e) {
  post(failure(e, phase));
}
