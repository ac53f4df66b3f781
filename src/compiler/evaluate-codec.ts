// What crosses the thread boundary between evaluate.ts and evaluate-worker.ts. A config value is
// copied as plain data (structured clone); what a clone would lose travels beside it by path: the
// builders' call sites (a non-enumerable symbol) and values that cannot be cloned (functions).
import { LOC, type SourceLoc } from '../dsl/loc.ts';

export type Path = Array<string | number>;
export type StackPos = { file: string; line: number; column: number };

/** What the worker is doing; named in a time-out so the user knows where it got stuck. */
export type Phase = 'import' | 'function' | 'promise' | 'function-promise';

export type EvaluateInput = { code: string; sourceMap: string; bundleName: string; configUrl: string; command: string };

export type Encoded = { value: unknown; locs: Array<[Path, SourceLoc]>; functions: Path[]; circular?: Path };

export type EvaluateMessage =
  | { kind: 'phase'; phase: Phase }
  | { kind: 'no-default' }
  | { kind: 'exited'; code?: number | string; stack: string }
  | ({ kind: 'value'; function?: StackPos } & Encoded)
  | { kind: 'threw'; phase: Phase; name: string; message: string; stack: string; code?: string };

/**
 * A copy of `root` that survives postMessage, plus what the copy cannot carry. With `sameThread` (the
 * config ran in pilot's own thread) the copy is already what decodeValue makes of it: functions are
 * placeholders and each call site stays a lazy property, so no location is worked out unless a
 * diagnostic reads it (src/dsl/loc.ts).
 */
export function encodeValue(root: unknown, sameThread = false): Encoded {
  const locs: Encoded['locs'] = [];
  const functions: Path[] = [];
  const ancestors = new Set<object>();
  const path: Path = [];
  let circular: Path | undefined;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'function') {
      if (sameThread) return function config() {};
      functions.push([...path]);
      return null;
    }
    if (typeof v === 'symbol') return String(v);
    if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof RegExp) return v;
    if (ancestors.has(v)) {
      circular ??= [...path];
      return null;
    }
    ancestors.add(v);
    const out: Record<string | number, unknown> | unknown[] = Array.isArray(v) ? [] : {};
    for (const [k, x] of Array.isArray(v) ? v.entries() : Object.entries(v)) {
      path.push(k);
      (out as Record<string | number, unknown>)[k] = walk(x);
      path.pop();
    }
    ancestors.delete(v);
    const site = Object.getOwnPropertyDescriptor(v, LOC);
    if (site && sameThread) Object.defineProperty(out, LOC, site);
    else if (site) {
      const loc = (v as { [LOC]?: SourceLoc })[LOC];
      if (loc) locs.push([[...path], loc]);
    }
    return out;
  };
  const value = walk(root);
  return { value, locs, functions, ...(circular ? { circular } : {}) };
}

/** The value back in this thread, with call sites re-attached where src/dsl/loc.ts would put them. */
export function decodeValue(e: Encoded): unknown {
  let root = e.value;
  const at = (path: Path): { parent: Record<string | number, unknown> | undefined; key: string | number | undefined } => {
    let cur = root as Record<string | number, unknown>;
    for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
    return { parent: path.length ? cur : undefined, key: path[path.length - 1] };
  };
  for (const path of e.functions) {
    const { parent, key } = at(path);
    if (parent && key !== undefined) parent[key] = function config() {};
    else root = function config() {};
  }
  for (const [path, loc] of e.locs) {
    const { parent, key } = at(path);
    const target = parent && key !== undefined ? parent[key] : root;
    if (target !== null && typeof target === 'object') Object.defineProperty(target, LOC, { value: loc, enumerable: false });
  }
  return root;
}

/** What the config threw, during `phase`, as the evaluator reports it. */
export function failure(e: unknown, phase: Phase): Extract<EvaluateMessage, { kind: 'threw' }> {
  const err = e instanceof Error ? e : undefined;
  return {
    kind: 'threw',
    phase,
    name: err?.name ?? 'Error',
    message: err ? err.message : `threw ${typeof e === 'string' ? JSON.stringify(e) : String(e)}`,
    stack: err?.stack ?? '',
    code: (err as { code?: unknown } | undefined)?.code === undefined ? undefined : String((err as { code?: unknown }).code),
  };
}

/**
 * The config's value: its default export, called with `{ command }` when it is a function (after
 * `calling`, so a time-out names that phase), with where that function is defined; undefined when the
 * module has no default export. Promises are the caller's to await.
 */
export function callDefault(mod: Record<string, unknown>, command: string, functionPos: (fn: Function) => StackPos | undefined, calling: () => void): { value: unknown; fn?: StackPos } | undefined {
  if (!('default' in mod)) return undefined;
  const exported = mod.default;
  if (typeof exported !== 'function') return { value: exported };
  const fn = functionPos(exported);
  calling();
  return { value: (exported as (env: { command: string }) => unknown)({ command }), fn };
}
