/** Where a builder was called in pilot.config.ts; attached to what it returns, never enumerable. */
export type SourceLoc = { file: string; line: number; column: number };

// Symbol.for: the CLI and the evaluated config may hold two copies of this module.
export const LOC = Symbol.for('pilot.loc');

const OWN_DIR = new URL('.', import.meta.url).href;

/** The parts of V8's CallSite read here (NodeJS.CallSite is not in lib.d.ts, which users' tsc checks this file against). */
type Frame = { getFileName(): string | null | undefined; getLineNumber(): number | null; getColumnNumber(): number | null };
type V8Error = { stackTraceLimit?: number; prepareStackTrace?: (error: Error, frames: Frame[]) => unknown };

/**
 * Set by pilot's evaluator: maps a frame of the bundled config to its original file, line and column
 * (esbuild's source map), or returns undefined for a frame outside the bundle.
 */
export const MAP_FRAME = Symbol.for('pilot.mapFrame');
export type FrameMapper = (fileName: string, line: number, column: number) => SourceLoc | undefined;

/** The first stack frame outside the DSL: the user's call to a builder. */
function callSite(): SourceLoc | undefined {
  // V8's structured frames, not the formatted stack: only the one frame that is used gets mapped
  // through the source map, and a few frames reach the user's call.
  const v8Error = Error as unknown as V8Error;
  const { stackTraceLimit, prepareStackTrace } = v8Error;
  v8Error.stackTraceLimit = 8;
  v8Error.prepareStackTrace = (_error, frames) => frames;
  const frames = new Error().stack as unknown as Frame[];
  v8Error.stackTraceLimit = stackTraceLimit;
  v8Error.prepareStackTrace = prepareStackTrace;
  const map = (globalThis as { [MAP_FRAME]?: FrameMapper })[MAP_FRAME];
  for (const frame of frames.slice(1)) {
    const name = frame.getFileName();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber() ?? 1;
    if (!name || !line) continue;
    const mapped = map?.(name, line, column);
    const file = mapped ? `file://${mapped.file}` : name.startsWith('/') ? `file://${name}` : name;
    if (!file.startsWith('file://') || file.startsWith(OWN_DIR) || file.includes('/node_modules/')) continue;
    return mapped ?? { file: decodeURI(file.slice('file://'.length)), line, column };
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
