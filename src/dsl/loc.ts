/** Where a builder was called in pilot.config.ts; attached to what it returns, never enumerable. */
export type SourceLoc = { file: string; line: number; column: number };

// Symbol.for: the CLI and the evaluated config may hold two copies of this module.
export const LOC = Symbol.for('pilot.loc');

const OWN_DIR = new URL('.', import.meta.url).href;

/** The parts of V8's CallSite read here (NodeJS.CallSite is not in lib.d.ts, which users' tsc checks this file against). */
type Frame = { getFileName(): string | null | undefined; getLineNumber(): number | null; getColumnNumber(): number | null };
type V8Error = { stackTraceLimit?: number; prepareStackTrace?: (error: Error, frames: Frame[]) => unknown; captureStackTrace(target: object, constructorOpt?: Function): void };

/**
 * Set by pilot's evaluator: maps a frame of the bundled config to its original file, line and column
 * (esbuild's source map), or returns undefined for a frame outside the bundle.
 */
export const MAP_FRAME = Symbol.for('pilot.mapFrame');
export type FrameMapper = (fileName: string, line: number, column: number) => SourceLoc | undefined;

/**
 * The first stack frame outside the DSL: the user's call to a builder. Only the stack is captured
 * here: turning it into V8's frames and mapping one through the config's source map (which must be
 * parsed first) cost more than the rest of evaluating a large config, and the location is read only
 * by a diagnostic. So it is worked out when first read, with the mapper in force at the call.
 */
function callSite(): () => SourceLoc | undefined {
  const v8Error = Error as unknown as V8Error;
  const { stackTraceLimit } = v8Error;
  v8Error.stackTraceLimit = 8;
  const captured: { stack?: unknown } = {};
  v8Error.captureStackTrace(captured, callSite);
  v8Error.stackTraceLimit = stackTraceLimit;
  const map = (globalThis as { [MAP_FRAME]?: FrameMapper })[MAP_FRAME];
  return () => firstUserFrame(framesOf(captured), map);
}

/** V8 formats a captured stack when it is first read, through the Error.prepareStackTrace of that moment. */
function framesOf(captured: { stack?: unknown }): Frame[] {
  const v8Error = Error as unknown as V8Error;
  const { prepareStackTrace } = v8Error;
  v8Error.prepareStackTrace = (_error, frames) => frames;
  try {
    const frames = captured.stack;
    return Array.isArray(frames) ? frames : [];
  } finally {
    v8Error.prepareStackTrace = prepareStackTrace;
  }
}

function firstUserFrame(frames: Frame[], map: FrameMapper | undefined): SourceLoc | undefined {
  for (const frame of frames) {
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

/** Marks `value` with the caller's location so diagnostics can point at the line (worked out on first read). */
export function located<T extends object>(value: T): T {
  const site = callSite();
  let loc: SourceLoc | undefined | null = null;
  Object.defineProperty(value, LOC, {
    get: () => (loc === null ? (loc = site()) : loc),
    enumerable: false,
    configurable: true,
  });
  return value;
}

export function locOf(value: unknown): SourceLoc | undefined {
  return value !== null && typeof value === 'object' ? (value as { [LOC]?: SourceLoc })[LOC] : undefined;
}
