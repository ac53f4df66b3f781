/** Where a builder was called in pilot.config.ts; attached to what it returns, never enumerable. */
export type SourceLoc = { file: string; line: number; column: number };

// Symbol.for: the CLI and the evaluated config may hold two copies of this module.
export const LOC = Symbol.for('pilot.loc');

const OWN_DIR = new URL('.', import.meta.url).href;

/** The first stack frame outside the DSL: the user's call to a builder. */
function callSite(): SourceLoc | undefined {
  // A few frames reach the user's call; each frame is source-mapped, so fewer is much cheaper.
  // (V8's Error.stackTraceLimit is not in lib.d.ts, which users' tsc checks this file against.)
  const v8Error = Error as { stackTraceLimit?: number };
  const limit = v8Error.stackTraceLimit;
  v8Error.stackTraceLimit = 8;
  const stack = new Error().stack?.split('\n').slice(1) ?? [];
  v8Error.stackTraceLimit = limit;
  for (const frame of stack) {
    const m = /\(?((?:file:\/\/|\/)[^()]*?):(\d+):(\d+)\)?\s*$/.exec(frame);
    if (!m) continue;
    const file = m[1].startsWith('file://') ? m[1] : `file://${m[1]}`;
    if (file.startsWith(OWN_DIR) || file.includes('/node_modules/')) continue;
    return { file: decodeURI(file.slice('file://'.length)), line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** Marks `value` with the caller's location so diagnostics can point at the line. */
export function located<T extends object>(value: T): T {
  const loc = callSite();
  if (loc) Object.defineProperty(value, LOC, { value: loc, enumerable: false });
  return value;
}

export function locOf(value: unknown): SourceLoc | undefined {
  return value !== null && typeof value === 'object' ? (value as { [LOC]?: SourceLoc })[LOC] : undefined;
}
