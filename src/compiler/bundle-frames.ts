// Maps the bundled config's stack frames back to the user's files through esbuild's source map, for
// the builders' call sites (src/dsl/loc.ts) and for the stacks of errors the config throws. Shared by
// both places a config runs: the worker (evaluate-worker.ts) and this thread (evaluate-inline.ts).
import { SourceMap } from 'node:module';
import type { FrameMapper } from '../dsl/loc.ts';
import type { EvaluateInput, StackPos } from './evaluate-codec.ts';

export type BundleFrames = {
  /** Bundle line/column (1-based) -> the original file and position. */
  original(line: number, column: number): StackPos | undefined;
  /** For src/dsl/loc.ts: one frame of the bundle, mapped; undefined for a frame outside it. */
  mapFrame: FrameMapper;
  /** For Error.prepareStackTrace: stacks name the original files (Node's own source-map support is off). */
  prepareStackTrace(err: Error, frames: NodeJS.CallSite[]): string;
  /** Where `fn` is defined in the original file: its source text is a slice of the bundle. */
  functionPos(fn: Function): StackPos | undefined;
};

export function bundleFrames(input: Pick<EvaluateInput, 'code' | 'sourceMap' | 'configUrl' | 'bundleName'>, isBundle: (fileName: string | undefined | null) => boolean): BundleFrames {
  // Parsed when a frame is first mapped: most evaluations map none (call sites are read lazily).
  let map: SourceMap | undefined;
  const original = (line: number, column: number): StackPos | undefined => {
    map ??= new SourceMap(JSON.parse(input.sourceMap));
    const e = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (!e.originalSource || e.originalLine === undefined) return undefined;
    const file = new URL(e.originalSource, input.configUrl);
    return { file: file.protocol === 'file:' ? decodeURIComponent(file.pathname) : file.href, line: e.originalLine + 1, column: (e.originalColumn ?? 0) + 1 };
  };
  return {
    original,
    mapFrame: (name, line, column) => (isBundle(name) ? original(line, column) : undefined),
    prepareStackTrace(err, frames) {
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
    },
    functionPos(fn) {
      const offset = input.code.indexOf(Function.prototype.toString.call(fn));
      if (offset < 0) return undefined;
      const before = input.code.slice(0, offset).split('\n');
      return original(before.length, before[before.length - 1].length + 1);
    },
  };
}
