// Evaluates a plain, synchronous config in this thread instead of a worker. A worker is a second
// Node start (on the 2-core development machine about 100 ms of CPU, most of a small compile), and
// it exists for the time limit: a config that never finishes must be stopped. In this thread, V8
// stops a script that runs past `timeout` (vm's watchdog), but only while that one call runs. So only
// a config none of whose code can run after the call returns is evaluated here: it imports nothing
// but pilot itself (a package or builtin could run code later, and a package's top-level code runs
// when it is loaded) and names nothing that schedules code or escapes to the process (await,
// promises, timers, the console, process beyond process.env, the global object, eval). A false
// positive costs only the worker's start; every other config takes the worker (evaluate.ts).
import vm from 'node:vm';
import type { Metafile } from 'esbuild';
import { type FrameMapper, MAP_FRAME } from '../dsl/loc.ts';
import { bundleFrames } from './bundle-frames.ts';
import { callDefault, encodeValue, failure, type EvaluateInput, type EvaluateMessage, type Phase } from './evaluate-codec.ts';

/** Words whose presence sends a config to the worker (see above); strings and comments count too. */
const MAY_RUN_LATER = /\b(?:async|await|Promise|then|setTimeout|setInterval|setImmediate|clearTimeout|queueMicrotask|nextTick|console|process|global|globalThis|eval|Function|constructor|import|require|fetch|WebAssembly|Worker|Atomics|SharedArrayBuffer|FinalizationRegistry|WeakRef)\b/;

/** A CommonJS bundle (esbuild format 'cjs') that may run in this thread: see the top of this file. */
export function canEvaluateInline(code: string, metafile: Metafile, sdkUrl: string): boolean {
  const imports = Object.values(metafile.outputs).flatMap((o) => o.imports);
  if (!imports.every((i) => i.external && i.path === sdkUrl)) return false;
  // esbuild's own require of the SDK, and reads of process.env, are the only allowed uses of those words.
  const own = code.split(`require(${JSON.stringify(sdkUrl)})`).join('').replace(/\bprocess\.env\b/g, '');
  return !MAY_RUN_LATER.test(own);
}

export type InlineOutcome = { message: Exclude<EvaluateMessage, { kind: 'phase' | 'exited' }> } | { timedOut: Phase };

// The call that runs the config: a script of its own, so vm's timeout covers everything it calls.
const RUN = Symbol.for('pilot.inline-run');
const RUN_SCRIPT = new vm.Script(`globalThis[Symbol.for('pilot.inline-run')]()`);

/** Runs the CommonJS bundle `input.code` against the already-loaded SDK module, within `timeoutMs`. */
export function evaluateInline(input: EvaluateInput, sdkUrl: string, sdk: object, timeoutMs: number): InlineOutcome {
  const frames = bundleFrames(input, (name) => name === input.bundleName);
  // The wrapper sits on a line of its own (lineOffset -1), so the bundle's lines keep their numbers.
  const wrapper = new vm.Script(`(function (exports, require, module) { "use strict";\n${input.code}\n})`, { filename: input.bundleName, lineOffset: -1 });
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string) => {
    if (id === sdkUrl) return sdk;
    throw new Error(`pilot: the config's bundle requires ${id}, which canEvaluateInline should have refused`);
  };
  let phase: Phase = 'import';
  let message: Exclude<EvaluateMessage, { kind: 'phase' | 'exited' }> | undefined;
  const run = () => {
    try {
      (wrapper.runInThisContext() as (e: object, r: typeof require, m: typeof module) => void)(module.exports, require, module);
      const exported = callDefault(module.exports, input.command, frames.functionPos, () => (phase = 'function'));
      message = exported ? { kind: 'value', function: exported.fn, ...encodeValue(exported.value, true) } : { kind: 'no-default' };
    } catch (e) {
      message = failure(e, phase);
    }
  };
  const globals = globalThis as { [RUN]?: () => void; [MAP_FRAME]?: FrameMapper };
  const prepareStackTrace = Error.prepareStackTrace;
  globals[RUN] = run;
  globals[MAP_FRAME] = frames.mapFrame;
  Error.prepareStackTrace = frames.prepareStackTrace;
  try {
    RUN_SCRIPT.runInThisContext({ timeout: timeoutMs });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { timedOut: phase };
    throw e;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    delete globals[MAP_FRAME];
    delete globals[RUN];
  }
  return { message: message! };
}
