// Runs inside a worker thread started by evaluate.ts: imports the bundled config from a data: URL (so
// no file is ever written), awaits it, and posts back a structured-clone-safe copy of the value with
// the builders' call sites. The parent can terminate this thread at any moment (time limit).
import { parentPort, workerData } from 'node:worker_threads';
import { type FrameMapper, MAP_FRAME } from '../dsl/loc.ts';
import { bundleFrames } from './bundle-frames.ts';
import { callDefault, encodeValue, failure, type EvaluateInput, type EvaluateMessage, type Phase } from './evaluate-codec.ts';

// The input comes as workerData, or as the first message to a worker started ahead of it (startEvaluator).
const input = (workerData as EvaluateInput | undefined) ?? (await new Promise<EvaluateInput>((resolve) => parentPort!.once('message', resolve)));
const bundleUrl = `data:text/javascript;base64,${Buffer.from(`${input.code}\n//# sourceURL=${input.bundleName}`).toString('base64')}`;

// The bundle is the only data: module here: a prefix test, not a comparison of its whole URL (the
// base64 of the bundle), which made each builder call's stack trace linear in the config's size.
const BUNDLE_PREFIX = bundleUrl.slice(0, bundleUrl.indexOf(',') + 1);
const frames = bundleFrames(input, (name) => name != null && name.length === bundleUrl.length && name.startsWith(BUNDLE_PREFIX));
(globalThis as { [MAP_FRAME]?: FrameMapper })[MAP_FRAME] = frames.mapFrame;
Error.prepareStackTrace = frames.prepareStackTrace;

let phase: Phase = 'import';
const post = (m: EvaluateMessage) => parentPort!.postMessage(m);
post({ kind: 'phase', phase });

// process.exit() in a worker ends only this thread; say where it was called.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string) => {
  post({ kind: 'exited', code, stack: new Error('process.exit').stack ?? '' });
  return exit(code as number);
}) as typeof process.exit;

try {
  const mod = (await import(bundleUrl)) as Record<string, unknown>;
  const exported = callDefault(mod, input.command, frames.functionPos, () => post({ kind: 'phase', phase: (phase = 'function') }));
  if (!exported) {
    post({ kind: 'no-default' });
  } else {
    let value = exported.value;
    if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
      phase = exported.fn ? 'function-promise' : 'promise';
      post({ kind: 'phase', phase });
      value = await value;
    }
    post({ kind: 'value', function: exported.fn, ...encodeValue(value) });
  }
} catch (e) {
  post(failure(e, phase));
}
